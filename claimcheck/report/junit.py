"""`--format junit`: JUnit XML, which Jenkins, GitLab and most CI dashboards show as a test report.

One test case per rule that ran (it passes when the rule found nothing that fails the run), one `<failure>`
per finding at or above the fail level, the findings below it in the case's `<system-out>`; a rule that
crashed is an `<error>` in its case, and inputs that could not be read are `<error>`s of an `inputs` case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from claimcheck.engine.findings import SEVERITY_RANK
from claimcheck.report.locations import claims_by_id, finding_locations, one_line
from claimcheck.report.render import printable

# Characters XML 1.0 cannot hold at all (printable() has already replaced the control characters).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", printable(text))


def _case(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", name=name, classname=classname)


def _problem_cases(suite: ET.Element, result) -> None:
    """`inputs`: an `<error>` per file that could not be read, notes in `<system-out>`; a crashed rule's
    problem becomes an `<error>` in that rule's case (made here when the rule found nothing else)."""
    inputs = _case(suite, "inputs", "claimcheck")
    notes = []
    for problem in (*result.extraction.problems, *result.problems):
        rule = problem.source.removeprefix("rule ") if problem.source.startswith("rule ") else None
        if problem.fatal:
            case = inputs if rule is None else _rule_case(suite, rule)
            ET.SubElement(case, "error", message=_text(one_line(problem.message)), type="problem").text = _text(
                f"{problem.source}: {problem.message}")
        else:
            notes.append(f"{problem.source}: {problem.message}")
    if notes:
        ET.SubElement(inputs, "system-out").text = _text("\n".join(notes))


def _rule_case(suite: ET.Element, rule: str) -> ET.Element:
    for case in suite.iter("testcase"):
        if case.get("name") == rule and case.get("classname") == "claimcheck.rules":
            return case
    return _case(suite, rule, "claimcheck.rules")


def junit_tree(result, fail_level: str = "error") -> ET.Element:
    by_id = claims_by_id(result)
    suites = ET.Element("testsuites", name="claimcheck")
    suite = ET.SubElement(suites, "testsuite", name="claimcheck check")
    rules = sorted({*(r.id for r in result.rules), *(f.rule for f in result.findings)})
    for rule in rules:
        case = _case(suite, rule, "claimcheck.rules")
        below = []
        for f in (f for f in result.findings if f.rule == rule):
            where = [f"{loc.where}  {one_line(loc.quote)}" for loc in finding_locations(f, by_id)]
            body = "\n".join([f.message, *where, f"fingerprint {f.fingerprint}"])
            if SEVERITY_RANK[f.severity or "info"] >= SEVERITY_RANK[fail_level]:
                ET.SubElement(case, "failure", message=_text(one_line(f.message)), type=f.severity or "info").text = (
                    _text(body))
            else:
                below.append(f"{f.severity} {rule}: {body}")
        if below:
            ET.SubElement(case, "system-out").text = _text("\n\n".join(below))
    _problem_cases(suite, result)
    cases = list(suite.iter("testcase"))
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None and c.find("error") is None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
    }
    for element in (suites, suite):
        element.attrib.update({k: str(v) for k, v in counts.items()})
    suite.set("skipped", "0")
    return suites


def write_check_junit(result, out: TextIO, fail_level: str = "error") -> None:
    root = junit_tree(result, fail_level)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
