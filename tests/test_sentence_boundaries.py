"""Sentence boundaries around figures: abbreviations and initials do not end a sentence, a round's letter does."""

import pytest

from claimcheck.mentions.sentences import sentence_spans

CASES = [
    ("Shares of Carrow Inc. fell on Tuesday. Net income was $12 million.", 2),
    ("J. Smith, the chief executive, said revenue rose.", 1),
    ("The U.S. unit raised $5 million in Feb. from investors.", 1),
    ("It announced its $10 billion Series J. That round closed in January.", 2),
    ("Analysts at J. P. Morgan expect more.", 1),
    # an abbreviation closing a parenthesis: "Group EBIT (adj.) came to NOK 2.0 billion"
    ("Group EBIT (adj.) came to NOK 2.0 billion. Turnover rose.", 2),
    ("Profit (excl. one-offs) rose to $5m. Sales fell.", 2),
    ("The bank sold its stake (for cash.) Then it paid a dividend.", 2),
    # a currency written with a point before its figure ends nothing: "Fr. 30.1 Mio."; nor does a scale's point
    # before a lower-case word or a currency ("Mrd. EUR", "mil. in 2025", "mill. euro"), but it does before a new
    # sentence's capitalised word
    ("Spending rose to Fr. 30.1 Mio., the company said.", 1),
    ("Sales came to Fr. 1.1 Mrd. The mid-term plan foresees more.", 2),
    ("Sales came to 23,38 Mrd. EUR in 2024.", 1),
    ("He expects EBITDA of around €420 mil. in 2025.", 1),
    ("Revenue came to 306 mill. Euro sales rose.", 1),
    ("Revenue came to 306 mill. Net profit rose.", 2),
    ("Baidu Inc. said revenue rose to 3,1 Mrd. Yuan in the third quarter.", 1),
    ("Umsatz von 1,2 Mrd. Euro in 2024 und CHF 1,2 Mrd. Umsatz in 2025.", 1),
    ("It mills flour at the old Ohio mill. Net profit rose.", 2),
    # a Danish desk's krone and "circa" keep their points: "23,0 mia. kr. (ca. 3,08 mia. euro)", "239,20 kr. by midday";
    # the krone ends a sentence before a capital ("… of 5 kr. The board …"), "ca." only before no figure
    ("Net profit was 23,0 mia. kr. (ca. 3,08 mia. euro), down from 23,6 mia. kr. in 2024.", 1),
    ("The shares stood at 239,20 kr. by midday.", 1),
    ("The dividend is 5 kr. The board agreed.", 2),
    ("The plant is in Fresno, CA. The company said so.", 2),
    ("The plant is in Irvine, CA. 2024 revenue rose.", 2),
    ("The dividend was 5 kr. 2025 will be better.", 2),
    # Polish "ok." (około, about) before a figure keeps its point; "OK." or "ok." before no figure ends a sentence
    ("Revenue came to 2,88 mld zł (ok. 810 mln euro), 11% more.", 1),
    ("The auditor said the books were ok. 2025 will be better.", 2),
    ("The regulator said OK. 5 banks applied.", 2),
    ("Sales in the quarter were ok. $5 million of orders were cancelled.", 2),
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_sentence_count(text: str, count: int) -> None:
    assert len(sentence_spans(text)) == count, [text[a:b] for a, b in sentence_spans(text)]
