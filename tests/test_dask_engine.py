"""`check --engine dask` finds what a local check finds (docs/scale.md, "Beyond one machine: Dask").

A real `distributed.LocalCluster` of two worker processes, started once for the module: the rules and the
claims really travel to other processes, as they would to other machines.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from conftest import REPO, command_env
from claimcheck.config import Settings, load_settings
from claimcheck.engine.check import CheckResult, check_paths
from claimcheck.engine.partition import document_groups, metric_classes
from claimcheck.report.render import write_check_json, write_check_text

distributed = pytest.importorskip("distributed")

from claimcheck.engine.distributed import check_paths_dask  # noqa: E402  (after the extra is known to be there)

FIXTURES = REPO / "fixtures"
CASES = sorted(p for p in (FIXTURES / "rules").iterdir() if p.is_dir())
USER_RULE = '''
from claimcheck import finding, rule
from claimcheck.engine.providers import provider


@provider("funded_subjects")
def funded_subjects(run):
    """Organisations with funding claims (a provider registered by a rule file, which travels by value)."""
    return run.claims.comparable().subjects("funding")


@rule("figures-per-document", severity="info", related_metrics={})
def figures_per_document(document, *, least: int = 3):
    """A document with many figures (a rule from a user's file, which no worker can import)."""
    if len(document.claims) >= least:
        yield finding(f"{document.source}: {len(document.claims)} figures", *document.claims[:2])


@rule("any-two-subjects", severity="info")
def any_two_subjects(claims, funded_subjects):
    """Relates claims of any two organisations: it says nothing of what it relates, so one group."""
    subjects = funded_subjects
    if len(subjects) >= 2:
        first, second = (claims.about(s, "funding")[0] for s in subjects[:2])
        yield finding(f"{first.subject} and {second.subject} both raised money", first, second)
'''


@pytest.fixture(scope="module")
def user_rules(tmp_path_factory) -> Path:
    """One rule file for the module: its provider may be registered once per process."""
    path = tmp_path_factory.mktemp("rules") / "user_rules.py"
    path.write_text(USER_RULE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                                  silence_logs=40) as cluster, distributed.Client(cluster, set_as_default=False) as c:
        yield c


def outputs(result: CheckResult) -> tuple[str, str]:
    """The JSON and the text a check writes."""
    json_out, text_out = io.StringIO(), io.StringIO()
    write_check_json(result, json_out)
    write_check_text(result, text_out)
    return json_out.getvalue(), text_out.getvalue()


def case_settings(folder: Path) -> Settings:
    config = folder / "claimcheck.toml"
    return load_settings(config) if config.is_file() else Settings()


@pytest.mark.parametrize("corpus", ["corpus", "dev", "rules"])
def test_same_output_as_a_local_check(client, corpus: str) -> None:
    paths = [str(FIXTURES / corpus)]
    local = check_paths(paths)
    on_dask = check_paths_dask(paths, client=client)
    assert local.findings, "a corpus with findings, or the comparison says little"
    assert outputs(on_dask) == outputs(local)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_cases_same_findings(client, case: Path) -> None:
    settings = case_settings(case)
    assert outputs(check_paths_dask([str(case)], client=client, settings=settings)) == \
        outputs(check_paths([str(case)], settings=settings))


def test_no_finding_crosses_a_group() -> None:
    """The invariant that makes the groups right: every finding of a local check (the default pack over the
    fixtures) ties claims of one group only."""
    from claimcheck.engine.check import related_metrics

    result = check_paths([str(FIXTURES / "dev"), str(FIXTURES / "corpus"), str(FIXTURES / "rules")])
    by_source: dict[str, list[tuple[str, str]]] = {d.source: [] for d in result.extraction.documents}
    for c in result.extraction.claims:
        if c.subject and c.metric:
            by_source[c.source].append((c.subject, c.metric))
    groups = document_groups(by_source.items(), related_metrics(result.rules))
    by_id = {c.id: c for c in result.extraction.claims}
    assert len(set(groups.values())) > 10, "the fixtures fall into many groups (else the test says little)"
    for f in result.findings:
        assert len({groups[by_id[i].source] for i in f.claims}) <= 1, f


def test_user_rules_reach_the_workers(client, user_rules: Path) -> None:
    """Rules and providers from a file loaded by path travel by value; a rule that bounds nothing makes one
    group."""
    rules = user_rules
    paths = [str(FIXTURES / "corpus"), str(FIXTURES / "rules")]
    local = check_paths(paths, rule_paths=[rules])
    on_dask = check_paths_dask(paths, client=client, rule_paths=[rules])
    ran = {f.rule for f in local.findings}
    assert {"figures-per-document", "any-two-subjects"} <= ran
    assert outputs(on_dask) == outputs(local)


def test_suppressions_and_problems_as_locally(client, tmp_path: Path) -> None:
    """A suppression comment (read after the merge, from the text shipped back) and input problems (a
    broken link, a file over --max-file-mb) come out as in a local run, in the same order."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in sorted((FIXTURES / "corpus").glob("*.md")):
        (corpus / source.name).write_bytes(source.read_bytes())
    local = check_paths([str(corpus)])
    flagged = local.extraction.claims[[c.id for c in local.extraction.claims].index(local.findings[0].claims[0])]
    path = Path(flagged.source)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(flagged.line - 1, f"<!-- claimcheck-disable-next-line {local.findings[0].rule} -- known -->\n")
    path.write_text("".join(lines), encoding="utf-8")
    (corpus / "00-gone.md").symlink_to(tmp_path / "nowhere.md")
    (corpus / "zz-large.md").write_text("Acme raised $5 million.\n" * 50_000, encoding="utf-8")
    settings = Settings(max_file_mb=0.5)
    local = check_paths([str(corpus)], settings=settings)
    on_dask = check_paths_dask([str(corpus)], client=client, settings=settings)
    assert local.suppressed and len(local.extraction.problems) == 2
    assert outputs(on_dask) == outputs(local)
    assert on_dask.suppressed == local.suppressed and on_dask.extraction.problems == local.extraction.problems


def _drafts_cases(tmp: Path) -> list[tuple[list[str], dict]]:
    """Drafts against a reference read now, as `check_paths` takes them: (paths, keyword arguments)."""
    reference = tmp / "published"
    reference.mkdir()
    for source in sorted((FIXTURES / "corpus").glob("*.md")):
        (reference / source.name).write_bytes(source.read_bytes())
    undated = (FIXTURES / "corpus" / "07-series-b.md").read_text(encoding="utf-8").replace("date:", "dated:")
    (reference / "undated.md").write_text(undated, encoding="utf-8")  # a note, which is not the drafts'
    draft = tmp / "draft.md"
    draft.write_text((reference / "05-microsoft-stake.md").read_text(encoding="utf-8").replace("2", "3"),
                     encoding="utf-8")
    return [
        ([str(draft)], {"against": [str(reference)]}),
        ([str(draft), str(reference / "06-microsoft-stake-usd.md")], {"against": [str(reference)],
                                                                       "date": dt.date(2025, 3, 1)}),
        ([str(reference)], {"drafts": [str(reference / "05-microsoft-stake.md")]}),
        ([str(reference)], {"drafts": [str(draft)]}),  # no draft under the paths: nothing to check
        ([str(draft)], {"against": [str(reference), str(tmp / "missing")]}),
    ]


def test_drafts_against_a_reference_as_locally(client, tmp_path: Path) -> None:
    """--against and --changed: every document read, grouped and checked together, then only the findings
    that involve a draft, as a local check keeps them."""
    for paths, options in _drafts_cases(tmp_path):
        local = check_paths(paths, **options)
        on_dask = check_paths_dask(paths, client=client, **options)
        assert outputs(on_dask) == outputs(local), (paths, options)
        assert (on_dask.drafts, on_dask.reference_documents) == (local.drafts, local.reference_documents)
        assert on_dask.extraction.problems == local.extraction.problems


def test_work_dir_keeps_the_claims_as_parquet(client, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    result = check_paths_dask([str(FIXTURES / "dev")], client=client, work_dir=tmp_path)
    (folder,) = tmp_path.iterdir()
    rows = pq.read_table(folder / "claims").to_pydict()
    assert len(list((folder / "claims").glob("part-*.parquet"))) > 1
    assert rows["kind"].count("claim") == len(result.extraction.claims)
    assert rows["kind"].count("document") == len(result.extraction.documents)
    assert {json.loads(d)["id"] for k, d in zip(rows["kind"], rows["data"]) if k == "claim"} == \
        {c.id for c in result.extraction.claims}


def test_cli_on_an_existing_scheduler(client, cli, user_rules: Path) -> None:
    """The command line end to end, on the cluster's scheduler, with a user's rule file."""
    rules = user_rules
    args = [str(FIXTURES / "corpus"), "--rules", str(rules)]
    for fmt in ("json", "text"):
        local = cli("check", *args, "--format", fmt)
        on_dask = cli("check", *args, "--format", fmt, "--engine", "dask", "--scheduler", client.scheduler.address,
                      timeout=180)
        assert local.status == 1 and local.out
        assert (on_dask.status, on_dask.out, on_dask.err) == (local.status, local.out, local.err)


def test_cli_drafts_against_published(client, cli) -> None:
    draft = str(FIXTURES / "corpus" / "04-audio-vision-bet.md")
    args = ["check", draft, "--against", str(FIXTURES / "corpus"), "--format", "json"]
    local = cli(*args)
    on_dask = cli(*args, "--engine", "dask", "--scheduler", client.scheduler.address, timeout=180)
    assert local.json()["findings"]
    assert (on_dask.status, on_dask.out) == (local.status, local.out)


def test_cli_local_cluster(cli) -> None:
    """--engine dask alone makes a LocalCluster of --workers processes for the run."""
    local = cli("check", str(FIXTURES / "corpus"), "--format", "json")
    on_dask = cli("check", str(FIXTURES / "corpus"), "--format", "json", "--engine", "dask", "--workers", "1",
                  timeout=180)
    assert (on_dask.status, on_dask.out) == (local.status, local.out)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_scheduler_that_cannot_be_reached(tmp_path: Path) -> None:
    env = {**command_env(), "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    address = f"tcp://127.0.0.1:{_closed_port()}"
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(FIXTURES / "corpus"), "--engine", "dask",
                           "--scheduler", address], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"claimcheck: error: --scheduler {address}: cannot reach a Dask scheduler")
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def test_without_the_extra(tmp_path: Path) -> None:
    """Without dask installed (its import fails), one line naming the extra, exit 2."""
    code = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
            "from claimcheck.cli import main\n"
            f"sys.exit(main(['check', {str(FIXTURES / 'corpus')!r}, '--engine', 'dask']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=command_env(),
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "claimcheck: error: --engine dask needs the dask extra: pip install claimcheck[dask]\n"


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["--workers", "2"], "--workers needs --engine dask"),
    (["--engine", "dask", "--against-store=claims.db"], "--against-store needs --engine local"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "--workers sizes a local cluster"),
])
def test_options_the_engine_refuses(cli, args: list[str], message: str) -> None:
    run = cli("check", str(FIXTURES / "corpus"), *args)
    assert run.status == 2 and run.out == ""
    assert run.err.startswith(f"claimcheck: error: {message}") and len(run.err_lines) == 1


def test_standard_input_refused(cli) -> None:
    run = cli("check", "-", "--engine", "dask", stdin=b"Acme raised $5 million in 2024.\n")
    assert run.status == 2 and run.err_lines == [
        "claimcheck: error: --engine dask cannot read standard input ('-'): give files or folders"]


def test_workers_must_be_a_count(cli) -> None:
    run = cli("check", str(FIXTURES / "corpus"), "--engine", "dask", "--workers", "0")
    assert run.status == 2 and "--workers" in run.err and len(run.err_lines) == 1


NAMES = st.sampled_from(["Acme", "Lumora", "Orbis", "Vela"])
METRICS = st.sampled_from(["revenue", "arr", "funding", "valuation", "net_income"])
DOCUMENTS = st.lists(st.lists(st.tuples(NAMES, METRICS), max_size=4), min_size=1, max_size=8)
RELATED = {"revenue": ("arr",), "valuation": ("funding",)}


@hsettings(max_examples=200, deadline=None)
@given(DOCUMENTS, st.randoms(use_true_random=False))
def test_groups_join_exactly_what_rules_relate(documents, random) -> None:
    """Documents share a group exactly when a chain of documents links them through one organisation under
    related metrics; the grouping does not depend on the order of the documents."""
    topics = [(f"doc{i}", pairs) for i, pairs in enumerate(documents)]
    groups = document_groups(topics, RELATED)
    shuffled = topics[:]
    random.shuffle(shuffled)
    again = document_groups(shuffled, RELATED)
    assert {frozenset(s for s in groups if groups[s] == g) for g in groups.values()} == \
        {frozenset(s for s in again if again[s] == g) for g in again.values()}
    classes = metric_classes(RELATED)
    linked = {s: {(n, classes.get(m, m)) for n, m in pairs} for s, pairs in topics}
    for a, pa in linked.items():  # sharing a topic: one group
        for b, pb in linked.items():
            if pa & pb:
                assert groups[a] == groups[b]
    for g in set(groups.values()):  # a group is connected: no two parts without a shared topic
        members = [s for s in groups if groups[s] == g]
        reached, todo = {members[0]}, [members[0]]
        while todo:
            here = todo.pop()
            for other in members:
                if other not in reached and linked[here] & linked[other]:
                    reached.add(other)
                    todo.append(other)
        assert reached == set(members)


def test_no_bound_means_one_group() -> None:
    assert set(document_groups([("a", [("Acme", "arr")]), ("b", [])], None).values()) == {0}


def test_metric_classes_are_symmetric() -> None:
    classes = metric_classes({"revenue": ("arr",), "arr": (), "valuation": ("funding",)})
    assert classes["revenue"] == classes["arr"] != classes["valuation"] == classes["funding"]


def test_runs_from_any_folder(client, tmp_path: Path, monkeypatch) -> None:
    """Relative paths are the client's: the workers are given the paths as the client found them."""
    monkeypatch.chdir(REPO)
    local = check_paths(["fixtures/corpus"])
    assert outputs(check_paths_dask(["fixtures/corpus"], client=client)) == outputs(local)
    assert os.getcwd() == str(REPO)


def test_nothing_to_read_as_locally(client, tmp_path: Path) -> None:
    """An empty folder and a missing path: no partition to read, the same problems and output."""
    empty = tmp_path / "empty"
    empty.mkdir()
    paths = [str(empty), str(tmp_path / "missing")]
    local = check_paths(paths)
    on_dask = check_paths_dask(paths, client=client)
    assert len(local.extraction.problems) == 1
    assert outputs(on_dask) == outputs(local)
    assert on_dask.extraction.problems == local.extraction.problems


def test_run_out_of_time_as_locally(client, tmp_path: Path) -> None:
    """--run-seconds spent before any worker starts: the walk's problems, then one error naming the first
    file not read and counting the others, as a local run reports files it had no time for."""
    settings = Settings(run_seconds=0.001)
    paths = [str(tmp_path / "missing-first"), str(FIXTURES / "corpus"), str(tmp_path / "missing-last")]
    on_dask = check_paths_dask(paths, client=client, settings=settings)
    files = sorted((FIXTURES / "corpus").glob("*.md"))
    assert [(p.source, p.message) for p in on_dask.extraction.problems] == [
        (str(tmp_path / "missing-first"), "no such file or directory"),
        (str(tmp_path / "missing-last"), "no such file or directory"),
        (str(files[0]), f"not read, nor {len(files) - 1} more file(s) after it: the run's time limit (0.001 s) "
                        "was reached; raise it with --run-seconds"),
    ]
    assert not on_dask.extraction.claims and not on_dask.findings
