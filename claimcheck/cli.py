"""The command line: a thin layer over the library.

Exit status: 0 done (notes on stderr allowed); 1 findings at or above the fail level (`check`); 2 usage,
configuration or rule-loading error, a rule that crashed, or an input that could not be read (the other
inputs are still processed and reported; 2 wins over 1). A reader that goes away (`| head`) does not
change it. docs/bad-input.md lists every case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from pathlib import Path
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn, TextIO

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TROUBLE = 2
#: `check --format` values; each is a writer in claimcheck/report/ (docs/formats.md).
EXTRACT_SPOOL_SHARE = 0.5
"""The share of the claims whose JSON a forked child encodes while `extract` encodes the rest (with two or more
processes): about half, since this process also writes the documents, which cost little."""
CHECK_FORMATS = ("text", "json", "sarif", "github", "junit", "concise", "csv", "html", "parquet")


class _Parser(argparse.ArgumentParser):
    """argparse, but every usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_TROUBLE)


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {raw!r}") from None


def _positive(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if not 0 < value < math.inf:  # also refuses "nan" and "inf", which cannot be turned into a byte count
        raise argparse.ArgumentTypeError(f"must be a positive number: {raw!r}")
    return value


def _file_mb(raw: str) -> float:
    from claimcheck.config import MAX_FILE_MB

    value = _positive(raw)
    if value > MAX_FILE_MB:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_FILE_MB}: {raw!r}")
    return value


def _budget(key: str):
    """An argparse type for one of the budgets, refused as the config would refuse it."""

    def parse(raw: str) -> float:
        from claimcheck.config import budget_problem

        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        problem = budget_problem(key, value)
        if problem:
            raise argparse.ArgumentTypeError(f"{problem}: {raw!r}")
        return value

    return parse


def _jobs(raw: str) -> int:
    from claimcheck.config import jobs_problem

    try:
        value: object = int(raw)
    except ValueError:
        value = raw
    problem = jobs_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(f"{problem}: {raw!r}")
    return value  # type: ignore[return-value]


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive) or - for stdin")
    command.add_argument("--date", type=_date, help="publication date for documents that state none")
    _reading_options(command)
    command.add_argument("--output", "-o", type=Path, help="write to this file instead of stdout")
    command.add_argument("--quiet", "-q", action="store_true",
                         help="no progress bar (it is shown on stderr only when stderr is a terminal)")


def _reading_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, help="config file (default: nearest claimcheck.toml or pyproject.toml)")
    command.add_argument("--max-file-mb", type=_file_mb, help="skip files larger than this (default 64)")
    command.add_argument("--file-seconds", type=_budget("file_seconds"), metavar="S",
                         help="skip a file that takes longer than this to read (default 120; 0: no limit)")
    command.add_argument("--run-seconds", type=_budget("run_seconds"), metavar="S",
                         help="stop reading files after this long and report those not read (default: no limit)")
    command.add_argument("--memory-mb", type=_budget("memory_mb"), metavar="MIB",
                         help="skip a file when the process has grown by this much since start-up (default: no limit)")
    command.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                         help="extract with N processes at once; the output is the same for every N (default: one "
                         "per usable core; 1: no worker process)")


def _rule_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH",
                         help="extra rule file or folder (repeatable)")
    command.add_argument("--trust-rules", action="store_true",
                         help="run the rule files named by a config found automatically (with --config they always run)")


def _count(raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {raw!r}")
    return int(raw)


def _engine_options(command: argparse.ArgumentParser) -> None:
    """Where a check runs (docs/scale.md): in this process, or on Dask workers."""
    command.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local: this process; dask: extraction and rules on Dask workers (the dask extra)")
    command.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: the scheduler of an existing cluster (tcp://host:8786); "
                         "default: a local cluster")
    command.add_argument("--workers", type=_count, metavar="N",
                         help="with --engine dask and no --scheduler: worker processes (default: usable cores)")
    command.add_argument("--work-dir", type=Path, metavar="DIR",
                         help="with --engine dask: keep the claims' Parquet in a new folder under DIR "
                         "(default: a temporary folder, removed afterwards)")


def _names(raw: str) -> list[str]:
    return [n.strip() for n in raw.split(",") if n.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description="Extract and check monetary claims in news articles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    ex = commands.add_parser(
        "extract", help="list every monetary claim in the articles",
        description="Read articles (files, folders, or - for stdin) and list every monetary claim.",
    )
    _input_options(ex)
    ex.add_argument("--format", choices=("text", "json", "csv", "parquet"), default="text",
                    help="output format (parquet: one row per claim, to -o FILE; needs pyarrow)")
    ck = commands.add_parser(
        "check", help="flag figures that conflict across and within the articles",
        description="Extract the claims of the articles and run the rules over them. Exit 1 when a "
        "finding reaches the fail level.",
    )
    _input_options(ck)
    _rule_options(ck)
    ck.add_argument("--format", choices=CHECK_FORMATS, default="text",
                    help="output format: text, json, sarif, github (workflow commands), junit, concise, csv (one "
                    "row per finding and claim), html (the report of `claimcheck report`), parquet (the csv rows, to -o "
                    "FILE; needs pyarrow)")
    ck.add_argument("--select", action="append", type=_names, default=[], metavar="RULE",
                    help="run only these rules (ids, codes or tags; comma-separated, repeatable)")
    ck.add_argument("--ignore", action="append", type=_names, default=[], metavar="RULE",
                    help="skip these rules (ids, codes or tags; comma-separated, repeatable)")
    ck.add_argument("--fail-level", choices=("error", "warning", "info"),
                    help="lowest severity that makes the exit status 1 (default error)")
    ck.add_argument("--baseline", type=Path, metavar="FILE",
                    help="report only findings not in this baseline (written by --write-baseline)")
    ck.add_argument("--write-baseline", type=Path, metavar="FILE",
                    help="record the findings in FILE as accepted; exit 0 unless an input or rule failed")
    ck.add_argument("--against", action="append", nargs="+", default=[], metavar="PATH",
                    help="check the PATHs as drafts against these published articles: only findings that "
                    "involve a draft count")
    ck.add_argument("--against-store", nargs="?", const="", metavar="FILE",
                    help="check the PATHs as drafts against a claim store made by `claimcheck index` "
                    "(default FILE: the config's store); write --against-store=FILE before the PATHs")
    ck.add_argument("--changed", nargs="?", const="HEAD", metavar="REV",
                    help="the drafts are the files under the PATHs that git lists as changed since REV "
                    "(default HEAD) or untracked; the rest of the PATHs is the reference")
    _engine_options(ck)
    rp = commands.add_parser(
        "report", help="write the fact-checker's HTML report (one self-contained file)",
        description="Check the articles and write one self-contained HTML file: summary, conflict cards, "
        "filters, timelines per company and metric, the claims table and CSV downloads (docs/report.md). "
        "Exit 0 when written, 2 on unreadable input or a rule problem.",
    )
    _input_options(rp)
    _rule_options(rp)
    ix = commands.add_parser(
        "index", help="extract a published corpus into a claim store, for check --against-store",
        description="Extract the claims of the articles under the PATHs into a claim store (SQLite). Files "
        "whose bytes are unchanged are not read again; files gone from the PATHs are removed.",
    )
    ix.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (recursive)")
    ix.add_argument("--store", type=Path, metavar="FILE", help="the store (default: the config's store)")
    ix.add_argument("--rebuild", action="store_true",
                    help="empty the store first (a store of another schema version or other settings)")
    _reading_options(ix)
    rl = commands.add_parser("rules", help="list the rules with their documentation",
                             description="List the loaded rules: id, code, severity, what, why, example, settings.")
    _rule_options(rl)
    rl.add_argument("--config", type=Path, help="config file (for rule paths and settings)")
    rl.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    pv = commands.add_parser("providers", help="list what rules can ask for by parameter name",
                             description="List the providers rules can name as parameters, like pytest --fixtures.")
    pv.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claimcheck")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"extract": _extract, "check": _check, "report": _report, "index": _index, "rules": _rules,
                "providers": _providers}
    return handlers[args.command](args)


def _settings(args: argparse.Namespace):
    from dataclasses import replace

    from claimcheck.config import ConfigError, find_config, load_settings

    try:
        path = args.config if args.config else find_config(Path.cwd())
        if args.config and not args.config.is_file():
            what = "is not a file" if args.config.exists() else "does not exist"
            raise ConfigError(f"{args.config}: config file {what}")
        settings = load_settings(path)
    except ConfigError as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return None
    for key in ("max_file_mb", "file_seconds", "run_seconds", "memory_mb", "jobs"):  # options win over the config
        if getattr(args, key, None) is not None:
            settings = replace(settings, **{key: getattr(args, key)})
    if settings.rule_paths and not args.config and not getattr(args, "trust_rules", False):
        # Python named by a config nobody pointed at is not run (docs/config.md, "Trust").
        args.untrusted = settings.rule_paths
        settings = replace(settings, rule_paths=())
    return settings


def _untrusted_problem(args: argparse.Namespace, settings) -> list:
    """The problem line for rule files left out because their config was found, not named."""
    from claimcheck.models import Problem

    skipped = getattr(args, "untrusted", ())
    if not skipped:
        return []
    return [Problem(source=str(settings.source), fatal=True, message=(
        f"rule file(s) {', '.join(p.name for p in skipped)} not run: this config was found automatically; "
        "run with --trust-rules, or name it with --config"))]


def _extract(args: argparse.Namespace) -> int:
    from claimcheck.claims.extract import Extractor
    from claimcheck.report.render import write_csv, write_json, write_text

    if not _parquet_ready(args, "extract"):
        return EXIT_TROUBLE
    settings = _settings(args)
    if settings is None:
        return EXIT_TROUBLE
    with _progress(args) as progress:
        result = Extractor(settings, keep_text=False).run(args.paths, args.date, progress)
    _report_problems(result.problems)
    if args.format == "parquet":
        from claimcheck.report.parquet import write_claims_parquet
        if not _emit_file(lambda path: write_claims_parquet(result, path), args.output):
            return EXIT_TROUBLE
        return EXIT_TROUBLE if any(p.fatal for p in result.problems) else EXIT_OK
    writer = {"json": write_json, "csv": write_csv, "text": write_text}[args.format]
    spooled = None
    if _spools(args, settings):  # a child encodes part of the claims meanwhile
        from claimcheck.report.render import spool_claims
        spooled = spool_claims(result, EXTRACT_SPOOL_SHARE)
    try:
        if not _emit(lambda out: write_json(result, out, spooled) if spooled else writer(result, out), args.output):
            return EXIT_TROUBLE
    finally:
        if spooled is not None:
            spooled.discard()
    return EXIT_TROUBLE if any(p.fatal for p in result.problems) else EXIT_OK


def _spools(args: argparse.Namespace, settings) -> bool:
    """Whether a forked child encodes the claims' JSON while this process goes on (claimcheck/report/spool.py):
    for a JSON output, when a second process may run."""
    from claimcheck.pool import processes

    return args.format == "json" and processes(settings.jobs) > 1


def _run_check(args: argparse.Namespace, spooled: list | None = None):
    """The settings, result and findings before any baseline of a check, its problems reported, and whether
    they make the status 2 (None after a one-line error: exit 2). `spooled`, for a JSON output: a forked
    child's encoding of the claims, started before the rule pass when a second process may run, is put in it."""
    from dataclasses import replace

    from claimcheck.engine.baseline import BaselineError, read_baseline
    from claimcheck.config import ConfigError
    from claimcheck.engine.check import check_paths
    from claimcheck.engine.registry import RuleError

    settings = _settings(args)
    if settings is None:
        return None
    if getattr(args, "fail_level", None):
        settings = replace(settings, fail_level=args.fail_level)
    try:
        baseline_file = getattr(args, "baseline", None)
        baseline = read_baseline(baseline_file) if baseline_file else None  # before any input is read
        against_store = getattr(args, "against_store", None)
        store = _store_path(against_store, settings, "check --against-store") if against_store is not None else None
        changed = getattr(args, "changed", None)
        if getattr(args, "engine", "local") == "dask":
            result = _check_dask(args, settings, store is not None, changed)
        else:
            _local_engine_only(args)
            before_rules = None
            if spooled is not None and _spools(args, settings):
                from claimcheck.report.render import spool_claims
                before_rules = lambda extraction: spooled.append(spool_claims(extraction))  # noqa: E731
            with _progress(args) as progress:
                result = check_paths(
                    args.paths, against=[p for group in getattr(args, "against", []) for p in group] or None,
                    store=store, drafts=_changed(args.paths, changed) if changed is not None else None,
                    date=args.date, settings=settings, rule_paths=args.rules,
                    select_rules=_joined(args, "select"), ignore_rules=_joined(args, "ignore"), progress=progress,
                    keep_text=False, before_rules=before_rules,
                )
    except (RuleError, BaselineError, ConfigError) as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return None
    current = result.findings
    if baseline is not None:
        new, old = baseline.split(current)
        result = replace(result, findings=tuple(new), baselined=tuple(old))
    untrusted = _untrusted_problem(args, settings)
    _report_problems([*untrusted, *result.extraction.problems, *result.problems])
    trouble = bool(untrusted) or any(p.fatal for p in (*result.extraction.problems, *result.problems))
    return settings, result, trouble, current


def _joined(args: argparse.Namespace, option: str) -> list[str]:
    """The rule names of a repeatable, comma-separated option (--select, --ignore)."""
    return [n for group in getattr(args, option, []) for n in group]


def _local_engine_only(args: argparse.Namespace) -> None:
    from claimcheck.config import ConfigError

    for option in ("scheduler", "workers", "work_dir"):
        if getattr(args, option, None) is not None:
            raise ConfigError(f"--{option.replace('_', '-')} needs --engine dask")


def _check_dask(args: argparse.Namespace, settings, store: bool, changed: str | None):
    """A check on Dask workers (docs/scale.md); drafts against a claim store are the local engine's."""
    from claimcheck.config import ConfigError

    if store:
        raise ConfigError("--against-store needs --engine local (a claim store is read by one process)")
    if args.workers is not None and args.scheduler:
        raise ConfigError("--workers sizes a local cluster: the cluster at --scheduler has its own workers")
    from claimcheck.engine.distributed import check_paths_dask

    return check_paths_dask(
        args.paths, scheduler=args.scheduler, workers=args.workers, work_dir=args.work_dir, date=args.date,
        settings=settings, rule_paths=args.rules, select_rules=_joined(args, "select"),
        ignore_rules=_joined(args, "ignore"), against=[p for group in args.against for p in group] or None,
        drafts=_changed(args.paths, changed) if changed is not None else None,
    )


def _check(args: argparse.Namespace) -> int:
    from claimcheck.engine.baseline import BaselineError, write_baseline

    if not _parquet_ready(args, "check"):
        return EXIT_TROUBLE
    spooled: list = []
    try:
        done = _run_check(args, spooled)
        if done is None:
            return EXIT_TROUBLE
        settings, result, trouble, current = done
        if args.format == "parquet":
            from claimcheck.report.parquet import write_findings_parquet
            written = _emit_file(lambda path: write_findings_parquet(result, path), args.output)
        elif spooled and spooled[0] is not None:
            from claimcheck.report.render import write_check_json
            written = _emit(lambda out: write_check_json(result, out, spooled[0]), args.output)
        else:
            writer = _check_writer(args, settings)
            written = _emit(lambda out: writer(result, out), args.output)
    finally:
        for s in spooled:
            if s is not None:
                s.discard()
    if not written:
        return EXIT_TROUBLE
    if trouble:
        if args.write_baseline:  # it would miss the findings of what failed, which would then all be "new"
            sys.stderr.write(f"claimcheck: error: {args.write_baseline}: baseline not written: an input or a rule "
                             "failed\n")
        return EXIT_TROUBLE
    if args.write_baseline:
        try:
            count = write_baseline(args.write_baseline, current, result.extraction.claims)
        except BaselineError as exc:
            sys.stderr.write(f"claimcheck: error: {exc}\n")
            return EXIT_TROUBLE
        sys.stderr.write(f"claimcheck: note: {args.write_baseline}: baseline of {count} finding(s) written\n")
        return EXIT_OK  # what it recorded is accepted from now on
    return EXIT_FINDINGS if result.at_or_above(settings.fail_level) else EXIT_OK


def _check_writer(args: argparse.Namespace, settings):
    """The writer of one `check --format`, imported alone (a format's module costs nothing to the others)."""
    fmt = args.format
    if fmt == "sarif":
        from claimcheck.report.sarif import write_check_sarif
        return write_check_sarif
    if fmt == "github":
        from claimcheck.report.github import write_check_github
        return write_check_github
    if fmt == "junit":
        from claimcheck.report.junit import write_check_junit
        return lambda result, out: write_check_junit(result, out, settings.fail_level)
    if fmt == "concise":
        from claimcheck.report.concise import write_check_concise
        return write_check_concise
    if fmt == "html":
        return _html_writer(args, settings)
    from claimcheck.report.render import write_check_csv, write_check_json, write_check_text
    return {"json": write_check_json, "csv": write_check_csv, "text": write_check_text}[fmt]


def _html_writer(args: argparse.Namespace, settings):
    """write_html with the documentation of the rules that ran (for the cards' links)."""
    from claimcheck.report.html import write_html

    return lambda result, out: write_html(result, out, list(result.rules))


def _report(args: argparse.Namespace) -> int:
    done = _run_check(args)
    if done is None:
        return EXIT_TROUBLE
    settings, result, trouble, _ = done
    if not _emit(lambda out: _html_writer(args, settings)(result, out), args.output):
        return EXIT_TROUBLE
    if args.output:
        sys.stderr.write(f"claimcheck: report written to {args.output}\n")
    return EXIT_TROUBLE if trouble else EXIT_OK


def _changed(paths: list[str], revision: str) -> list[str]:
    """The drafts of `--changed`: what git lists under `paths` (git is asked only when the option is given)."""
    from claimcheck.config import ConfigError
    from claimcheck.ingest.git import GitError, changed_files

    try:
        return changed_files(paths, revision)
    except GitError as exc:
        raise ConfigError(str(exc)) from None


def _store_path(given: str | Path | None, settings, command: str) -> Path:
    """The store named on the command line, else the config's; a one-line error when there is none."""
    from claimcheck.config import ConfigError

    if given:
        return Path(given)
    if settings.store is None:
        raise ConfigError(f"{command}: no store named: give FILE, or set store = \"FILE\" in claimcheck.toml")
    return settings.store


def _index(args: argparse.Namespace) -> int:
    from claimcheck.config import ConfigError
    from claimcheck.store.index import index

    settings = _settings(args)
    if settings is None:
        return EXIT_TROUBLE
    if "-" in args.paths:
        sys.stderr.write("claimcheck index: error: standard input (-) cannot be indexed: a store keeps files by "
                         "their path (see 'claimcheck index --help')\n")
        return EXIT_TROUBLE
    try:
        store = _store_path(args.store, settings, "index --store")
        report = index(store, args.paths, settings, rebuild=args.rebuild)
    except ConfigError as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return EXIT_TROUBLE
    _report_problems(report.problems)
    if not _emit(lambda out: out.write(report.summary(store) + "\n"), None):
        return EXIT_TROUBLE
    return EXIT_TROUBLE if any(p.fatal for p in report.problems) else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from claimcheck.engine.check import select, validate
    from claimcheck.engine.registry import RuleError, load_rules
    from claimcheck.report.render import write_rules

    settings = _settings(args)
    if settings is None:
        return EXIT_TROUBLE
    for problem in _untrusted_problem(args, settings):  # listed without them: a note, not a failure
        sys.stderr.write(f"claimcheck: note: {problem.source}: {problem.message}\n")
    try:
        registry = load_rules([*settings.rule_paths, *args.rules])
        rules = select(registry, (), (), settings.rule_settings, str(settings.source or "config"))
        validate(rules)
    except RuleError as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return EXIT_TROUBLE
    return EXIT_OK if _emit(lambda out: write_rules(rules, out, args.format), None) else EXIT_TROUBLE


def _providers(args: argparse.Namespace) -> int:
    from claimcheck.engine.providers import PROVIDERS, load_provider_plugins
    from claimcheck.engine.registry import RuleError
    from claimcheck.report.render import write_providers

    try:
        load_provider_plugins()
    except RuleError as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return EXIT_TROUBLE
    return EXIT_OK if _emit(lambda out: write_providers(PROVIDERS.values(), out, args.format), None) else EXIT_TROUBLE


@contextmanager
def _progress(args: argparse.Namespace) -> Iterator[Callable[[str], None] | None]:
    """A rich progress line on stderr, counting the inputs read (only on a terminal, never with --quiet)."""
    if args.quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from claimcheck.report.render import printable

    columns = (SpinnerColumn(), TextColumn("{task.completed} file(s) read"), TimeElapsedColumn(),
               TextColumn("[dim]{task.fields[name]}"))
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("read", total=None, name="")
        yield lambda name: bar.update(task, advance=1, name=printable(name)[-60:])


def _report_problems(problems) -> None:
    from claimcheck.report.render import printable

    for problem in problems:
        level = "error" if problem.fatal else "note"
        sys.stderr.write(printable(f"claimcheck: {level}: {problem.source}: {problem.message}") + "\n")


def _parquet_ready(args: argparse.Namespace, command: str) -> bool:
    """`--format parquet` is a binary file: it needs -o FILE and pyarrow (checked before any input is read);
    False after a one-line error otherwise."""
    if args.format != "parquet":
        return True
    if not args.output:
        sys.stderr.write(f"claimcheck {command}: error: --format parquet writes a binary file: give -o FILE (see "
                         f"'claimcheck {command} --help')\n")
        return False
    from claimcheck.report.parquet import missing_pyarrow

    problem = missing_pyarrow()
    if problem:
        sys.stderr.write(f"claimcheck {command}: error: {problem}\n")
    return problem is None


def _emit_file(write, output: Path) -> bool:
    """Let `write` write the file `output` itself (a binary format); False after a one-line error."""
    try:
        write(output)
    except OSError as exc:
        sys.stderr.write(f"claimcheck: error: {output}: cannot write: {exc.strerror or exc}\n")
        return False
    return True


def _emit(write, output: Path | None) -> bool:
    """Write to `output` or stdout; False (after a one-line error) when the file cannot be written."""
    try:
        if output:
            with open(output, "w", encoding="utf-8", errors="replace", newline="") as out:  # a lone surrogate: "?"
                write(out)
        else:
            try:
                write(_stdout())
                sys.stdout.flush()
            except SystemExit:
                # rich's Console turns a broken pipe into SystemExit(1) (Console.on_broken_pipe), which
                # would read as "findings"; treat it like any other closed pipe.
                raise BrokenPipeError from None
    except BrokenPipeError:
        # The reader went away (`| head`): stop writing quietly; the status still reports the inputs.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:
        sys.stderr.write(f"claimcheck: error: {output or 'stdout'}: cannot write: {exc.strerror}\n")
        return False
    return True


def _stdout() -> TextIO:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    return sys.stdout


def run() -> NoReturn:
    """Console-script entry point: never a traceback for a closed pipe or Ctrl-C."""
    from claimcheck.claims.extract import fewer_collections

    try:
        with fewer_collections():  # one command, one run: the collector's default costs 5-10 % of it
            code = main()
    except SystemExit as exc:  # usage errors, --help, --version: argparse's own exit
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else _say(str(exc.code), 1)
    except KeyboardInterrupt:
        code = _say("claimcheck: interrupted", 130)
    except MemoryError:  # beyond a file (each is its own problem): the rule pass's set-up, or the output
        code = _say("claimcheck: error: ran out of memory", EXIT_TROUBLE)
    except BrokenPipeError:
        # The reader went away (`claimcheck extract … | head`): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    _exit(code)


def _say(line: str, code: int) -> int:
    sys.stderr.write(line + "\n")
    return code


def _exit(code: int) -> NoReturn:
    """End the process once its output is out, without the interpreter's teardown: freeing, one object at a
    time, the grammars and everything a run built costs about 0.1 s, a fifth of checking one draft
    (benchmarks/README.md, "Claim store"). Nothing of claimcheck's waits for exit handlers."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or stdout was closed
        pass
    try:
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
