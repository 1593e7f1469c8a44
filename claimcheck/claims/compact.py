"""Claims held compactly: what a corpus's claims cost in memory until the rule pass is done.

pydantic gives every model instance its own `__pydantic_fields_set__`, the names of the fields given when it
was built. That set takes 2.3 kB for a claim's twenty names and 0.7 kB for its value's six, which is more than
the claim's own data. Claims built the same way have equal sets, so one set per distinct set of names is
shared instead. Nothing mutates a model's set in place: the models are frozen, and `model_copy` copies the set
before it adds the names it updates.

Equal values are shared the same way, since frozen models and strings are never changed: the sentence of
several claims, a period that many claims of a corpus name ("2024", "the third quarter of 2024"), a value
that many claims give ("$5 million": a `Money` and its field dict are 350 bytes), names,
metrics and currency codes (one string each, also when claims come back from worker processes, each of
which sends its own copies), the bounds of a precise figure, which equal its amount, and the offsets of spans
(an int above 256 is an object of 28 bytes; the offsets of a corpus are bounded by its longest document).

The field dicts of a claim, of its value and of its period are rebuilt as key-sharing dicts (PEP 412):
pydantic gives each model a dict of its own keys, 464 bytes for a claim's twenty fields and 272 for a
value's six, where a dict sharing its keys with the other instances' holds only their values (232 and 120).
Python makes such a dict when an attribute is set on an instance that has none yet, so one field is set that
way on a fresh instance, the others are added to its dict, and the dict is moved over. Pickling gives a plain
dict again, so a worker does not rebuild (`share_keys=False`): the parent does, as claims arrive. Measured in
docs/scale.md ("Memory").
"""

from __future__ import annotations

from collections.abc import Iterable
from sys import intern

from pydantic import BaseModel

from claimcheck.models import Claim, Money, Period

_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_HOLDERS: dict[type, type] = {}  # per model class, the plain class its key-sharing dicts are made on
_set = object.__setattr__  # what sets a frozen model's attributes
_WORDS = ("subject", "counterparty", "metric", "metric_kind", "segment", "modality", "round")


def _share_field_set(model: BaseModel, seen: dict[int, tuple[set[str], set[str]]]) -> None:
    """`model`'s set of field names made the shared one equal to it. `seen` maps the sets met before (by
    identity, each kept alive with the shared set, so that no identity is reused) to their shared set: the
    claims of one document, compacted in a worker, come back holding a few set objects between them."""
    names = model.__pydantic_fields_set__
    known = seen.get(id(names))
    if known is None:
        key = frozenset(names)
        shared = _FIELD_SETS.get(key)
        if shared is None:
            shared = _FIELD_SETS[key] = set(key)
        known = seen[id(names)] = (names, shared)
    if names is not known[1]:
        _set(model, "__pydantic_fields_set__", known[1])


def share_field_names(model: BaseModel) -> None:
    """`model` made to hold the one shared set equal to its set of field names: what a finding completed by
    `model_copy` needs (a fresh set of its eight names is half a kilobyte; a corpus can have tens of
    thousands of findings)."""
    _share_field_set(model, {})


def share_dict_keys(model: BaseModel) -> None:
    """`model`'s field dict replaced by an equal one that shares its keys with the other instances of its class
    (the module's docstring). The dict is made on an instance of a plain class of claimcheck's own, one per
    model class, and moved over: Python keeps one table of shared keys per class, and the model class's own
    can be spent by code that is not ours (then every dict made on it is larger than pydantic's)."""
    cls = type(model)
    holder = _HOLDERS.get(cls)
    if holder is None:
        holder = _HOLDERS[cls] = type(f"_{cls.__name__}Fields", (), {"__doc__": "A key-sharing field dict's maker."})
    fields = model.__dict__
    fresh = holder()
    # one attribute set the usual way makes the key-sharing dict, which `update` fills (an empty one would be
    # replaced by a plain copy of `fields`)
    _set(fresh, next(iter(fields)), None)
    shared = fresh.__dict__
    shared.update(fields)
    _set(model, "__dict__", shared)


class Compactor:
    """Shares what equal claims hold, within one corpus (one `Compactor` per run: the periods and values it
    has seen are kept until it goes). `share_keys` false leaves the claims' dicts as they are: what a worker
    wants before it pickles them."""

    def __init__(self, share_keys: bool = True) -> None:
        self.periods: dict[tuple, Period] = {}
        self.values: dict[tuple, Money] = {}
        self.offsets: dict[int, int] = {}
        self.share_keys = share_keys

    def __call__(self, claims: Iterable[Claim]) -> list[Claim]:
        """`claims`, changed in place: their field-name sets shared (and their value's, period's and ratio's),
        equal sentences, periods, values and offsets the same objects, a precise figure's bounds its amount,
        field dicts sharing their keys (unless `share_keys` is false)."""
        sentences: dict[str, str] = {}
        seen: dict[int, tuple[set[str], set[str]]] = {}
        offsets = self.offsets
        out = list(claims)
        for claim in out:
            _share_field_set(claim, seen)
            value = claim.value
            _share_field_set(value, seen)
            amount = value.amount
            if amount:  # not 0.0, whose bounds may be -0.0 (equal, but written differently)
                fields = value.__dict__
                if fields["low"] == amount:
                    fields["low"] = amount
                if fields["high"] == amount:
                    fields["high"] = amount
            fields = claim.__dict__
            for name in _WORDS:  # a name or a metric repeats across the documents (and across worker processes)
                word = fields[name]
                if word is not None:
                    fields[name] = intern(word)
            if value.currency is not None:
                value.__dict__["currency"] = intern(value.currency)
            key = _value_key(value)
            shared_value = value if key is None else self.values.setdefault(key, value)
            if shared_value is not value:
                fields["value"] = shared_value
            elif self.share_keys:  # a value met for the first time (or one not to share): kept, so made small
                share_dict_keys(value)
            period = claim.period
            if period is not None:
                _share_field_set(period, seen)
                shared = self.periods.setdefault(_period_key(period), period)
                if shared is not period:
                    fields["period"] = shared
                elif self.share_keys:
                    share_dict_keys(period)
            if claim.ratio is not None:
                _share_field_set(claim.ratio, seen)
            sentence = sentences.setdefault(claim.sentence, claim.sentence)
            if sentence is not claim.sentence:
                fields["sentence"] = sentence
            start, end = fields["span"]
            fields["span"] = (offsets.setdefault(start, start), offsets.setdefault(end, end))
            if self.share_keys:
                share_dict_keys(claim)
        return out


def _value_key(value: Money) -> tuple | None:
    """What makes two values one (their fields, and their set of field names, shared by then), or None for a
    value not to share: one with a zero (0.0 and -0.0 are equal, but written differently). A tuple, not the
    model: hashing and comparing it costs a tenth of pydantic's `__hash__` and `__eq__`."""
    fields = value.__dict__
    low, high, ends = fields["low"], fields["high"], fields["ends"]
    if not (low and high) or (ends is not None and not all(ends)):
        return None
    return (fields["amount"], fields["currency"], low, high, fields["qualifier"], ends,
            id(value.__pydantic_fields_set__))


def _period_key(period: Period) -> tuple:
    """What makes two periods one: their fields and their (shared) set of field names; a tuple, as for values."""
    fields = period.__dict__
    return (fields["start"], fields["end"], fields["text"], fields["granularity"], id(period.__pydantic_fields_set__))


def compact(claims: Iterable[Claim], share_keys: bool = True) -> list[Claim]:
    """`claims` compacted among themselves (a `Compactor` of their own)."""
    return Compactor(share_keys)(claims)
