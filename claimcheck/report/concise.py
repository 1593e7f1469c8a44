"""`--format concise`: one line per finding, `path:line:col: severity rule-id message`, as compilers print.

Editors, `grep` and problem matchers read it; a line never breaks, whatever the message or a file name holds.
"""

from __future__ import annotations

from typing import TextIO

from claimcheck.report.locations import claims_by_id, finding_locations, one_line
from claimcheck.report.render import printable


def write_check_concise(result, out: TextIO) -> None:
    """At the finding's first claim; a finding without claims starts with `claimcheck:` instead."""
    by_id = claims_by_id(result)
    for f in result.findings:
        locations = finding_locations(f, by_id)
        where = printable(locations[0].where).replace("\n", "\ufffd") if locations else "claimcheck"
        out.write(f"{where}: {f.severity} {f.rule} {printable(one_line(f.message))}\n")
