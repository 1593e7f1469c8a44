"""Scores extraction and checking against a corpus with expected claims and findings.

    .venv/bin/python benchmarks/accuracy.py [CORPUS] [--verbose] [--json OUT]

CORPUS (default fixtures/dev) holds `articles/` and `expected/<stem>.yaml` (format: fixtures/dev/README.md).
Prints, over every expected amount, the share found and the share right per field (a missed amount is wrong
in every field), then the precision and recall of the warnings and errors of `claimcheck check`. Prints
figures and checks nothing: the exit status is 0 unless the corpus cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.entities import codepoint2name
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import claimcheck  # noqa: E402

FIELDS = ("value", "currency", "subject", "metric", "period", "modality")
_LEGAL = re.compile(
    r"[,\s]+(?:inc|corp|corporation|ltd|limited|llc|plc|ag|sa|se|nv|n\.v|ab|asa|as|gmbh|spa|s\.p\.a|kk|co"
    r"|group|holdings?)\.?$"
)


def same_subject(got: str | None, want: str | None) -> bool:
    """Names compare without case, a leading 'the', legal forms and a trailing Group/Holdings."""
    def norm(name: str | None) -> str | None:
        if name is None:
            return None
        name = " ".join(name.casefold().replace("’", "'").split())
        name = re.sub(r"^the\s+", "", name)
        while True:
            stripped = _LEGAL.sub("", name)
            if stripped == name or not stripped:
                return name
            name = stripped
    return norm(got) == norm(want)


@dataclass
class Expected:
    file: str
    quote: str
    span: tuple[int, int]
    fields: dict


@dataclass
class Score:
    total: int = 0
    found: int = 0
    right: Counter = field(default_factory=Counter)
    extra: int = 0
    misses: list[str] = field(default_factory=list)


def _period(value) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    return (dt.date.fromisoformat(str(value[0])), dt.date.fromisoformat(str(value[1])))


def _value_right(claim: claimcheck.Claim, want: dict) -> bool:
    amount = want.get("amount")
    if amount is None:
        return claim.value.amount is None
    got = claim.value.amount
    if got is None:
        return claim.value.low <= float(amount) <= claim.value.high
    return math.isclose(got, float(amount), rel_tol=1e-6)


def field_checks(claim: claimcheck.Claim, want: dict) -> dict[str, bool]:
    period = (claim.period.start, claim.period.end) if claim.period and claim.period.resolved else None
    return {
        "value": _value_right(claim, want),
        "currency": claim.value.currency == want.get("currency"),
        "subject": same_subject(claim.subject, want.get("subject")),
        "metric": claim.metric == want.get("metric"),
        "period": period == _period(want.get("period")),
        "modality": claim.modality == (want.get("modality") or "actual"),
    }


def _as_written(quote: str, text: str) -> str:
    """The quote as the article's source has it: an HTML page may write "€15.7bn" as "&euro;15.7bn" or
    "&#8364;15.7bn" (an expected file quotes what a reader sees)."""
    if quote in text or quote.isascii():
        return quote
    for form in (lambda ch: f"&{codepoint2name[ord(ch)]};" if ord(ch) in codepoint2name else ch,
                 lambda ch: f"&#{ord(ch)};", lambda ch: f"&#x{ord(ch):x};", lambda ch: f"&#x{ord(ch):X};"):
        written = "".join(ch if ch.isascii() else form(ch) for ch in quote)
        if written in text:
            return written
    return quote


def load_expected(corpus: Path, texts: dict[str, str]) -> tuple[list[Expected], list[dict]]:
    """Expected claims located in their article's text, and expected findings."""
    claims: list[Expected] = []
    findings: list[dict] = []
    for path in sorted((corpus / "expected").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        article = next((name for name in texts if Path(name).stem == path.stem), None)
        if article is None:
            print(f"{path}: no article with this stem", file=sys.stderr)
            continue
        text, cursor = texts[article], 0
        for want in data.get("claims") or []:
            quote = _as_written(want["quote"], text)
            if "occurrence" in want:  # the same figure earlier in page furniture: the n-th one is the claim
                at = -1
                for _ in range(want["occurrence"]):
                    at = text.find(quote, at + 1)
                    if at < 0:
                        break
            else:
                at = text.find(quote, cursor)
                if at < 0:
                    at = text.find(quote)
            if at < 0:
                print(f"{path}: quote {quote!r} not in the article", file=sys.stderr)
                continue
            claims.append(Expected(article, quote, (at, at + len(quote)), want))
            cursor = at + 1
        findings.extend(data.get("findings") or [])
    return claims, findings


def score_claims(expected: list[Expected], extraction: claimcheck.Extraction) -> tuple[Score, dict[tuple, str]]:
    """Per-field score; also maps (file, quote) of each expected claim to the claim ids found for it (a quote
    written twice in one article is one figure: an expected finding may be reported on either occurrence)."""
    by_file: dict[str, list[claimcheck.Claim]] = defaultdict(list)
    for c in extraction.claims:
        by_file[Path(c.source).name].append(c)
    score, located = Score(), {}
    matched: set[str] = set()
    for want in expected:
        score.total += 1
        a, b = want.span
        hit = next((c for c in by_file[want.file] if c.span[0] < b and a < c.span[1] and c.id not in matched), None)
        if hit is None:
            score.misses.append(f"{want.file}: {want.quote!r}: not found")
            continue
        matched.add(hit.id)
        # (keyed by the quote as the expected file writes it, which its findings name: "€1.53bn" for "&euro;1.53bn")
        located.setdefault((want.file, want.fields.get("quote", want.quote)), []).append(hit.id)
        score.found += 1
        for name, ok in field_checks(hit, want.fields).items():
            if ok:
                score.right[name] += 1
            else:
                got = {
                    "value": hit.value.amount, "currency": hit.value.currency, "subject": hit.subject,
                    "metric": hit.metric, "modality": hit.modality,
                    "period": [str(hit.period.start), str(hit.period.end)] if hit.period else None,
                }[name]
                exp = want.fields.get("amount" if name == "value" else name)
                if name == "period" and exp:
                    exp = [str(d) for d in exp]
                score.misses.append(f"{want.file}: {want.quote!r} {name}: got {got!r}, want {exp!r}")
    score.extra = sum(1 for c in extraction.claims if c.id not in matched)
    return score, located


def score_findings(
    expected: list[dict], result, located: dict[tuple, list[str]]
) -> tuple[int, int, int, list[str], list[str]]:
    """(true positives, reported, expected, false alarms, misses) over warnings and errors."""
    reported = [f for f in result.findings if f.severity in ("warning", "error")]
    claims = {c.id: c for c in result.extraction.claims}
    wanted = []
    misses: list[str] = []
    for f in expected:
        ids = [located.get((c["file"], c["quote"])) for c in f["claims"]]
        wanted.append((f["rule"], ids, f))

    def covers(finding, ids: list) -> bool:
        return all(ids) and all(set(each) & set(finding.claims) for each in ids)

    hit_reported: set[int] = set()
    found = 0
    for rule_id, ids, raw in wanted:
        match = None
        if all(ids):
            match = next(
                (i for i, f in enumerate(reported) if f.rule == rule_id and covers(f, ids)), None
            )
        if match is None:
            quotes = " / ".join(f"{c['file']}:{c['quote']!r}" for c in raw["claims"])
            misses.append(f"{rule_id}: {quotes}")
        else:
            found += 1
            hit_reported.add(match)
    false_alarms = []
    for i, f in enumerate(reported):
        if i in hit_reported:
            continue
        # a reported finding that covers an expected one (e.g. more claims in one group) is no false alarm
        if any(r == f.rule and covers(f, ids) for r, ids, _ in wanted):
            hit_reported.add(i)
            continue
        where = ", ".join(f"{Path(claims[c].source).name}:{claims[c].quote!r}" for c in f.claims if c in claims)
        false_alarms.append(f"{f.severity} {f.rule}: {where}: {f.message[:160]}")
    return len(hit_reported), len(reported), len(wanted), false_alarms, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "fixtures" / "dev"))
    parser.add_argument("--verbose", "-v", action="store_true", help="list every wrong field and finding")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    articles = corpus / "articles"
    if not articles.is_dir():
        print(f"{articles}: not a folder", file=sys.stderr)
        return 2
    result = claimcheck.check_paths([str(articles)])
    texts = {Path(d.source).name: d.text for d in result.extraction.documents}
    expected, expected_findings = load_expected(corpus, texts)
    score, located = score_claims(expected, result.extraction)
    tp, reported, wanted, false_alarms, missed = score_findings(expected_findings, result, located)
    companies = {w.fields.get("subject") for w in expected if w.fields.get("subject")}

    total = max(score.total, 1)
    print(f"corpus: {corpus}  articles: {len(texts)}  expected amounts: {score.total}  "
          f"subjects: {len(companies)}  extracted claims: {len(result.extraction.claims)}")
    print(f"amounts found: {score.found / total:.3f}   extra claims (not expected): {score.extra}")
    figures = {"found": score.found / total}
    for name in FIELDS:
        share = score.right[name] / total
        figures[name] = share
        print(f"  {name:<9} {share:.3f}  ({score.right[name]}/{score.total})")
    precision = tp / reported if reported else 1.0
    recall = (wanted - len(missed)) / wanted if wanted else 1.0
    figures.update(precision=precision, recall=recall, reported=reported, expected_findings=wanted)
    print(f"findings (warning+error): reported {reported}, expected {wanted}, "
          f"precision {precision:.3f}, recall {recall:.3f}")
    if args.verbose:
        for line in score.misses:
            print("  field   " + line)
        for line in missed:
            print("  missed  " + line)
        for line in false_alarms:
            print("  false   " + line)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
