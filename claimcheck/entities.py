"""Who a figure is about: organisations found from evidence in the copy, people set aside, references resolved.

The default pack knows no company by name. A capitalised name is an organisation when the copy says so:
a legal form or organisation word ("Lumo Bank AS", "Kelpie Robotics"), an apposition ("Adyen, the Dutch
payments company,"), a descriptor in front ("carmaker Toyota"), a possessive business noun ("Klarna's
revenue"), an acting verb ("Klarna raised"), a ticker ("(NASDAQ: XYZ)"). A name with a person's title
("chief executive Jane Doe", "Jane Doe, the founder") is a person and never a subject. Short forms
("Samsung" after "Samsung Electronics") and acronyms in parentheses merge into the first full name;
"the company", "the lender", "it", "its" resolve to the organisation in focus where they stand.
An alias table (user configuration) adds real synonyms ("Meta" = "Facebook").
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.pack import pack_dir
from claimcheck.sentences import Sentences

PRONOUNS = ("its", "it", "we", "our", "us")
GENERIC_REFERENCES = ("the company", "the startup", "the start-up", "the firm", "the group", "the business")
_TOKEN = r"(?:[A-Z][\w&'’.-]*[\w]|[A-Z](?![\w'’])|\d[\w]*[A-Za-z][\w]*)"
_NAME = re.compile(rf"(?<![\w&'’.@/-]){_TOKEN}(?:[ \t]+(?:of[ \t]+|&[ \t]+)?{_TOKEN})*")
_BASED = re.compile(r"^[\w.-]+-based\s+")
_TICKER = re.compile(r"^\s*\((?:NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|HKEX|SIX|XETRA|Euronext|OMX|TYO|KRX|NSE|BSE|SGX|OTC)"
                     r"\s*:\s*[A-Z0-9.]{1,8}\)")
_ACRONYM = re.compile(r"^\s*\(([A-Z][A-Z0-9&]{1,7})\)")
# "led by X", "backed by X", "an investment from X": a party to a deal, a person only with a title.
_PARTY_BEFORE = re.compile(
    r"(?:led\s+by|co-led\s+by|backed\s+by|investors?\s+(?:including|such\s+as|like)|participation\s+(?:of|from)"
    r"|partnership\s+with|investment\s+(?:from|by|in)|stake\s+in|invest(?:s|ed|ing)?\s+in|acquired\s+by|bought\s+by"
    r"|funding\s+from|acquisition\s+of|(?:agreed|deal|offer|bid)\s+to\s+(?:buy|acquire)|takeover\s+of"
    r"|(?:\d|million|billion|trillion|bn|m|mn)\s+(?:stake\s+)?(?:in|into))\s+(?:the\s+)?$",
    re.IGNORECASE)
_SHARES_OF = re.compile(r"(?:shares|stock)\s+(?:of|in)\s+$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as|&)\s*")
# A name introduced as a party to someone else's deal does not take the focus of the story.
_INVESTOR_CUE = re.compile(
    r"(?:led\s+by|co-led\s+by|backed\s+by|from|investors?|including|alongside|such\s+as|participation\s+of"
    r"|acquired\s+by|bought\s+by|customers?|clients?|partners?|rivals?|competitors?|peers?|like|than)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)


# Words that may open a sentence before a name but are never part of it, even of "European Space Agency".
_LEADING_WORDS = frozenset(
    "the in on at by for and but or of to from with as if so while when after before since under over about despite "
    "although meanwhile however last next this that these those its their our his her also both all some many most "
    "each other another such read see according analysts investors shares".split())


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name or reference at `text[start:end]` standing for the organisation `name`."""

    start: int
    end: int
    name: str
    kind: str  # "alias", "organisation" or "reference"


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of `rules/organisations.toml`, compiled once per run."""

    legal_forms: frozenset[str]
    dropped_words: frozenset[str]
    organisation_words: frozenset[str]
    investor_words: frozenset[str]
    not_names: frozenset[str]
    descriptor: re.Pattern[str]
    descriptor_before: re.Pattern[str]
    apposition: re.Pattern[str]
    lead_description: re.Pattern[str]
    title_before: re.Pattern[str]
    title_after: re.Pattern[str]
    actor_after: re.Pattern[str]
    possession_after: re.Pattern[str]
    reference: re.Pattern[str]

    @classmethod
    def load(cls, data: dict) -> "Vocabulary":
        def alt(words: list[str]) -> str:
            return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

        descriptors = alt(data["descriptors"])
        titles = alt(data["person_titles"])
        return cls(
            legal_forms=frozenset(w.rstrip(".") for w in data["legal_forms"]),
            dropped_words=frozenset(data["dropped_words"]),
            organisation_words=frozenset(data["organisation_words"]),
            investor_words=frozenset(data["investor_words"]),
            not_names=frozenset(w.rstrip(".") for w in data["not_names"]["words"]),
            descriptor=re.compile(rf"(?:{descriptors})", re.IGNORECASE),
            descriptor_before=re.compile(
                rf"(?<![\w-])(?:{descriptors})(?:['’]s)?[ \t]+$", re.IGNORECASE),
            apposition=re.compile(
                rf"^\s*,\s+(?:the|a|an|its|which\s+is\s+(?:a|an|the))\s+(?:[\w.&'’-]+\s+){{0,5}}?"
                rf"(?P<noun>{descriptors})s?(?![\w-])", re.IGNORECASE),
            # "**Ericsson.** The Swedish maker of network gear reported": a round-up's name and its description
            lead_description=re.compile(
                rf"^[*_]*[.:]?[*_]*\s+The\s+(?:[\w.&'’-]+\s+){{0,4}}?(?P<noun>{descriptors})s?(?![\w-])"),
            title_before=re.compile(
                rf"(?<![\w-])(?:{titles})\.?(?:\s+and\s+(?:{titles}))?(?:\s+(?:of|at)\s+[\w&'’.-]+(?:\s+[\w&'’.-]+)?)?,?[ \t]+$",
                re.IGNORECASE),
            title_after=re.compile(
                rf"^\s*(?:,\s+(?:(?:the|a|an|its|their|his|her|[\w&.-]+['’]s)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{titles})(?![\w-])"
                rf"|,\s+who\b|\s+\((?:{titles})\))", re.IGNORECASE),
            actor_after=re.compile(rf"^[ \t]+(?:(?:has|have|had|also|then|now|recently|last\s+\w+)\s+)?(?:{alt(data['actor_verbs'])})(?![\w-])"),
            possession_after=re.compile(
                rf"^['’]s?\s+(?:(?:[\w-]+\s+)?(?:{alt(data['possessions'])})(?![\w-])|(?:[A-Z]{{0,3}}[$€£¥₹]|\d))", re.IGNORECASE),
            reference=re.compile(
                rf"(?<![\w-])(?:(?P<pronoun>[Ii]ts|[Ii]t|[Ww]e|[Oo]ur|us)"
                rf"|(?P<desc>[Tt]he\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{descriptors})))(?![\w-])"),
        )


class EntityTable:
    """The organisation vocabulary and the user's alias table; `document()` finds the entities of one text."""

    def __init__(self, aliases: dict[str, str], vocabulary: Vocabulary) -> None:
        self.aliases = aliases
        self.vocabulary = vocabulary
        parts = []
        for alias in sorted(aliases, key=len, reverse=True):
            escaped = re.escape(alias).replace(r"\ ", r"\s+")
            if alias.lower().startswith("the "):
                escaped = "[Tt]he" + escaped[3:]
            parts.append(escaped)
        self.pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])") if parts else None
        self._keys = {" ".join(a.split()).lower(): n for a, n in aliases.items()}

    @classmethod
    def load(cls, paths: list[Path] | None = None) -> "EntityTable":
        """The pack's vocabulary plus the alias files of the configuration (`[[entity]]` name/aliases)."""
        with open(pack_dir() / "organisations.toml", "rb") as fh:
            data = tomllib.load(fh)
        aliases: dict[str, str] = {}
        extra_not_names: list[str] = []
        for path in paths or []:
            with open(path, "rb") as fh:
                user = tomllib.load(fh)
            for entry in user.get("entity", []):
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    aliases[alias] = entry["name"]
            extra_not_names += user.get("not_entities", {}).get("words", [])
        data["not_names"]["words"] = [*data["not_names"]["words"], *extra_not_names]
        return cls(aliases, Vocabulary.load(data))

    def canonical(self, written: str) -> str:
        return self._keys.get(" ".join(written.split()).lower(), written)

    def document(self, text: str, title: str | None = None, sentences: Sentences | None = None) -> "DocumentEntities":
        """The organisations, people and references of one (masked) document."""
        return _Reader(self, text, title, sentences or Sentences(text)).read()


@dataclass
class DocumentEntities:
    """Entity mentions of one document in text order, with the organisation in focus at any offset."""

    mentions: list[EntityMention]
    persons: frozenset[str]
    main: str | None
    investors: frozenset[str] = frozenset()
    _starts: list[int] = field(default_factory=list)
    _focus_at: list[int] = field(default_factory=list)
    _focus: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [m.start for m in self.mentions]

    def find(self, start: int, end: int) -> list[EntityMention]:
        """Mentions inside `[start, end)`."""
        i, j = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def set_focus(self, points: list[tuple[int, str]]) -> None:
        """Where each sentence's subject organisation takes the focus (offsets in order)."""
        self._focus_at = [p for p, _ in points]
        self._focus = [n for _, n in points]

    def focus(self, offset: int) -> str | None:
        """The organisation in focus before `offset`: the last sentence subject, else the main entity."""
        i = bisect_right(self._focus_at, offset) - 1
        return self._focus[i] if i >= 0 else self.main


class _Reader:
    """One pass over a document: candidate names, their evidence, people, organisations, references."""

    def __init__(self, table: EntityTable, text: str, title: str | None, sentences: Sentences) -> None:
        self.sentences = sentences
        self.table = table
        self.v = table.vocabulary
        self.text = text
        self.title = title or ""

    def read(self) -> DocumentEntities:
        text, v = self.text, self.v
        candidates = self._candidates()
        persons: set[str] = set()
        evidenced: list[str] = []  # names with evidence of an organisation, in order of first evidence
        descriptors: dict[str, set[str]] = {}
        acronyms: dict[str, str] = {}
        for s, e, name in candidates:
            kind, noun = self._evidence(s, e, name)
            if kind == "person":
                persons.add(name)
                persons.update(name.split()[-1:])
            elif kind == "organisation":
                stripped = self._stripped(name)
                if stripped not in evidenced:
                    evidenced.append(stripped)
                if noun:
                    descriptors.setdefault(stripped, set()).add(noun.lower())
                acronym = _ACRONYM.match(text, e)
                if acronym:
                    acronyms[acronym.group(1)] = stripped
        persons -= set(evidenced)
        canonical = self._families(evidenced, {self._stripped(n) for _, _, n in candidates if n not in persons})
        canonical.update({a: canonical.get(n, n) for a, n in acronyms.items() if a not in canonical})
        descriptors = {canonical.get(n, n): nouns for n, nouns in descriptors.items()}
        mentions = self._alias_mentions()
        taken = [(m.start, m.end) for m in mentions]
        for s, e, name in candidates:
            org = canonical.get(self._stripped(name)) if name not in persons else None
            if org and not any(a < e and s < b for a, b in taken):
                mentions.append(EntityMention(s, e, org, "organisation"))
        mentions.sort(key=lambda m: m.start)
        names = {m.name for m in mentions}
        investors = frozenset(n for n in names if n.split()[-1] in v.investor_words)
        counts = Counter(m.name for m in mentions)
        for name in counts:
            if self.title and name.split()[0] in self.title:
                counts[name] += 2  # the headline names what the story is about
        first = {m.name: m.start for m in reversed(mentions)}
        pool = [n for n in counts if n not in investors] or list(counts)
        main = max(pool, key=lambda n: (counts[n], -first[n])) if pool else None
        aside: set[int] = set()
        for i, m in enumerate(mentions):
            if _INVESTOR_CUE.search(self.text, max(0, m.start - 30), m.start) or (
                i and mentions[i - 1].start in aside and _LIST_GAP.fullmatch(self.text, mentions[i - 1].end, m.start)
            ):  # "investors including Nvidia, a16z and General Catalyst": the whole list
                aside.add(m.start)
        mentions, focus = self._with_references(mentions, descriptors, investors, main, aside)
        found = DocumentEntities(mentions=mentions, persons=frozenset(persons), main=main, investors=investors)
        found.set_focus(focus)
        return found

    def _stripped(self, name: str) -> str:
        if self.table.pattern is not None and self.table.pattern.fullmatch(name):
            return self.table.canonical(name)
        return normalize_name(name, self.v)

    def _families(self, evidenced: list[str], names: set[str]) -> dict[str, str]:
        """Each name that is an organisation, or a longer or shorter form of one, to its canonical name: the
        shortest form the copy uses ("Samsung Electronics" and "Samsung" are "Samsung"), unless that short
        form would also shorten another organisation ("Deutsche" of two banks)."""
        result: dict[str, str] = {}
        for org in evidenced:
            family = {n for n in names if n == org or n.startswith(org + " ") or org.startswith(n + " ")}
            family.add(org)
            shorter = sorted((n for n in family if len(n) < len(org)), key=len)
            for short in shorter:
                rivals = [o for o in evidenced if o != org and o.startswith(short + " ") and not o.startswith(org)
                          and not org.startswith(o)]
                if not rivals and _bare(short) not in self.v.not_names:
                    break
            else:
                short = org
            target = result.get(short) or result.get(org) or short
            for n in family:
                if n.startswith(short) and n not in result:
                    result[n] = target
            result.setdefault(org, target)
        return result

    # -- candidates and evidence
    def _candidates(self) -> list[tuple[int, int, str]]:
        """Capitalised names, without leading or trailing words that are never names."""
        text, v = self.text, self.v
        found = []
        for m in _NAME.finditer(text):
            s, e = m.span()
            based = _BASED.match(text, s, e)
            if based:  # "Edinburgh-based Kelpie Robotics": the place is not part of the name
                s = based.end()
            words = list(re.finditer(r"\S+", text[s:e]))
            named_body = len(words) > 1 and _bare(words[-1].group(0)) in v.organisation_words
            while words and _bare(words[0].group(0)) in v.not_names and (
                not named_body or _bare(words[0].group(0)).lower() in _LEADING_WORDS
            ):  # "The European Space Agency": "The" goes, "European" stays
                words.pop(0)
            while words and _bare(words[-1].group(0)) in v.not_names | {"of", "&"} and not (
                len(words) > 1 and (_bare(words[-1].group(0)) in v.organisation_words | v.legal_forms
                                    or _bare(words[-1].group(0)).isupper())  # "Mistral AI"
            ):
                words.pop()
            if not words:
                continue
            s, e = s + words[0].start(), s + words[-1].end()
            if text[e - 1] == "." and not _bare(text[s:e]).split()[-1] in v.legal_forms:
                e -= 1
            if text.endswith(("'s", "’s"), s, e):
                e -= 2
            name = " ".join(text[s:e].split()).rstrip(".")
            if len(name) > 1 and not name.isdigit():
                found.append((s, e, name))
        return found

    def _evidence(self, s: int, e: int, name: str) -> tuple[str | None, str | None]:
        """'person', 'organisation' or None, and the descriptor noun the copy gave it."""
        text, v = self.text, self.v
        before = text[max(0, s - 80):s]
        after = text[e:e + 120]
        last = _bare(name.split()[-1])
        if self.table.pattern is not None and self.table.pattern.fullmatch(name):
            return "organisation", None
        if last in v.legal_forms or (last in v.organisation_words and len(name.split()) > 1):
            return "organisation", None
        if v.title_before.search(before) or v.title_after.match(after):
            return "person", None
        apposition = v.apposition.match(after) or v.lead_description.match(after)
        if apposition:
            return "organisation", apposition.group("noun")
        described = v.descriptor_before.search(before)
        if described:
            return "organisation", v.descriptor.search(described.group(0)).group(0)  # type: ignore[union-attr]
        if (_TICKER.match(after) or v.possession_after.match(after) or _SHARES_OF.search(before)
                or v.actor_after.match(after) or _PARTY_BEFORE.search(before)):
            return "organisation", None
        if len(name) > 2 and name in self.title:  # the headline is about it
            return "organisation", None
        return None, None

    def _alias_mentions(self) -> list[EntityMention]:
        pattern = self.table.pattern
        if pattern is None:
            return []
        return [EntityMention(m.start(), m.end(), self.table.canonical(m.group(0)), "alias")
                for m in pattern.finditer(self.text)]

    # -- references
    def _with_references(
        self, mentions: list[EntityMention], descriptors: dict[str, set[str]], investors: frozenset[str],
        main: str | None, aside: set[int],
    ) -> tuple[list[EntityMention], list[tuple[int, str]]]:
        """References resolved in one pass in text order, and the focus points of the story.

        Each sentence's subject is its first organisation that is not a party to someone else's deal. A
        reference points to its own sentence's subject when it has one before it; a description ("the
        lender") to the organisation the copy described so; else to the subject of the latest sentence
        that had one (the focus); else to the main entity."""
        text = self.text
        taken = [(m.start, m.end) for m in mentions]
        starts = [a for a, _ in taken]
        references = []
        for r in self.v.reference.finditer(text):
            i = bisect_left(starts, r.start())
            if any(a < r.end() and r.start() < b for a, b in taken[max(0, i - 1):i + 1]):
                continue
            references.append(r)
        items: list[tuple[int, int, EntityMention | re.Match[str]]] = sorted(
            [(m.start, 0, m) for m in mentions] + [(r.start(), 1, r) for r in references], key=lambda x: (x[0], x[1]))
        subject_of: dict[int, str] = {}
        focus_points: list[tuple[int, str]] = []
        focus: str | None = None
        resolved = []
        for start, _, item in items:
            sentence = self.sentences.containing(start)[0]
            if isinstance(item, EntityMention):
                name = item.name
                if name in investors or item.start in aside:
                    continue
            else:
                noun = (item.group("noun") or "").lower()
                name = subject_of.get(sentence) or ""
                if not name and noun and not noun.startswith(("company", "firm", "group", "business")):
                    fitting = [n for n, nouns in descriptors.items() if noun in nouns]
                    name = focus if focus in fitting else (fitting[0] if fitting else "")
                name = name or focus or main or ""
                if not name:
                    continue
                resolved.append(EntityMention(item.start(), item.end(), name, "reference"))
            if sentence not in subject_of:
                subject_of[sentence] = name
                focus = name
                focus_points.append((start, name))
        return sorted([*mentions, *resolved], key=lambda m: m.start), focus_points


def _bare(word: str) -> str:
    return word.rstrip(".,;:").removesuffix("'s").removesuffix("’s")


_FALLBACK_LEGAL = re.compile(r"[,\s]+(?:Inc|Corp|Corporation|Ltd|LLC|plc|AG|SA|SE|NV|N\.V|GmbH|Co)\.?$")


def normalize_name(name: str, vocabulary: Vocabulary | None = None) -> str:
    """A company name without its legal form, a trailing Group/Holdings, or trailing punctuation."""
    name = " ".join(name.split()).rstrip(".,")
    if vocabulary is None:
        stripped = _FALLBACK_LEGAL.sub("", name)
        return stripped or name
    words = name.split()
    while len(words) > 1 and (
        _bare(words[-1]).rstrip(".") in vocabulary.legal_forms or words[-1] in vocabulary.dropped_words
    ):
        words.pop()
    return " ".join(words).rstrip(",") or name


def merge_short_forms(names: set[str], not_names: frozenset[str] = frozenset()) -> dict[str, str]:
    """Across a corpus, each name to the shortest form another document uses for the same organisation:
    "Mistral AI" in one article and "Mistral" in another are one company. A short form that would
    shorten two organisations ("Deutsche" of two banks) merges neither."""
    result: dict[str, str] = {}
    for name in names:
        words = name.split()
        for n in range(1, len(words)):
            short = " ".join(words[:n])
            if short not in names or short in not_names:
                continue
            longer = [o for o in names if o.startswith(short + " ")]
            families = {o for o in longer if not (o.startswith(name) or name.startswith(o))}
            if not families:
                result[name] = short
                break
    return result
