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
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_sentence_count(text: str, count: int) -> None:
    assert len(sentence_spans(text)) == count, [text[a:b] for a, b in sentence_spans(text)]
