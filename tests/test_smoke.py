import claimcheck


def test_extract_finds_money_in_corpus():
    result = claimcheck.extract(["fixtures/corpus"])
    assert len(result.documents) == 8
    assert any(c.quote == "€15 million" for c in result.claims)
