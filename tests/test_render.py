"""Output shapes: the hand-built claim JSON equals the model's own dump (so neither drifts)."""

import claimcheck
from claimcheck.numbers import format_amount
from claimcheck.report.render import claim_json


def test_claim_json_matches_model_dump():
    result = claimcheck.extract(["fixtures/corpus", "fixtures/rules"])
    assert result.claims
    for claim in result.claims:
        expected = claim.model_dump(mode="json")
        expected["span"] = list(claim.span)
        assert claim_json(claim) == expected


def test_format_amount():
    assert [format_amount(x) for x in (1.7e9, 15e6, 9500, 12.5, None, float("inf"))] == [
        "1.7bn", "15m", "9,500", "12.5", "?", "∞",
    ]
