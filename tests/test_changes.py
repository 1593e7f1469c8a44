"""How far back a change word looks: the comparison named nearest it decides."""

import pytest

from claimcheck import months_back

CASES = [
    ("Profit came to ¥65bn, more than double the ¥28bn of a year earlier but short of the previous quarter.",
     "more than double", 12),
    ("Revenue doubled from the previous quarter to €300m, though it was flat from a year earlier.", "doubled", 3),
    ("Sales rose 40% quarter-on-quarter to $2bn.", "rose 40%", 3),
    ("Sales rose 40% to $2bn.", "rose 40%", 12),
    ("Sales rose 40% year-on-year to $2bn, after a sequential decline.", "rose 40%", 12),
]


@pytest.mark.parametrize("sentence, change, months", CASES)
def test_nearest_comparison_decides(sentence, change, months):
    at = sentence.index(change) + len(change) // 2
    assert months_back(sentence, at) == months


def test_without_a_position_any_quarter_comparison_decides():
    assert months_back("Up 10%, and below the previous quarter.") == 3
    assert months_back("Up 10% on a year earlier.") == 12
