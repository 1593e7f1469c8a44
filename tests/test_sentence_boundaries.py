"""Sentence boundaries around figures: abbreviations and initials do not end a sentence, a round's letter does."""

import pytest

from claimcheck.mentions.sentences import sentence_spans

CASES = [
    ("Shares of Carrow Inc. fell on Tuesday. Net income was $12 million.", 2),
    ("J. Smith, the chief executive, said revenue rose.", 1),
    ("The U.S. unit raised $5 million in Feb. from investors.", 1),
    ("It announced its $10 billion Series J. That round closed in January.", 2),
    ("Analysts at J. P. Morgan expect more.", 1),
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_sentence_count(text: str, count: int) -> None:
    assert len(sentence_spans(text)) == count, [text[a:b] for a, b in sentence_spans(text)]
