"""The pathological inputs of issue 8, each run through `claimcheck check` as a new process.

    .venv/bin/python benchmarks/hostile.py                 # every input (about 3 minutes, 2 of them one input)
    .venv/bin/python benchmarks/hostile.py dots meta       # only these (names as printed)
    .venv/bin/python benchmarks/hostile.py --timeout 600   # give up on one input after this long
    .venv/bin/python benchmarks/hostile.py -- --file-seconds 5 --memory-mb 256   # with budgets (passed on)

For each input: wall time, the child's own peak RSS (os.wait4), the exit status, the size of the JSON
written, the problem lines on stderr, and whether it ended as documented (exit 0, 1 or 2, no traceback,
output that is JSON). Prints figures and never asserts: a run that ends otherwise is marked `BAD`, and
the exit status of this script is still 0. The inputs are written to benchmarks/out/hostile/ (git-ignored)
and run with this checkout's code (`python -m claimcheck`, PYTHONPATH set to it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "hostile"
DOCUMENTED_EXITS = (0, 1, 2)

sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
from run import child_env, run_child, say  # noqa: E402

FRONT = "---\ntitle: Hostile input\ndate: 2024-06-11\n---\n\n"


def same_two_figures(folder: Path) -> Path:
    """One file with 20,000 reports of the same two figures (one fact, 200 million pairs)."""
    lines = [f"Acme Robotics raised {'€640 million' if i % 4 == 0 else '€600 million'} in a Series B round.\n\n"
             for i in range(20_000)]
    return _write(folder / "same-two-figures.md", FRONT + "".join(lines))


def dense_news(folder: Path) -> Path:
    """2 MB of dense synthetic news (make_corpus.py, about 630 articles)."""
    out = folder / "dense-2mb"
    make_corpus.ensure(out, total_mb=2.0)
    return out


def many_amounts(folder: Path) -> Path:
    """100,000 amounts in one 2.8 MB file (each becomes a claim: memory grows with them)."""
    text = "".join(f"Acme Corp paid ${i % 97 + 1} million.{' ' if i % 10 else chr(10) * 2}" for i in range(100_000))
    return _write(folder / "many-amounts.md", FRONT + text)


def long_paragraphs(folder: Path) -> Path:
    """10 MB of paragraphs of about 5,000 characters, one sentence in eight with an amount."""
    sentences = [
        "The company said its customers in the region had grown steadily over the period. ",
        "Analysts at several banks said the outlook depended on demand from industrial buyers. ",
        "Acme Corp said revenue rose to $42 million in 2024 from $35 million a year earlier. ",
        "Executives declined to comment on talks with suppliers about longer contracts. ",
        "The group plans to open two more plants next year, according to a filing. ",
        "Shares closed little changed in Frankfurt, where the stock is listed. ",
        "It employs about 1,200 people across four countries and has no debt. ",
        "Its chief executive said the market was larger than most investors assumed. ",
    ]
    paragraph = "".join(sentences) * 9  # about 5,100 characters
    count = 10_000_000 // (len(paragraph) + 2)
    return _write(folder / "long-paragraphs.md", FRONT + "\n\n".join([paragraph] * count) + "\n")


INPUTS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "same-two-figures": ("20,000 reports of the same two figures, one file", same_two_figures),
    "dense-2mb": ("2 MB of dense synthetic news (about 630 articles)", dense_news),
    "links": ("4 KB of repeated '](' (markdown)", lambda f: _write(f / "links.md", "](" * 2_048)),
    "meta": ("20 KB of repeated \"<meta name='a' \" (HTML)",
             lambda f: _write(f / "meta.html", "<meta name='a' " * 1_366)),
    "dots": ("40 KB of dots (markdown)", lambda f: _write(f / "dots.md", "." * 40_000)),
    "comments": ("100 KB of '<!--' openers (HTML)", lambda f: _write(f / "comments.html", "<!--" * 25_000)),
    "scripts": ("100 KB of '<script>' openers (HTML)", lambda f: _write(f / "scripts.html", "<script>" * 12_500)),
    "titles": ("100 KB of '<title>' openers (HTML)", lambda f: _write(f / "titles.html", "<title>" * 14_286)),
    "long-paragraphs": ("10 MB of paragraphs of 5,000 characters", long_paragraphs),
    "many-amounts": ("100,000 amounts in one file", many_amounts),
    "front-matter-date": ("a 10 MB front-matter date string", lambda f: _write(
        f / "front-matter-date.md", "---\ndate: " + "2025 " * 2_000_000 + "\n---\n\nAcme Corp raised $5 million.\n")),
    "400-digits": ("an amount of 400 digits", lambda f: _write(
        f / "400-digits.md", FRONT + f"Acme Corp raised ${'9' * 400} in its Series B. Acme Corp spent $5 million.\n")),
    "year-9999": ("'Published: 9999-12-31' with 'next year'", lambda f: _write(
        f / "year-9999.md", "Published: 9999-12-31\n\nAcme Corp will spend $5 million next year and raised $3 "
        "million last Friday.\n")),
}


def _write(path: Path, text: str) -> Path:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))


def measured(name: str, path: Path, timeout: float, extra: list[str]) -> dict:
    """run_one in a new process of this script. On Linux a child's ru_maxrss starts from the peak RSS of the
    process that started it (recorded at exec), so claimcheck must be started by a process that never held
    the inputs or a large JSON output: this one has, the new one has not."""
    cmd = [sys.executable, __file__, "--measure", name, str(path), "--timeout", str(timeout), "--", *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=child_env())
    if proc.returncode != 0:
        raise SystemExit(f"hostile.py --measure {name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def run_one(name: str, path: Path, timeout: float, extra: list[str]) -> dict:
    """`claimcheck check PATH --format json -o FILE` in a new process; what it did, and whether as documented."""
    env = {**child_env(), "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "out.json", Path(tmp) / "stderr.txt"
        cmd = ["timeout", "-s", "KILL", str(timeout), sys.executable, "-m", "claimcheck", "check", str(path),
               "--format", "json", "-o", str(out), *extra]
        with open(err, "wb") as fh:
            r = run_child(cmd, stderr=fh, env=env)
        stderr = err.read_text(encoding="utf-8", errors="replace")
        written = out.stat().st_size if out.exists() else 0
        try:
            data = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
    lines = stderr.splitlines()
    problems = [x for x in lines if x.startswith(("claimcheck: note:", "claimcheck: error:"))]
    documented = r.code in DOCUMENTED_EXITS and "Traceback" not in stderr and data is not None
    return {"name": name, "wall": r.wall, "rss_mb": r.maxrss_kb / 1024, "code": r.code, "json_bytes": written,
            "findings": len(data["findings"]) if data else None, "claims": len(data["claims"]) if data else None,
            "problems": problems, "documented": documented, "killed": r.code in (-9, 137)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", metavar="NAME", help=f"inputs to run (default all): {', '.join(INPUTS)}")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before one input is killed (default 300)")
    ap.add_argument("--measure", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)  # see measured()
    argv = sys.argv[1:] if argv is None else argv
    extra = argv[argv.index("--") + 1:] if "--" in argv else []  # passed on to claimcheck check
    args = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    if args.measure:
        print(json.dumps(run_one(args.measure[0], Path(args.measure[1]), args.timeout, extra)))
        return 0
    unknown = [n for n in args.names if n not in INPUTS]
    if unknown:
        ap.error(f"unknown input(s) {', '.join(unknown)}; known: {', '.join(INPUTS)}")
    OUT.mkdir(parents=True, exist_ok=True)
    say(f"claimcheck check on hostile inputs ({sys.executable} -m claimcheck, code from {ROOT})"
        + (f"; options: {' '.join(extra)}" if extra else ""))
    say(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (another busy process slows every figure)")
    say(f"{'input':<18} {'size':>9} {'wall':>8} {'peak RSS':>9} {'exit':>4} {'JSON':>9} {'claims':>6} "
        f"{'findings':>8}  as documented")
    results = []
    for name in args.names or INPUTS:
        what, make = INPUTS[name]
        path = make(OUT)
        r = measured(name, path, args.timeout, extra)
        results.append(r)
        verdict = "yes" if r["documented"] else ("BAD (killed at the timeout)" if r["killed"] else "BAD")
        say(f"{name:<18} {size_of(path) / 1e6:>7.2f}MB {r['wall']:>7.2f}s {r['rss_mb']:>7.0f}MB {r['code']:>4} "
            f"{r['json_bytes'] / 1e6:>7.2f}MB {r['claims'] if r['claims'] is not None else '-':>6} "
            f"{r['findings'] if r['findings'] is not None else '-':>8}  {verdict}")
        for line in r["problems"][:3]:
            say(f"    {line[:150]}")
        if len(r["problems"]) > 3:
            say(f"    … {len(r['problems']) - 3} more problem line(s)")
    slowest = max(results, key=lambda r: r["wall"])
    biggest = max(results, key=lambda r: r["rss_mb"])
    say(f"slowest: {slowest['name']} {slowest['wall']:.2f} s; largest peak RSS: {biggest['name']} "
        f"{biggest['rss_mb']:.0f} MB; as documented: {sum(r['documented'] for r in results)} of {len(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
