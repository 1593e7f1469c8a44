"""Default notes: things a fact-checker should know that are not conflicts."""

from claimcheck import finding, in_currency, rule


@rule("undated-source", code="CC901", severity="info", tags=("notes",), related_metrics={})
def undated_source(document):
    """A source with figures but no publication date.

    What: a document with claims whose publication date is unknown (no front matter date, no dateline,
    no --date); its relative dates ("last year", "today") stay unresolved and its figures cannot be
    converted at the right date.
    Why: an undated figure cannot be placed on a timeline or checked against others reliably.
    Example: a pasted article with "revenue tripled last year" and no date.
    """
    if document.document.published is None and document.claims:  # the date first: no claims looked up for a dated one
        yield finding(
            f"{document.source} has {len(document.claims)} figure(s) but no publication date; relative "
            "dates in it stay unresolved (add front matter `date:` or pass --date)",
            *document.claims,
        )


@rule("missed-target", code="CC902", severity="info", tags=("notes",), related_metrics={})
def missed_target(fact, claims, fx, run):
    """An actual figure falls short of a target stated for the same period.

    What: for a target (modality `target`), an actual claim of the same subject, metric and period whose
    interval lies wholly below the target's.
    Why: not a conflict — targets are missed — but worth a line in a fact-check.
    Example: a target of €500 million in 2025 revenue against reported 2025 revenue of €300 million.
    """
    if fact.key.modality != "target":
        return
    for target in fact.claims:
        if not target.period or not target.value.currency:
            continue
        for actual in claims.about(target.subject, target.metric, "actual"):
            if actual.period != target.period and not (
                actual.period and actual.period.start == target.period.start and actual.period.end == target.period.end
            ):
                continue
            t = in_currency(target, target.value.currency, fx, run.published(target))
            a = in_currency(actual, target.value.currency, fx, run.published(actual))
            if t and a and a.high < t.low:
                yield finding(
                    f"{target.subject} {target.metric}: target {target.quote!r} ({t.describe()}) missed: "
                    f"{actual.quote!r} ({a.describe()})",
                    target, actual, target=t.as_dict(), actual=a.as_dict(),
                )
