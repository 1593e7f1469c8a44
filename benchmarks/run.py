"""claimcheck benchmarks: extraction throughput and cold start, measured as whole processes.

    make bench                                  # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --repeat 3 --cold-runs 20
    .venv/bin/python benchmarks/run.py --corpus path/to/articles   # your own folder, used as is

Prints figures, never asserts: the targets (README) are shown next to the figures as "ok" or "MISS".
The synthetic corpus is generated on demand by make_corpus.py (same seed, same bytes). Figures are also
written to benchmarks/out/results.json. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
ONE_ARTICLE = "fixtures/corpus/05-microsoft-stake.md"
SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")  # what `claimcheck extract` reads in a folder
# A one-article input whose only unusual feature is a numeric date (03/04/2025), which claimcheck hands
# to dateparser: the cold-start price of that lazy import.
NUMERIC_DATE_ARTICLE = """---
title: "Keelgate Robotics closes funding round"
date: 2025-05-02
outlet: "Capital Wire"
---

# Keelgate Robotics closes funding round

Keelgate Robotics, which builds inspection drones for offshore wind farms, said it raised $12 million
in a round that closed on 03/04/2025, led by Harborline Ventures.
"""
TARGET_MB_S = 1.5  # extraction, whole process, one core, dense corpus (issue 11)
TARGET_COLD_S = 0.5  # one article, whole process
TARGET_CHECK_MB_S = 1.2  # check (extraction + rules), whole process, one core, dense corpus (issue 11)
TARGET_CHECK_COLD_S = 0.6  # one draft, whole process
TARGET_RULE_PASS_S = 2.0  # the rule pass alone over 100,000 claims
TARGET_RULE_PASS_1M_S = 10.0  # the rule pass alone over 1,000,000 claims, CPU time (issue 11)
TARGET_SPARSE_MB_S = 3.0  # extract and check of the sparse corpus: "well above 3 MB/s" (issue 11)

sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402


# ----------------------------------------------------------------------------------------- helpers
@dataclass
class Run:
    wall: float  # seconds, wall clock from spawn to reap
    cpu: float  # user + system seconds of the child
    maxrss_kb: int  # the child's own peak resident set size (Linux: KiB)
    code: int


def say(*parts: object) -> None:
    print(*parts, flush=True)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.pop("PYTHONWARNINGS", None)
    return env


def run_child(cmd: list[str], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=None) -> Run:
    """Spawn, wait with wait4 so the resource usage is this child's own, not a running maximum."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=stdout, stderr=stderr, env=env or child_env())
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, proc.returncode)


def claimcheck_cmd() -> list[str]:
    """The installed console script next to this interpreter (what users run), else `python -m`."""
    script = Path(sys.executable).parent / "claimcheck"
    if script.exists():
        return [str(script)]
    found = shutil.which("claimcheck")
    return [found] if found else [sys.executable, "-m", "claimcheck"]


def corpus_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) of what claimcheck reads under `folder` (dot-files and other suffixes skipped)."""
    files = size = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                files += 1
                size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


def git_state() -> str:
    """The commit measured, with '+dirty' when the working tree has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+dirty" if dirty else "")


def fmt_s(x: float) -> str:
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


# ----------------------------------------------------------------------------------------- (a) whole process
def check_run(cmd: list[str], corpus: Path) -> dict:
    """One real extraction with JSON written to a file: the claim count, and whether anything crashed."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "claims.json", Path(tmp) / "stderr.txt"
        with open(err, "wb") as fh:
            r = run_child([*cmd, "extract", str(corpus), "--format", "json", "-o", str(out)], stderr=fh)
        stderr = err.read_text(encoding="utf-8", errors="replace")
        try:
            data = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            data = None
            parse_error = str(exc)
        else:
            parse_error = None
    lines = stderr.splitlines()
    notes = [x for x in lines if x.startswith("claimcheck: note:")]
    errors = [x for x in lines if x.startswith("claimcheck: error:")]
    other = [x for x in lines if x not in notes and x not in errors]
    kinds: dict[str, int] = {}
    for x in notes + errors:
        key = x.split(": ", 3)[-1]
        kinds[key] = kinds.get(key, 0) + 1
    return {
        "run": r,
        "claims": len(data["claims"]) if data else None,
        "documents": len(data["documents"]) if data else None,
        "problems": len(data["problems"]) if data else None,
        "notes": len(notes),
        "errors": len(errors),
        "problem_kinds": kinds,
        "traceback": "Traceback" in stderr,
        "stderr_other": other[-20:],
        "json_error": parse_error,
    }


def whole_process(cmd: list[str], corpus: Path, repeat: int, pin: bool, command: str = "extract") -> list[Run]:
    prefix = ["taskset", "-c", "0"] if pin else []
    return [
        run_child([*prefix, *cmd, command, str(corpus), "--format", "json", "-o", os.devnull])
        for _ in range(repeat)
    ]


def regex_scan(corpus: Path, repeat: int, pin: bool) -> list[Run]:
    """benchmarks/regex_scan.py as a whole process: the plain regular-expression yardstick of issue 11."""
    prefix = ["taskset", "-c", "0"] if pin else []
    return [run_child([*prefix, sys.executable, str(HERE / "regex_scan.py"), str(corpus)]) for _ in range(repeat)]


def rule_pass(n: int = 100_000) -> dict:
    """benchmarks/rule_pass.py in a child process: the rule pass alone over `n` synthetic claims (wall and CPU
    seconds, findings, peak memory, and the memory of the claims alone)."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "rule_pass.py"), "--json", str(n)], cwd=ROOT,
                          capture_output=True, text=True, env=child_env())
    try:
        m = json.loads(proc.stdout)
    except ValueError:
        return {}
    return {"seconds": m["wall_s"], "cpu_seconds": m["cpu_s"], "findings": m["findings"], "peak_mb": m["peak_mib"],
            "claims_mb": m["claims_mib"], "digest": m["digest"]}


def taskset_works() -> bool:
    if not shutil.which("taskset"):
        return False
    try:
        return subprocess.run(["taskset", "-c", "0", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


# ----------------------------------------------------------------------------------------- (b) in-process
def in_process(corpus: Path, repeat: int) -> dict:
    """Extractor.run over the corpus in this process, after imports and Extractor construction."""
    t0 = time.perf_counter()
    import claimcheck
    from claimcheck.config import find_config, load_settings
    from claimcheck.claims.extract import Extractor

    imported = time.perf_counter()
    settings = load_settings(find_config(ROOT))  # the settings the CLI would use from the repository root
    settings = replace(settings, jobs=1)  # the library in one process: no worker (docs/scale.md)
    extractor = Extractor(settings)
    built = time.perf_counter()

    walls, claims = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        result = extractor.run([str(corpus)])
        walls.append(time.perf_counter() - t)
        claims = len(result.claims)
        del result

    try:
        stages = _stages(claimcheck, extractor, settings, corpus)
    except Exception as exc:  # internals changed: the headline figure above does not depend on them
        stages = {}
        say(f"  stage split unavailable ({type(exc).__name__}: {exc})")
    return {
        "import_s": imported - t0,
        "construct_s": built - imported,
        "walls": walls,
        "claims": claims,
        "stages": stages,
    }


def _stages(claimcheck, extractor, settings, corpus: Path) -> dict[str, float]:
    """One more pass split by stage, to show where the time goes (the loop of Extractor.run, timed)."""
    import io

    from claimcheck.ingest.files import read_all
    from claimcheck.models import Extraction
    from claimcheck.report.render import write_json

    stages = {"ingest": 0.0, "claims": 0.0, "json": 0.0}
    docs, found, problems = [], [], []
    inputs = read_all([str(corpus)], None, int(settings.max_file_mb * 2**20))
    while True:
        t = time.perf_counter()
        try:
            loaded, probs = next(inputs)
        except StopIteration:
            break
        problems.extend(probs)
        t2 = time.perf_counter()
        stages["ingest"] += t2 - t
        if loaded is None:
            continue
        docs.append(loaded.document)
        found.extend(extractor.document_claims(loaded))
        stages["claims"] += time.perf_counter() - t2
    t = time.perf_counter()
    write_json(Extraction(documents=tuple(docs), claims=tuple(found), problems=tuple(problems)), io.StringIO())
    stages["json"] = time.perf_counter() - t
    return stages


# ----------------------------------------------------------------------------------------- (c) cold start
def cold(cmd: list[str], runs: int) -> list[float]:
    run_child(cmd)  # warm-up: page cache, .pyc files
    walls = []
    for _ in range(runs):
        r = run_child(cmd)
        if r.code != 0:
            say(f"  warning: {' '.join(cmd)} exited with status {r.code}")
        walls.append(r.wall)
    return walls


# ----------------------------------------------------------------------------------------- (d) importtime
def importtime(cmd: list[str], runs: int = 3) -> tuple[list[tuple[str, int, float, float]], float]:
    """Per imported module (first-seen order): (name, depth, median self µs, median cumulative µs)."""
    samples: dict[str, list[tuple[int, int, int]]] = {}
    order: list[str] = []
    totals = []
    env = child_env()
    env["PYTHONPROFILEIMPORTTIME"] = "1"
    for _ in range(runs):
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        total = 0
        for line in proc.stderr.splitlines():
            if not line.startswith("import time:") or "imported package" in line:
                continue
            # "import time:       879 |      37394 |   claimcheck.claims.extract" (2 spaces per nesting level)
            head, cum, raw = line.split("|", 2)
            self_us, cum_us = int(head.split(":")[1]), int(cum)
            name = raw.strip()
            depth = (len(raw) - len(raw.lstrip(" ")) - 1) // 2
            if name not in samples:
                samples[name] = []
                order.append(name)
            samples[name].append((depth, self_us, cum_us))
            if depth == 0:
                total += cum_us
        totals.append(total)
    rows = []
    for name in order:
        s = samples[name]
        rows.append((name, s[0][0], statistics.median(x[1] for x in s), statistics.median(x[2] for x in s)))
    return rows, statistics.median(totals)


def by_package(rows: list[tuple[str, int, float, float]]) -> list[tuple[str, float]]:
    """Self time summed per top-level package (the '.'-first part of the module name)."""
    sums: dict[str, float] = {}
    for name, _, self_us, _ in rows:
        top = name.split(".")[0]
        sums[top] = sums.get(top, 0.0) + self_us
    return sorted(sums.items(), key=lambda kv: -kv[1])


# ----------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="folder of articles to use as is (default: the generated corpus)")
    ap.add_argument("--mb", type=float, default=make_corpus.DEFAULT_MB, help="size of the generated corpus (MB)")
    ap.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED, help="seed of the generated corpus")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per throughput figure (default 2)")
    ap.add_argument("--cold-runs", type=int, default=10, help="runs per cold-start figure (default 10)")
    ap.add_argument("--no-taskset", action="store_true", help="skip the one-core (taskset -c 0) runs")
    ap.add_argument("--sparse", action="store_true",
                    help="the sparse generated corpus (benchmarks/out/corpus-sparse: few amounts per kB)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    results: dict = {"date": dt.date.today().isoformat(), "commit": git_state()}

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say(f"claimcheck benchmarks  {dt.date.today()}  Python {platform.python_version()}  "
        f"{platform.system()} {platform.machine()}  {cpus} CPUs  commit {results['commit']}  "
        f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results["machine"] = {"python": platform.python_version(), "system": platform.platform(), "cpus": cpus}

    # ---- corpus
    if args.corpus:
        corpus = args.corpus.resolve()
        if not corpus.is_dir():
            say(f"run.py: {corpus} is not a folder")
            return 2
    else:
        corpus = make_corpus.DEFAULT_SPARSE_OUT if args.sparse else make_corpus.DEFAULT_OUT
        t = time.perf_counter()
        before = make_corpus.read_manifest(corpus)
        manifest = make_corpus.ensure(corpus, args.mb, args.seed, args.sparse)
        if manifest != before:
            say(f"generated corpus in {time.perf_counter() - t:.1f} s")
    files, size = corpus_size(corpus)
    mb = size / 1e6
    rel = corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus
    say(f"corpus: {rel}  {files:,} files  {mb:.2f} MB (1 MB = 10^6 bytes)")
    results["corpus"] = {"path": str(rel), "files": files, "bytes": size}
    cmd = claimcheck_cmd()
    say(f"command: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))} (from {Path(cmd[0]).parent})")

    # ---- (a) whole process
    say("\n(a) whole-process extraction: claimcheck extract <corpus> --format json -o /dev/null")
    chk = check_run(cmd, corpus)
    r = chk["run"]
    claims = chk["claims"] or 0
    crashed = r.code not in (0,) or chk["traceback"] or chk["json_error"]
    say(f"  check run (JSON to a file): exit {r.code}, {fmt_s(r.wall)}, {chk['documents']} documents, "
        f"{chk['claims']} claims, {chk['problems']} problems ({chk['errors']} errors, {chk['notes']} notes)")
    for kind, n in sorted(chk["problem_kinds"].items(), key=lambda kv: -kv[1])[:5]:
        say(f"    {n:5d} x {kind}")
    if crashed:
        say("  !! the extractor did not finish cleanly:")
        for line in chk["stderr_other"]:
            say(f"     {line}")
        if chk["json_error"]:
            say(f"     output is not JSON: {chk['json_error']}")
    if chk["documents"] is not None and chk["documents"] != files:
        say(f"  !! {files} files but {chk['documents']} documents")
    results["check"] = {k: v for k, v in chk.items() if k != "run"} | {"wall": r.wall, "exit": r.code}

    runs = {"all cores": whole_process(cmd, corpus, args.repeat, pin=False)}
    pinned = not args.no_taskset and taskset_works()
    if pinned:
        runs["taskset -c 0"] = whole_process(cmd, corpus, args.repeat, pin=True)
    elif not args.no_taskset:
        say("  taskset not available: no one-core figure")
    results["whole_process"] = {}
    for label, rs in runs.items():
        walls = [x.wall for x in rs]
        med = statistics.median(walls)
        entry = {
            "wall": summary(walls), "mb_s": mb / med, "mb_s_best": mb / min(walls),
            "claims_s": claims / med, "cpu_s": statistics.median(x.cpu for x in rs),
            "maxrss_mb": max(x.maxrss_kb for x in rs) / 1024, "exit": [x.code for x in rs],
        }
        results["whole_process"][label] = entry
        say(f"  {label:13} wall {', '.join(f'{w:.2f}' for w in walls)} s -> median {entry['mb_s']:.2f} MB/s "
            f"(best {entry['mb_s_best']:.2f}), {entry['claims_s']:,.0f} claims/s, CPU {entry['cpu_s']:.2f} s, "
            f"peak RSS {entry['maxrss_mb']:.0f} MB")
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    say(f"  RUSAGE_CHILDREN ru_maxrss so far (largest child): {children_rss:.0f} MB")
    scans = regex_scan(corpus, args.repeat, pinned)
    walls = [x.wall for x in scans]
    results["regex_scan"] = {"wall": summary(walls), "mb_s": mb / statistics.median(walls),
                             "cpu_mb_s": mb / statistics.median(x.cpu for x in scans), "pinned": pinned}
    say(f"  regex scan (benchmarks/regex_scan.py{', taskset -c 0' if pinned else ''}): wall "
        f"{', '.join(f'{w:.2f}' for w in walls)} s -> {results['regex_scan']['mb_s']:.2f} MB/s "
        f"({results['regex_scan']['cpu_mb_s']:.2f} MB/s by CPU time)")

    # ---- (b) in-process
    say("\n(b) in-process extraction: Extractor(settings).run([corpus]), start-up excluded")
    ip = in_process(corpus, args.repeat)
    med = statistics.median(ip["walls"])
    st = ip["stages"]
    ip_entry = {"wall": summary(ip["walls"]), "mb_s": mb / med, "mb_s_best": mb / min(ip["walls"]),
                "claims_s": ip["claims"] / med, "claims": ip["claims"], "import_s": ip["import_s"],
                "construct_s": ip["construct_s"], "stages_s": st}
    results["in_process"] = ip_entry
    say(f"  import {ip['import_s']:.3f} s, Extractor() {ip['construct_s']:.3f} s (not counted)")
    say(f"  run    {', '.join(f'{w:.2f}' for w in ip['walls'])} s -> median {ip_entry['mb_s']:.2f} MB/s "
        f"(best {ip_entry['mb_s_best']:.2f}), {ip_entry['claims_s']:,.0f} claims/s, {ip['claims']:,} claims")
    if chk["claims"] is not None and ip["claims"] != chk["claims"]:
        say(f"  !! in-process found {ip['claims']} claims, the CLI {chk['claims']}")
    tot = sum(st.values()) or 1.0
    if st:
        say("  by stage (separate pass): " + ", ".join(
            f"{k} {v:.2f} s ({100 * v / tot:.0f}%, {mb / max(v, 1e-9):.1f} MB/s)" for k, v in st.items()))

    # ---- (c) cold start
    say(f"\n(c) cold start, {args.cold_runs} runs each after one warm-up (wall clock)")
    py = sys.executable
    OUT.mkdir(parents=True, exist_ok=True)
    numeric = OUT / "numeric-date.md"
    numeric.write_text(NUMERIC_DATE_ARTICLE, encoding="utf-8")
    cold_cmds = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import claimcheck.cli'": [py, "-c", "import claimcheck.cli"],
        "python -c 'import claimcheck'": [py, "-c", "import claimcheck"],
        f"claimcheck extract {Path(ONE_ARTICLE).name} --format json": [*cmd, "extract", ONE_ARTICLE, "--format", "json"],
        "claimcheck extract numeric-date.md --format json (dateparser)":
            [*cmd, "extract", str(numeric.relative_to(ROOT)), "--format", "json"],
    }
    results["cold"] = {}
    for label, c in cold_cmds.items():
        walls = cold(c, args.cold_runs)
        results["cold"][label] = summary(walls)
        say(f"  {label:64} median {statistics.median(walls):.3f} s  min {min(walls):.3f} s  max {max(walls):.3f} s")

    # ---- (e) check: whole process, cold start, the rule pass alone
    say("\n(e) claimcheck check: whole process over the corpus, cold start of one draft, rule pass alone")
    check_runs = whole_process(cmd, corpus, args.repeat, pin=pinned, command="check")
    walls = [x.wall for x in check_runs]
    results["check_whole_process"] = {
        "wall": summary(walls), "mb_s": mb / statistics.median(walls), "exit": [x.code for x in check_runs],
        "maxrss_mb": max(x.maxrss_kb for x in check_runs) / 1024, "pinned": pinned,
    }
    say(f"  check, whole process{' (taskset -c 0)' if pinned else ''}: wall {', '.join(f'{w:.2f}' for w in walls)} s "
        f"-> {results['check_whole_process']['mb_s']:.2f} MB/s, exit {[x.code for x in check_runs]}, "
        f"peak RSS {results['check_whole_process']['maxrss_mb']:.0f} MB")
    check_cold = cold([*cmd, "check", ONE_ARTICLE, "--format", "json"], args.cold_runs)
    results["cold"]["claimcheck check 05-microsoft-stake.md (one draft)"] = summary(check_cold)
    say(f"  cold: check {Path(ONE_ARTICLE).name:44} median {statistics.median(check_cold):.3f} s  min {min(check_cold):.3f} s")
    for n, name in ((100_000, "rule_pass_100k"), (1_000_000, "rule_pass_1m")):
        rp = results[name] = rule_pass(n)
        say(f"  rule pass alone, {n:,} claims: {rp.get('seconds', float('nan')):.2f} s "
            f"({rp.get('cpu_seconds', float('nan')):.2f} s CPU), {rp.get('findings', 0):,} findings, "
            f"peak {rp.get('peak_mb', 0):.0f} MiB (the claims alone {rp.get('claims_mb', 0):.0f} MiB)")

    # ---- (d) importtime
    say("\n(d) python -X importtime, one-article run (median of 3 runs, ms)")
    rows, total_us = importtime([*cmd, "extract", ONE_ARTICLE, "--format", "json"])
    results["importtime"] = {"total_ms": total_us / 1000, "modules": len(rows)}
    say(f"  {len(rows)} modules imported, {total_us / 1000:.0f} ms in imports in all")
    say("  top 10 by cumulative time (indent = nesting):")
    top_cum = sorted(rows, key=lambda x: -x[3])[:10]
    for name, depth, s_us, c_us in top_cum:
        say(f"    {c_us / 1000:7.1f}  {'  ' * depth}{name}")
    say("  top 10 by self time:")
    for name, depth, s_us, c_us in sorted(rows, key=lambda x: -x[2])[:10]:
        say(f"    {s_us / 1000:7.1f}  {name}")
    say("  self time per top-level package:")
    pk = by_package(rows)
    say("    " + ", ".join(f"{n} {us / 1000:.0f}" for n, us in pk[:12]))
    results["importtime"]["top_cumulative_ms"] = [(n, round(c / 1000, 1)) for n, _, _, c in top_cum]
    results["importtime"]["by_package_ms"] = [(n, round(us / 1000, 1)) for n, us in pk[:15]]

    # ---- report
    one_core = results["whole_process"].get("taskset -c 0") or results["whole_process"]["all cores"]
    one_label = "taskset -c 0" if "taskset -c 0" in results["whole_process"] else "all cores (no taskset)"
    cold_one = results["cold"][next(k for k in results["cold"] if k.startswith("claimcheck extract 05"))]
    elapsed = time.perf_counter() - started
    results["elapsed_s"] = elapsed
    results["loadavg_end"] = os.getloadavg()

    def ok(good: bool) -> str:
        return "ok" if good else "MISS"

    target_mb_s = TARGET_SPARSE_MB_S if args.sparse else TARGET_MB_S
    target_check_mb_s = TARGET_SPARSE_MB_S if args.sparse else TARGET_CHECK_MB_S

    rows: list[tuple[str, ...]] = [("figure", "median", "best", "target", "")]
    for label, e in results["whole_process"].items():
        tgt, status = "", ""
        if label == "taskset -c 0" or (label == "all cores" and not pinned):
            tgt, status = f">= {target_mb_s:g} MB/s", ok(e["mb_s"] >= target_mb_s)
        rows.append((f"extract, whole process, {label}", f"{e['mb_s']:.2f} MB/s", f"{e['mb_s_best']:.2f} MB/s",
                     tgt, status))
        rows.append(("  claims/s", f"{e['claims_s']:,.0f}/s", "", "", ""))
        rows.append(("  CPU time (user+sys), peak RSS", f"{e['cpu_s']:.2f} s", f"{e['maxrss_mb']:.0f} MB", "", ""))
    scan = results["regex_scan"]
    rows.append((f"regex scan, whole process{', taskset -c 0' if scan['pinned'] else ''}", f"{scan['mb_s']:.2f} MB/s",
                 f"{mb / scan['wall']['min']:.2f} MB/s", "", ""))
    one_run = results["whole_process"].get("taskset -c 0" if scan["pinned"] else "all cores")
    rows.append(("  extract / regex scan", f"{one_run['mb_s'] / scan['mb_s']:.3f}", "", "", ""))
    rows.append(("extract, in-process (Extractor.run)", f"{ip_entry['mb_s']:.2f} MB/s",
                 f"{ip_entry['mb_s_best']:.2f} MB/s", "", ""))
    rows.append(("  claims/s", f"{ip_entry['claims_s']:,.0f}/s", "", "", ""))
    for label, e in results["cold"].items():
        tgt, status = "", ""
        if label.startswith("claimcheck extract 05"):
            tgt, status = f"<= {TARGET_COLD_S:g} s", ok(e["median"] <= TARGET_COLD_S)
        elif label.startswith("claimcheck check"):
            tgt, status = f"<= {TARGET_CHECK_COLD_S:g} s", ok(e["median"] <= TARGET_CHECK_COLD_S)
        short = "cold: " + label.replace(" --format json", "").replace("claimcheck ", "").replace("python -c ", "")
        rows.append((short, f"{e['median']:.3f} s", f"{e['min']:.3f} s", tgt, status))
    ck = results["check_whole_process"]
    rows.append((f"check, whole process{', taskset -c 0' if ck['pinned'] else ''}", f"{ck['mb_s']:.2f} MB/s",
                 f"{mb / ck['wall']['min']:.2f} MB/s", f">= {target_check_mb_s:g} MB/s",
                 ok(ck["mb_s"] >= target_check_mb_s)))
    rows.append(("  check / regex scan", f"{ck['mb_s'] / scan['mb_s']:.3f}", "", "", ""))
    rp = results["rule_pass_100k"]
    if "seconds" in rp:
        rows.append(("rule pass alone, 100,000 claims", f"{rp['seconds']:.2f} s", "", f"< {TARGET_RULE_PASS_S:g} s",
                     ok(rp["seconds"] < TARGET_RULE_PASS_S)))
    rp = results["rule_pass_1m"]
    if "cpu_seconds" in rp:
        rows.append(("rule pass alone, 1,000,000 claims, CPU", f"{rp['cpu_seconds']:.2f} s", "",
                     f"<= {TARGET_RULE_PASS_1M_S:g} s", ok(rp["cpu_seconds"] <= TARGET_RULE_PASS_1M_S)))
    rows.append(("imports in the one-article run (importtime)", f"{total_us / 1000:.0f} ms", "", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    line = "-" * (sum(widths) + 8)
    say("\n" + "=" * len(line))
    say(f"REPORT  {results['date']}  commit {results['commit']}  {files:,} files, {mb:.2f} MB, {claims:,} claims  "
        f"(benchmark took {elapsed:.0f} s)")
    say(line)
    for i, r in enumerate(rows):
        say(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}  {r[4]}".rstrip())
        if i == 0:
            say(line)
    say(line)
    say(f"targets: extraction >= {target_mb_s:g} MB/s on one core as a whole process ({one_label}: "
        f"{one_core['mb_s']:.2f} MB/s, {ok(one_core['mb_s'] >= target_mb_s)}); cold start <= {TARGET_COLD_S:g} s "
        f"for one article ({cold_one['median']:.3f} s, {ok(cold_one['median'] <= TARGET_COLD_S)})")
    if crashed:
        say("!! the extractor did not finish cleanly on the corpus (see (a))")

    OUT.mkdir(parents=True, exist_ok=True)
    name = "results-sparse.json" if args.sparse else "results.json"
    (OUT / name).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    say(f"figures saved to {(OUT / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
