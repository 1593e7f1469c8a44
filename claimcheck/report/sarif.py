"""`--format sarif`: SARIF 2.1.0, read by GitHub code scanning, Azure DevOps and SARIF viewers.

One run: the rules that ran as `tool.driver.rules` (descriptions from their docstrings, level from their
severity), one result per finding with a location for each of its claims, the finding's stable fingerprint
as a partial fingerprint, and the inputs that could not be read as tool execution notifications.
Paths below the working directory are relative to `%SRCROOT%`, which CI systems map to their checkout.
"""

from __future__ import annotations

import inspect
import json
import os
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from claimcheck.pack import pack_dir
from claimcheck.report.locations import Location, below_cwd, claims_by_id, finding_locations
from claimcheck.report.render import printable

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT = "claimcheck/v1"


def _stable_fingerprint(finding) -> str:
    """The finding's id across runs and edits, as code scanning matches alerts by it: the one place that
    decides which fingerprint SARIF carries."""
    return finding.stable_fingerprint or finding.fingerprint  # content only: survives moving the file


def _message(text: str) -> dict[str, str]:
    return {"text": printable(text)}


def _artifact(path: str) -> dict[str, Any]:
    """A file below the working directory relative to `%SRCROOT%`; another by its absolute `file:` URI."""
    relative = below_cwd(path)
    if relative is not None:
        return {"uri": quote(relative, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}
    if path == "<stdin>":
        return {"description": _message("standard input")}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _location(loc: Location) -> dict[str, Any]:
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column, "snippet": _message(loc.quote)}  # one character for one: columns hold
    return {"physicalLocation": {"artifactLocation": _artifact(loc.path), "region": region}}


def _docs_url() -> str | None:
    """Where the docs/ folder is published: the installed package's `Documentation` project URL, if any."""
    try:
        urls = metadata("claimcheck").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip().rstrip("/")
    return None


def _in_pack(rule) -> bool:
    """A rule of the default pack (documented in docs/rules.md), not one of the user's or a plugin's."""
    try:
        return Path(inspect.getfile(rule.func)).resolve().parent == pack_dir().resolve()
    except TypeError:  # a built-in or C function: not from a file of the pack
        return False


def rule_descriptor(rule, docs: str | None) -> dict[str, Any]:
    """A rule as SARIF describes it: summary, what and why, the example as help, level from severity."""
    what_why = [f"{name}: {rule.section(name)}" for name in ("What", "Why") if rule.section(name)]
    example = [f"Example: {rule.section('Example')}"] if rule.section("Example") else []
    summary = rule.summary or rule.id
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": _message(summary),
        "fullDescription": _message(" ".join(what_why) or summary),
        "help": _message("\n".join([*what_why, *example]) or summary),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags), **({"code": rule.code} if rule.code else {})},
    }
    if docs and _in_pack(rule):
        descriptor["helpUri"] = f"{docs}/rules.md#{rule.id}"
    return descriptor


def _notification(problem, rule_index: dict[str, int]) -> dict[str, Any]:
    """A problem line: an input that could not be read (with its file), a rule that failed (with the rule)."""
    note: dict[str, Any] = {"level": "error" if problem.fatal else "note", "message": _message(problem.message)}
    rule = problem.source.removeprefix("rule ")
    if problem.source.startswith("rule ") and rule in rule_index:
        note["associatedRule"] = {"id": rule, "index": rule_index[rule]}
    else:
        note["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(problem.source)}}]
    return note


def _version() -> str | None:
    try:
        return metadata("claimcheck")["Version"]
    except PackageNotFoundError:
        return None


def sarif_log(result) -> dict[str, Any]:
    by_id = claims_by_id(result)
    docs = _docs_url()
    rules = list(result.rules)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    driver: dict[str, Any] = {"name": "claimcheck"}
    version = _version()
    if version:
        driver["version"] = version
    if docs:
        driver["informationUri"] = docs
    driver["rules"] = [rule_descriptor(r, docs) for r in rules]
    results = []
    for f in result.findings:
        entry: dict[str, Any] = {
            "ruleId": f.rule, "level": LEVELS[f.severity or "info"], "message": _message(f.message),
            "locations": [_location(loc) for loc in finding_locations(f, by_id)],
            "partialFingerprints": {FINGERPRINT: _stable_fingerprint(f)},
            "properties": {"claims": list(f.claims), "explanation": f.explanation},
        }
        if f.rule in rule_index:
            entry["ruleIndex"] = rule_index[f.rule]
        results.append(entry)
    problems = [*result.extraction.problems, *result.problems]
    invocation: dict[str, Any] = {"executionSuccessful": not any(p.fatal for p in problems)}
    if problems:
        invocation["toolExecutionNotifications"] = [_notification(p, rule_index) for p in problems]
    base = Path(os.getcwd()).as_uri()
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": base if base.endswith("/") else base + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write_check_sarif(result, out: TextIO) -> None:
    json.dump(sarif_log(result), out, ensure_ascii=False, allow_nan=False, indent=2)
    out.write("\n")
