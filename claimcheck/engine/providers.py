"""Providers: the values a rule can ask for by parameter name, like pytest fixtures.

A provider is either once per run (`claims`, `fx`, `config`, `run`) or *per item* (`fact`,
`document`, `claim`): a rule that asks for a per-item provider runs once per item, like a parametrized
test. Plugins add providers through the `claimcheck.engine.providers` entry-point group, the same way the
built-in ones are registered here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import inspect
from operator import attrgetter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import entry_points
from typing import Any, Literal

from claimcheck.config import Settings
from claimcheck.engine.facts import Fact, comparable, group_facts
from claimcheck.engine.fx import COPY_RATE_DAYS, FX
from claimcheck.engine.registry import RuleError, load_plugin
from claimcheck.models import Claim, Document, Extraction
from claimcheck.store.database import currency_pair

ENTRY_POINT_GROUP = "claimcheck.engine.providers"


@dataclass(frozen=True)
class Provider:
    name: str
    scope: Literal["run", "item"]
    factory: Callable[["Run"], Any]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.factory.__doc__ or "")


PROVIDERS: dict[str, Provider] = {}


def provider(name: str, scope: Literal["run", "item"] = "run") -> Callable[[Callable[["Run"], Any]], Callable[["Run"], Any]]:
    """Register a provider factory; `item` providers return an iterable of values."""

    def register(factory: Callable[["Run"], Any]) -> Callable[["Run"], Any]:
        taken = PROVIDERS.get(name)
        if taken is not None and taken.factory is not factory:  # never a silent replacement of `claims`
            raise RuleError(f"provider name {name!r} is taken (by {taken.factory.__module__}.{taken.factory.__qualname__})")
        PROVIDERS[name] = Provider(name=name, scope=scope, factory=factory)
        return factory

    return register


def load_provider_plugins() -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        load_plugin(ep)  # importing the module runs its @provider registrations


class ClaimSet(tuple[Claim, ...]):
    """All claims of the run, with query helpers."""

    def where(self, **fields: Any) -> "ClaimSet":
        """Claims whose attributes equal the given values: `claims.where(subject="Acme", metric="arr")`."""
        return ClaimSet(c for c in self if all(getattr(c, k) == v for k, v in fields.items()))

    def actual(self) -> "ClaimSet":
        return self.where(modality="actual")

    def by_id(self, claim_id: str) -> Claim | None:
        return self.id_index.get(claim_id)

    def from_source(self, source: str) -> "ClaimSet":
        return self._by_source.get(source, ClaimSet())

    def conversions_of(self, claim_id: str) -> "ClaimSet":
        """The claims that restate `claim_id` in another currency in its text ("R$10.3 billion (about US$1.82
        billion)"): an index made when a rule first asks (a rule asks for the few claims it reports)."""
        return self._conversions.get(claim_id, ClaimSet())

    @cached_property
    def _conversions(self) -> dict[str, "ClaimSet"]:
        found: dict[str, list[Claim]] = {}
        for c in self:
            if c.conversion_of:
                found.setdefault(c.conversion_of, []).append(c)
        return {k: ClaimSet(v) for k, v in found.items()}

    @cached_property
    def _by_source(self) -> dict[str, "ClaimSet"]:
        """The claims by source: a pass of its own, made when a rule first asks (most rules never do, and with
        a million claims in a hundred thousand sources, filling the lists is what costs)."""
        sources: dict[str, list[Claim]] = {}
        for c in self:
            members = sources.get(c.source)
            if members is None:
                sources[c.source] = [c]
            else:
                members.append(c)
        return {k: ClaimSet(v) for k, v in sources.items()}

    def comparable(self) -> "ClaimSet":
        """Claims with a subject and metric that are not restatements or parts."""
        return ClaimSet(c for c in self if comparable(c))

    def about(self, subject: str | None, metric: str | None, modality: str | None = None) -> "ClaimSet":
        """Comparable claims of one subject and metric (and modality), from an index: no scan per call."""
        found = self._by_key.get((subject, metric), ())
        return ClaimSet(found if modality is None else (c for c in found if c.modality == modality))

    def subjects(self, metric: str) -> list[str]:
        """Subjects that have comparable claims of `metric`, sorted."""
        return sorted(s for s, m in self._by_key if m == metric and s)

    @cached_property
    def id_index(self) -> dict[str, Claim]:
        """The claims by id, built once: `by_id` and the rule pass share it (a million entries)."""
        return self._indexes[0]

    @cached_property
    def _by_key(self) -> dict[tuple[str | None, str | None], list[Claim]]:
        return self._indexes[1]

    @cached_property
    def _indexes(self) -> tuple[dict[str, Claim], dict[tuple, list[Claim]]]:
        """The claims by id and (comparable ones) by organisation and metric, in one pass: each claim is read
        once, not once per index."""
        ids: dict[str, Claim] = {}
        keys: dict[tuple[str | None, str | None], list[Claim]] = {}
        for c in self:
            ids[c.id] = c
            subject, metric = c.subject, c.metric
            if subject and metric and not c.conversion_of and not c.part_of:  # `comparable`, inlined
                members = keys.get((subject, metric))
                if members is None:
                    keys[subject, metric] = [c]
                else:
                    members.append(c)
        return ids, keys


class DocumentClaims:
    """One document with its claims, for rules that look at a document at a time. The claims are looked up
    when first asked: a rule that reads the document first ("no publication date?") never needs the
    run's claims grouped by source."""

    __slots__ = ("document", "_among", "_claims")

    def __init__(self, document: Document, among: ClaimSet) -> None:
        """`among`: the run's claims (or any set that holds the document's), its own taken from them when asked."""
        self.document = document
        self._among = among
        self._claims: ClaimSet | None = None

    @property
    def claims(self) -> ClaimSet:
        if self._claims is None:
            self._claims = self._among.from_source(self.document.source)
        return self._claims

    @property
    def source(self) -> str:
        return self.document.source

    def __repr__(self) -> str:
        return f"DocumentClaims({self.source!r}, {len(self.claims)} claims)"


class Run:
    """What the providers draw on: the extraction, the settings and shared, lazily built state."""

    def __init__(self, extraction: Extraction, settings: Settings, fx: FX | None = None) -> None:
        self.extraction = extraction
        self.settings = settings
        self._fx = fx

    @cached_property
    def claims(self) -> ClaimSet:
        # any fixed order will do (rules and findings are ordered on their own); ids sort cheaply
        return ClaimSet(sorted(self.extraction.claims, key=attrgetter("id")))

    def claims_with(self, fields: tuple[str, ...]) -> list[Claim]:
        """The claims whose `fields` are all set (not None, not empty), in the order of `claims`: what a rule that
        names them (`Rule.claims_with`) runs on. Kept per set of fields: rules that need the same share one pass."""
        kept = self.__dict__.setdefault("_claims_with", {})
        found = kept.get(fields)
        if found is None:
            if len(fields) == 1:
                get = attrgetter(fields[0])
                found = [c for c in self.claims if get(c)]
            else:
                found = [c for c in self.claims if all(getattr(c, f) for f in fields)]
            kept[fields] = found
        return found

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {d.source: d for d in self.extraction.documents}

    @cached_property
    def facts(self) -> list[Fact]:
        return group_facts(self.claims, self.settings.facts)

    @property
    def fx(self) -> FX:
        if self._fx is None:
            self._fx = shared_fx()
        return self._fx

    @cached_property
    def _published(self) -> dict[str, dt.date | None]:
        return {d.source: d.published for d in self.extraction.documents}

    def published(self, claim: Claim) -> dt.date | None:
        """The publication date of the claim's document: rules ask it once per conversion, a dict lookup."""
        return self._published.get(claim.source)

    copy_rate_days = COPY_RATE_DAYS

    def conversions_near(self, base: str, quote: str, day: dt.date, days: int = COPY_RATE_DAYS,
                         most: int = 64) -> list[Claim]:
        """The conversions between two currencies (either way round) in documents published within `days` of
        `day`, the nearest `most` first: the rates the copy itself gives, for a pair no reference rate covers.
        An index by pair and publication day, built when first asked: each call bisects it."""
        dated = self._conversion_days.get(currency_pair(base, quote))
        if not dated:
            return []
        days_list, claims = dated
        lo = bisect.bisect_left(days_list, day - dt.timedelta(days=days))
        hi = bisect.bisect_right(days_list, day + dt.timedelta(days=days))
        if hi - lo <= most:
            return claims[lo:hi]
        at = bisect.bisect_left(days_list, day, lo, hi)  # the `most` nearest the day, in publication order
        start = min(max(lo, at - most // 2), hi - most)
        return claims[start:start + most]

    @cached_property
    def _conversion_days(self) -> dict[str, tuple[list[dt.date], list[Claim]]]:
        pairs: dict[str, list[tuple[dt.date, str, Claim]]] = {}
        claims = self.claims
        for c in claims:
            if not c.conversion_of or not c.value.currency:
                continue
            original = claims.by_id(c.conversion_of)
            day = self._published.get(c.source)
            if original is None or not original.value.currency or day is None:
                continue
            pairs.setdefault(currency_pair(original.value.currency, c.value.currency), []).append((day, c.id, c))
        return {k: ([d for d, _, _ in v], [c for _, _, c in v]) for k, v in
                ((k, sorted(v, key=lambda x: (x[0], x[1]))) for k, v in pairs.items())}


_FX: FX | None = None


def shared_fx() -> FX:
    """One rate table per process: parsing it once is the expensive part."""
    global _FX
    if _FX is None:
        _FX = FX()
    return _FX


@provider("claims")
def _claims(run: Run) -> ClaimSet:
    """All claims of the run (a tuple) with helpers: where(**fields), actual(), by_id(id), from_source(path), comparable(), about(subject, metric, modality=None) (indexed), subjects(metric)."""
    return run.claims


@provider("fact", scope="item")
def _facts(run: Run) -> Iterable[Fact]:
    """One group of claims reporting the same fact (subject, metric, modality, round, compatible periods); the rule runs once per fact. Fact.claims, Fact.key, Fact.pairs(), Fact.sources."""
    return run.facts


@provider("document", scope="item")
def _documents(run: Run) -> Iterator[DocumentClaims]:
    """One document with its claims (.document, .claims, .source); the rule runs once per document."""
    claims = run.claims
    for doc in sorted(run.extraction.documents, key=attrgetter("source")):
        yield DocumentClaims(doc, claims)


@provider("claim", scope="item")
def _each_claim(run: Run) -> Iterable[Claim]:
    """One claim; the rule runs once per claim."""
    return run.claims


@provider("fx")
def _fx(run: Run) -> FX:
    """ECB reference rates (offline): fx.rate(base, quote, start, end) and fx.convert(low, high, base, quote, start, end) return intervals over the window."""
    return run.fx


@provider("config")
def _config(run: Run) -> Settings:
    """The run's settings (interval policy, date conventions, …)."""
    return run.settings


@provider("run")
def _run(run: Run) -> Run:
    """The run itself: .documents by source, .published(claim), .facts, .claims, .fx, .conversions_near(base, quote, day, days)."""
    return run
