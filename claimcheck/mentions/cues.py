"""Cue words for metrics, modality and cumulative totals, loaded from the pack's lexicon.toml.

Cues are data, not code, so that newsrooms can add their own vocabulary in config.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, get_args

from claimcheck.mentions.patterns import trie
from claimcheck.pack import pack_dir

MODALITY_ORDER = ("rumor", "target", "projection", "plan")
CUMULATIVE = "@cumulative"  # the kind of context cues, kept apart from metric names
NO_METRIC = "@none"  # cues that make a figure none of the metrics ("share price", "free cash flow")
TAKINGS = "@takings"  # "brought in", "raked in": a round or revenue, by what the sentence speaks of
#: Cues of figures that are none of the metrics but are measured over a period like one ("free cash flow",
#: "gross profit", "operating expenses"): no metric, kind flow, so they take the period of the results.
UNTRACKED_FLOW = "@flow"
#: … or held at a date like one ("deposits", "loan book"): no metric, kind level, dated as a balance is.
UNTRACKED_LEVEL = "@level"
UNTRACKED = frozenset({NO_METRIC, UNTRACKED_FLOW, UNTRACKED_LEVEL})
MetricKind = Literal["flow", "level", "event"]
METRIC_KINDS: tuple[MetricKind, ...] = get_args(MetricKind)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str


class CueSet:
    """A case-insensitive whole-word matcher from cue phrases to the kind they signal."""

    def __init__(self, *tables: dict[str, list[str]]) -> None:
        """`tables` in order of precedence: a phrase keeps the kind of the first table that has it."""
        self.kinds: dict[str, str] = {}
        for table in tables:
            for kind, phrases in table.items():
                for phrase in phrases:
                    self.kinds.setdefault(" ".join(phrase.lower().split()), kind)
        # case-sensitive, for lower-cased text: four times faster than IGNORECASE
        self.lower_pattern = re.compile(rf"(?<![\w-]){trie(self.kinds)}(?![\w-])")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The same phrases in any case, for the rare text whose lower case changes its length ("İ"): compiled
        when first needed, not at every start-up."""
        return re.compile(self.lower_pattern.pattern, re.IGNORECASE)

    def find(self, text: str, start: int, end: int) -> list[Cue]:
        segment = text[max(0, start - 1):end + 1]  # one character of context each side for the boundaries
        lowered = segment.lower()
        shift = max(0, start - 1)
        if len(lowered) != len(segment):  # a character whose lower case is longer ("İ"): no shortcut
            return [
                Cue(m.start(), m.end(), self.kinds[" ".join(m.group(0).lower().split())])
                for m in self.pattern.finditer(text, start, end)
            ]
        lo, hi = start - shift, end - shift
        return [
            Cue(m.start() + shift, m.end() + shift, self.kinds[" ".join(m.group(0).split())])
            for m in self.lower_pattern.finditer(lowered, lo, hi)
        ]


@dataclass(frozen=True)
class Lexicon:
    """Metric and context cues share one matcher (one pass per sentence); modality cues have their own,
    since a phrase like "seeks" is both a funding cue and a target cue."""

    metric_cues: CueSet
    modality: CueSet
    kinds: dict[str, MetricKind] = field(default_factory=dict)
    """Each metric's kind: a flow over a period, a level at a date, or an event."""

    def kind_of(self, metric: str | None) -> MetricKind | None:
        return self.kinds.get(metric) if metric else None

    def metrics_and_context(self, text: str, start: int, end: int) -> tuple[list[Cue], list[Cue]]:
        """Metric cues and cumulative-context cues of `text[start:end]`."""
        cues = self.metric_cues.find(text, start, end)
        return [c for c in cues if c.kind != CUMULATIVE], [c for c in cues if c.kind == CUMULATIVE]

    @classmethod
    def load(cls, path: Path | None = None, extra: dict | None = None) -> "Lexicon":
        """The pack's lexicon, with `extra` cues (same shape as the file) added to it."""
        with open(path or pack_dir() / "lexicon.toml", "rb") as fh:
            data = tomllib.load(fh)
        extra = extra or {}
        def facts(tables: dict) -> dict[str, list[str]]:
            return {**tables.get("metrics", {}), CUMULATIVE: tables.get("context", {}).get("cumulative", [])}

        kinds: dict[str, MetricKind] = {}
        for table in (extra.get("kinds", {}), data.get("kinds", {})):  # config may re-kind a metric
            for kind in METRIC_KINDS:
                for metric in table.get(kind, []):
                    kinds.setdefault(metric, kind)
        # the pack's cues take precedence: a phrase the pack gives to one kind keeps that kind, except that a
        # phrase the pack only marks as none of the metrics ("net interest income" is @flow) can be made one
        pack = facts(data)
        tracked = {kind: phrases for kind, phrases in pack.items() if kind not in UNTRACKED}
        untracked = {kind: phrases for kind, phrases in pack.items() if kind in UNTRACKED}
        return cls(
            metric_cues=CueSet(tracked, facts(extra), untracked),
            modality=CueSet(data.get("modality", {}), extra.get("modality", {})),
            kinds=kinds,
        )
