"""`--format github`: one GitHub Actions workflow command per finding, which the runner shows as an annotation
on the file and line of the finding's first claim (the other claims are named in the message).

Escaping is GitHub's: `%`, CR and LF in the message as `%25`, `%0D`, `%0A`; in properties also `:` and `,`
as `%3A` and `%2C`. Article text can therefore never end a command early or start a new one.
"""

from __future__ import annotations

from typing import TextIO

from claimcheck.report.locations import Location, below_cwd, claims_by_id, finding_locations
from claimcheck.report.render import printable

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(location: Location) -> str:
    """The file as the checkout names it: relative to the working directory when it lies below it."""
    return printable(below_cwd(location.path) or location.path)


def github_command(finding, locations: list[Location]) -> str:
    properties: dict[str, object] = {}
    message = finding.message
    if locations:
        first = locations[0]
        properties = {"file": _path(first), "line": first.line, "col": first.column, "endLine": first.end_line}
        if first.end_line == first.line:  # GitHub takes a column range only within one line
            properties["endColumn"] = first.end_column
        others = [f"{_path(loc)}:{loc.line}:{loc.column}" for loc in locations[1:]]
        if others:
            message += f" (also at {', '.join(others)})"
    properties["title"] = finding.rule
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(printable(message))}"


def write_check_github(result, out: TextIO) -> None:
    by_id = claims_by_id(result)
    for f in result.findings:
        out.write(github_command(f, finding_locations(f, by_id)) + "\n")
