"""Who a figure is about: entity mentions from the alias table, capitalized names and references.

The alias table (rules/entities.toml, extendable in config) names companies and their descriptions;
capitalized names with an organisation cue catch companies the table lacks; "the company", "it", "we"
refer to the document's main entity.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimcheck.pack import pack_dir

REFERENCES = (
    "the company", "the startup", "the start-up", "the firm", "the group", "the business",
    "the unicorn", "its", "it", "we", "our", "us",
)
ORG_SUFFIX = (
    r"(?:Inc\.?|Corp\.?|Corporation|Ltd\.?|LLC|plc|AG|SA|SE|NV|N\.V\.|GmbH|AI|Labs?|Group|Capital"
    r"|Ventures|Partners|Bank|Holdings?|Technologies|Systems|Robotics|Energy|Motors|Industries)"
)
_CAP_WORD = r"[A-Z][A-Za-z0-9&'.-]*[A-Za-z0-9]"
_GENERIC = re.compile(rf"(?<![\w.])(?:{_CAP_WORD}\s+){{0,3}}{ORG_SUFFIX}(?![\w])")
_POSSESSIVE = re.compile(rf"(?<![\w.])((?:{_CAP_WORD})(?:\s+{_CAP_WORD}){{0,2}})['’]s\b")
_ACTOR = re.compile(
    rf"(?<![\w.])((?:{_CAP_WORD})(?:\s+{_CAP_WORD}){{0,2}})\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:raised|raises|secured|secures|invested|invests|reported|posted|generated|closed)\b"
)


_BASED = re.compile(r"[\w.-]+-based\s+")
_BODY = re.compile(r"\S")  # the first prose character: front matter is blanked in the masked text
LEAD = 2000
# Legal forms are not part of the name: "Acme Inc." and "Acme" are one company.
_LEGAL_FORM = re.compile(r"[,\s]+(?:Inc|Corp|Corporation|Ltd|LLC|plc|AG|SA|SE|NV|N\.V|GmbH|Co)\.?$")


def normalize_name(name: str) -> str:
    """A found company name without its legal form or trailing punctuation."""
    name = " ".join(name.split()).rstrip(".,")
    stripped = _LEGAL_FORM.sub("", name)
    return stripped if stripped else name


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    name: str
    kind: str  # "alias", "generic" or "reference"


class EntityTable:
    """Canonical names, their aliases, and the words that are never an entity by themselves."""

    def __init__(self, aliases: dict[str, str], not_entities: set[str]) -> None:
        self.aliases = aliases
        self.not_entities = not_entities
        parts = []
        for alias in sorted(aliases, key=len, reverse=True):
            escaped = re.escape(alias).replace(r"\ ", r"\s+")
            if alias.lower().startswith("the "):
                escaped = "[Tt]he" + escaped[3:]
            parts.append(escaped)
        self.pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])") if parts else None
        self._keys = {" ".join(a.split()).lower(): n for a, n in aliases.items()}
        ref = "|".join(
            f"[{r[0].upper()}{r[0]}]" + re.escape(r[1:]).replace(r"\ ", r"\s+") for r in REFERENCES
        )
        self.references = re.compile(rf"(?<![\w-])(?:{ref})(?![\w-])")

    @classmethod
    def load(cls, paths: list[Path] | None = None) -> "EntityTable":
        aliases: dict[str, str] = {}
        not_entities: set[str] = set()
        for path in [pack_dir() / "entities.toml", *(paths or [])]:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
            for entry in data.get("entity", []):
                name = entry["name"]
                for alias in [name, *entry.get("aliases", [])]:
                    aliases[alias] = name
            not_entities.update(data.get("not_entities", {}).get("words", []))
        return cls(aliases, not_entities)

    def canonical(self, written: str) -> str:
        return self._keys.get(" ".join(written.split()).lower(), written)

    def main_entity(self, text: str) -> str | None:
        """The entity a document is mostly about: the most mentioned alias-table name, the earliest on a tie;
        in a document that names no alias-table entity, the most mentioned name with an organisation cue in
        its lead (the first LEAD characters of prose)."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        aliases = list(self.pattern.finditer(text)) if self.pattern else []
        matches = [(m.start(), self.canonical(m.group(0))) for m in aliases]
        taken = [m.span() for m in aliases]
        body = _BODY.search(text)
        lead_end = (body.start() if body else 0) + LEAD
        for m in (_GENERIC.finditer(text, 0, lead_end) if not aliases else ()):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                name = normalize_name(m.group(0))
                if name and not self._is_noise(name):
                    matches.append((m.start(), self.canonical(name)))
        for start, name in sorted(matches):
            counts[name] += 1
            first.setdefault(name, start)
        if not counts:
            return None
        return max(counts, key=lambda n: (counts[n], -first[n]))

    def find(
        self, text: str, start: int, end: int, main: "str | None | Callable[[], str | None]"
    ) -> list[EntityMention]:
        """Entity mentions in `text[start:end]`, without overlaps, alias-table names first.

        `main` (the document's main entity, or a function giving it: computed only when a reference
        such as "the company" or "its" needs it) stands for references.
        """
        found: list[EntityMention] = []
        if self.pattern is not None:
            for m in self.pattern.finditer(text, start, end):
                found.append(EntityMention(m.start(), m.end(), self.canonical(m.group(0)), "alias"))
        for rx in (_GENERIC, _POSSESSIVE, _ACTOR):
            for m in rx.finditer(text, start, end):
                s, e = m.span(1) if rx.groups else m.span()
                based = _BASED.match(text, s, e)
                if based:  # "Edinburgh-based Kelpie Robotics": the place is not part of the name
                    s = based.end()
                name = normalize_name(text[s:e])
                if not name or self._is_noise(name) or _overlaps(found, s, e):
                    continue
                found.append(EntityMention(s, e, self.canonical(name), "generic"))
        references = [m for m in self.references.finditer(text, start, end) if not _overlaps(found, *m.span())]
        main_name = main() if references and callable(main) else main
        if isinstance(main_name, str):
            for m in references:
                found.append(EntityMention(m.start(), m.end(), main_name, "reference"))
        found.sort(key=lambda x: x.start)
        return found

    def _is_noise(self, name: str) -> bool:
        words = name.split()
        return all(w in self.not_entities or w.rstrip(".") in self.not_entities for w in words)


def _overlaps(found: list[EntityMention], s: int, e: int) -> bool:
    return any(x.start < e and s < x.end for x in found)
