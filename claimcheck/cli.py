"""The command line: a thin layer over the library.

Exit status: 0 done (notes on stderr allowed); 1 findings at or above the fail level (`check`, later); 2 usage
or configuration error, or an input that could not be read (the other inputs are still processed and
reported). A reader that goes away (`| head`) does not change it. docs/bad-input.md lists every case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from pathlib import Path
from typing import NoReturn, TextIO

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TROUBLE = 2


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description="Extract and check monetary claims in news articles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    ex = commands.add_parser(
        "extract", help="list every monetary claim in the articles",
        description="Read articles (files, folders, or - for stdin) and list every monetary claim.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive) or - for stdin")
    ex.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format")
    ex.add_argument("--date", type=_date, help="publication date for documents that state none")
    ex.add_argument("--config", type=Path, help="config file (default: nearest claimcheck.toml or pyproject.toml)")
    ex.add_argument("--max-file-mb", type=_positive, help="skip files larger than this (default 64)")
    ex.add_argument("--output", "-o", type=Path, help="write to this file instead of stdout")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claimcheck")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    return EXIT_TROUBLE  # unreachable: argparse requires a known command


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
    if args.max_file_mb:
        settings = replace(settings, max_file_mb=args.max_file_mb)
    return settings


def _extract(args: argparse.Namespace) -> int:
    from claimcheck.extract import Extractor
    from claimcheck.render import write_csv, write_json, write_text

    settings = _settings(args)
    if settings is None:
        return EXIT_TROUBLE
    result = Extractor(settings).run(args.paths, args.date)
    for problem in result.problems:
        level = "error" if problem.fatal else "note"
        sys.stderr.write(f"claimcheck: {level}: {problem.source}: {problem.message}\n")
    writer = {"json": write_json, "csv": write_csv, "text": write_text}[args.format]
    try:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                writer(result, out)
        else:
            try:
                writer(result, _stdout())
                sys.stdout.flush()
            except SystemExit:
                # rich's Console turns a broken pipe into SystemExit(1) (Console.on_broken_pipe), which
                # would read as "findings"; treat it like any other closed pipe.
                raise BrokenPipeError from None
    except BrokenPipeError:
        # The reader went away (`| head`): stop writing quietly; the status still reports the inputs.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:
        sys.stderr.write(f"claimcheck: error: {args.output or 'stdout'}: cannot write: {exc.strerror}\n")
        return EXIT_TROUBLE
    return EXIT_TROUBLE if any(p.fatal for p in result.problems) else EXIT_OK


def _stdout() -> TextIO:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    return sys.stdout


def run() -> NoReturn:
    """Console-script entry point: never a traceback for a closed pipe or Ctrl-C."""
    try:
        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("claimcheck: interrupted\n")
        code = 130
    except BrokenPipeError:
        # The reader went away (`claimcheck extract … | head`): stop quietly, as other Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
