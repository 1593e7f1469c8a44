"""A JSON list encoded ahead by a forked child (claimcheck/report/spool.py) writes the bytes `dump_json` writes
without one, whatever share the child takes, and when the child fails or is killed this process writes its
share itself; a spool never used leaves no process behind."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.config import Settings
from claimcheck.engine.check import check_paths
from claimcheck.pool import can_fork
from claimcheck.report import spool as spool_module
from claimcheck.report.render import _ENCODE, dump_json, spool_claims
from claimcheck.report.spool import Spooled, spool

from conftest import REPO

pytestmark = pytest.mark.skipif(not can_fork(), reason="the child is forked: Linux only")

ITEM = st.dictionaries(st.sampled_from(["quote", "subject", "amount", "note"]),
                       st.one_of(st.text(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                                 st.none()), max_size=4)


def _written(path: Path, data: dict) -> bytes:
    """What `dump_json` puts in a file opened as the command line opens its output."""
    with open(path, "w", encoding="utf-8", errors="replace", newline="") as out:
        dump_json(data, out)
    return path.read_bytes()


def _spooled(items: list, start: int, form=lambda item: item) -> Spooled:
    spooled = Spooled(form, items, start, _ENCODE)
    assert spooled.fork() == (start < len(items))
    return spooled


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(ITEM, max_size=12), share=st.floats(0, 1))
def test_the_spooled_list_is_written_byte_for_byte_as_without_a_child(tmp_path, items, share):
    start = len(items) - round(len(items) * share)
    plain = _written(tmp_path / "plain.json", {"schema": "x", "claims": items, "after": [1]})
    spooled = _written(tmp_path / "spooled.json", {"schema": "x", "claims": _spooled(items, start), "after": [1]})
    assert spooled == plain


def test_text_that_utf8_cannot_hold_is_replaced_alike_by_the_child(tmp_path):
    items = [{"quote": "€5 million"}, {"quote": "lone \ud800 surrogate"}, {"quote": "北京 ¥3bn"}]
    plain = _written(tmp_path / "plain.json", {"claims": items})
    assert _written(tmp_path / "spooled.json", {"claims": _spooled(items, 1)}) == plain
    assert "lone ? surrogate".encode() in plain


def test_a_child_that_fails_leaves_its_share_to_this_process(tmp_path):
    parent = os.getpid()

    def form(item):  # fails in the child only
        if os.getpid() != parent:
            raise RuntimeError("no encoding here")
        return item

    items = [{"n": i} for i in range(50)]
    plain = _written(tmp_path / "plain.json", {"claims": items})
    assert _written(tmp_path / "spooled.json", {"claims": _spooled(items, 20, form)}) == plain


def test_a_child_that_is_killed_leaves_its_share_to_this_process(tmp_path):
    items = [{"n": i} for i in range(50)]
    parent = os.getpid()

    def form(item):  # the child blocks until it is killed
        if os.getpid() != parent:
            signal.pause()
        return item

    spooled = _spooled(items, 10, form)
    os.kill(spooled.pid, signal.SIGKILL)
    assert _written(tmp_path / "spooled.json", {"claims": spooled}) == _written(tmp_path / "plain.json",
                                                                                 {"claims": items})


def test_a_spool_never_written_is_stopped_and_waited_for():
    parent = os.getpid()
    spooled = _spooled([{"n": i} for i in range(5)], 0, lambda item: signal.pause() if os.getpid() != parent else item)
    pid = spooled.pid
    spooled.discard()
    with pytest.raises(ChildProcessError):  # reaped: no process left, not even a zombie
        os.waitpid(pid, os.WNOHANG)
    assert spooled.file is None


def test_few_items_are_not_worth_a_fork(monkeypatch):
    assert spool(str, list(range(spool_module.MIN_ITEMS - 1)), _ENCODE) is None
    monkeypatch.setattr(spool_module, "can_fork", lambda: False)
    assert spool(str, list(range(spool_module.MIN_ITEMS)), _ENCODE) is None


def test_check_paths_hands_the_final_claims_over_before_the_rule_pass(tmp_path):
    """`before_rules` gets the extraction the result shows; the spool of its claims is what the JSON writes."""
    handed = []
    result = check_paths([str(REPO / "fixtures/corpus")], settings=Settings(jobs=1), before_rules=handed.append)
    assert handed == [result.extraction] and handed[0].claims is result.extraction.claims
    drafts = []
    check_paths([str(REPO / "fixtures/corpus")], drafts=[str(REPO / "fixtures/corpus/05-microsoft-stake.md")],
                settings=Settings(jobs=1), before_rules=drafts.append)
    assert drafts == []  # the output shows fewer claims than were read: nothing to spool


def test_claims_spooled_from_a_check_are_written_as_without_a_child(tmp_path, monkeypatch):
    from claimcheck.report.render import write_check_json

    monkeypatch.setattr(spool_module, "MIN_ITEMS", 1)
    spools = []
    result = check_paths([str(REPO / "fixtures/dev")], settings=Settings(jobs=1),
                         before_rules=lambda extraction: spools.append(spool_claims(extraction)))
    assert isinstance(spools[0], Spooled) and spools[0].pid
    paths = tmp_path / "plain.json", tmp_path / "spooled.json"
    for path, spooled in zip(paths, (None, spools[0])):
        with open(path, "w", encoding="utf-8", errors="replace", newline="") as out:
            write_check_json(result, out, spooled)
    assert paths[0].read_bytes() == paths[1].read_bytes()
