"""The data of the pipeline: documents, mentions, claims and problems, as frozen pydantic models.

Everything downstream (rules, reports, the JSON schema) is written against these models, so they stay
small and carry only normalized values plus the evidence (spans) they came from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Modality = Literal["actual", "target", "projection", "rumor", "plan"]
DateOrigin = Literal["front-matter", "dateline", "option"]
Granularity = Literal[
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "year",
    "fiscal_year",
    "season",
    "approximate",
    "year_to_date",
    "rest_of_year",
    "deadline",
    "published",
    "since",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Document(_Frozen):
    """One decoded input file; offsets of every mention index into `text`."""

    source: str
    text: str = Field(repr=False)
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    date_origin: DateOrigin | None = None
    relative: str | None = None
    """The path below the folder it was found in (the file name for a file named directly): what tells two
    findings apart in fingerprints, however the corpus was reached (`corpus/` or `/abs/corpus/`)."""
    _suppressions: Any = PrivateAttr(default=None)
    """Its suppression comments once its text is released (`ingest.directives.released`)."""


class Money(_Frozen):
    """A monetary value: the written point figure (if any) and the interval it commits the writer to."""

    amount: float | None
    currency: str | None
    low: float
    high: float
    qualifier: str | None = None
    ends: tuple[float, float] | None = None
    """A range's two ends as written ("between 30 and 40 euros" -> (30, 40)); None for other amounts."""


@dataclass(frozen=True, slots=True)
class MoneyMention:
    """What the money grammar found at `text[start:end]` (internal: claims carry the value)."""

    start: int
    end: int
    value: Money


class Period(_Frozen):
    """An inclusive range of calendar days; unresolved relative dates keep `start`/`end` as None."""

    start: dt.date | None
    end: dt.date | None
    text: str | None
    granularity: Granularity

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """What the date grammar found at `text[start:end]` (internal: claims carry the period)."""

    start: int
    end: int
    period: Period
    explicit: int = 1
    """How precisely the expression names its bounds: 2 "the three months to September", 1 "Q3 2024" or
    "October", 0 "the third quarter"; the more explicit of two dates in one clause wins."""


class Ratio(_Frozen):
    """A change word tied to a figure: "nearly doubling" is factor 2 with qualifier "near-below"."""

    factor: float
    qualifier: str | None
    text: str
    direction: Literal["up", "down"] = "up"
    percent: float | None = None
    """For a percentage change ("up 18%"), the percentage as written; `factor` is then 1 + or - it."""
    base: str | None = None
    """The id of the figure the change is measured from, when the text gives it ("to €5bn from €4bn")."""


class Claim(_Frozen):
    """One statement of a figure, with the evidence it came from."""

    id: str
    source: str
    span: tuple[int, int]
    line: int
    column: int
    quote: str
    sentence: str
    subject: str | None
    counterparty: str | None
    metric: str | None
    metric_kind: Literal["flow", "level", "event"] | None = None
    """A flow over a period (revenue), a level at a date (valuation, ARR), or an event (a round, a fine)."""
    segment: str | None = None
    """Words that make the figure a part or another measure of the metric: "cloud infrastructure" revenue,
    "iPhone" sales, "underlying" profit. Claims of different segments are different facts."""
    value: Money
    period: Period | None
    modality: Modality
    conversion_of: str | None = None
    round: str | None = None
    cumulative: bool = False
    part_of: str | None = None
    """The id of the whole this figure is a part of ("€1.3bn of the €1.7bn round")."""
    ratio: Ratio | None = None


class Problem(_Frozen):
    """Something about an input that the user should know; `fatal` inputs produced no document."""

    source: str
    message: str
    fatal: bool = False


class Extraction(_Frozen):
    """The result of reading a corpus: its documents, their claims and the problems met on the way."""

    documents: tuple[Document, ...] = ()
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = ()
