"""The organisation reader on its own: what never names a company, however it is capitalised or introduced."""

from __future__ import annotations

import pytest

from claimcheck.mentions.organisations import EntityTable


@pytest.fixture(scope="module")
def table() -> EntityTable:
    return EntityTable.load()


@pytest.mark.parametrize("text, not_a_name", [
    # "which had cost the group CZK 10 billion": a currency code after a descriptor is no company named so
    ("The main reason was the end of the levy, which had cost the group CZK 10 billion in 2023.", "CZK"),
    ("Analysts at the bank SEK 4 billion short of the target said so.", "SEK"),
    # a figure with its symbol and a glued scale: "RM1.91bil", "Bt6.34bn"
    ("RM1.91bil was set aside for bad loans by the lender.", "RM1.91bil"),
    ("Rs5bn went to the unit, the group said.", "Rs5bn"),
    # cleanco's legal terms that are also surnames or place words end no company's name in English copy
    ("Contracted sales came to HK$42.3 billion, with the Sierra Sea project in Sai Sha among the biggest.", "Sai"),
    ("Jessica Ong, who covers the bank for a Singapore broker, expects a dividend of S$1.10.", "Jessica"),
    ("Analyst Marcus Teo said the lender's margin would narrow.", "Marcus"),
    # an amount in a currency's code doing what a company does ("the EGP 251bn sold at SouthMED"), a byline's verb, a
    # share index, a person whose pronoun follows the verb, a person named with her firm ("…, who rates …")
    ("He notes that the EGP 120bn sold at the resort are reservations.", "EGP 120bn"),
    ("Compiled by Dina Farouk\n\nOstra Homes had a record half.", "Compiled"),
    ("Pampa Modas was among the Ibovespa's biggest losers on Monday.", "Ibovespa"),
    ("FJORD SECURITIES - BUY\nTunde Bakare lifted her target price to NOK 148.", "Tunde Bakare"),
    ("Sipho Dlamini of Fjordvik Capital, who rates the shares a buy, expects more.", "Sipho Dlamini of Fjordvik Capital"),
])
def test_never_an_organisation(table: EntityTable, text: str, not_a_name: str) -> None:
    names = {m.name for m in table.document(text).mentions}
    assert not_a_name not in names, names


@pytest.mark.parametrize("text, name, not_name", [
    # a place word that opens a company's own two-word name is part of it, even beside the formal name
    ("TORONTO — Canadian Tire Corp. Ltd. agreed to sell the brand. In 2018, Canadian Tire paid $985 million "
     "for it, and Canadian Tire said the proceeds would cut debt.", "Canadian Tire", "Tire"),
    ("American Express Co. reported higher spending. In the quarter, American Express earned $2.9 billion, "
     "and American Express said card fees rose.", "American Express", "Express"),
    ("Swiss Re Ltd said claims fell. For the year, Swiss Re earned $3.2 billion, and Swiss Re raised its "
     "dividend.", "Swiss Re", "Re"),
    # … and so it stays where the rest alone only opens a sentence as a common word the copy writes in lower case,
    # or follows "Unlike" ("Grid losses between the plants and the meters" in copy about "the national grid")
    ("Kenya Grid's annual results sent its shares soaring.\n\n**What did Kenya Grid report?**\n\nThe distributor "
     "earned a record profit.\n\nOperating costs rose, driven by the fees Kenya Grid pays to use the transmission "
     "network. The cost of buying from generators and from the national grid climbed. Grid losses between the "
     "plants and the meters stay high.\n\n**What about Rift Hydro?**\n\nThe generator posted a rise in profit. "
     "Unlike Kenya Grid, Rift Hydro has paid a dividend in most years.", "Kenya Grid", "Grid"),
])
def test_place_word_inside_a_formal_name(table: EntityTable, text: str, name: str, not_name: str) -> None:
    names = {m.name for m in table.document(text).mentions}
    assert name in names and not_name not in names, names


def test_place_word_before_a_group_unit(table: EntityTable) -> None:
    """The group's own one-word name before "Group": what follows the place word is one of its units."""
    text = ("Emirates Group posted a record profit. Its cargo arm, Emirates SkyCargo, carried more freight, "
            "and Emirates said the airline had paid $1 billion in bonuses.")
    names = {m.name for m in table.document(text).mentions}
    assert "SkyCargo" not in names, names


def test_a_column_name_opening_the_title_is_no_organisation(table: EntityTable) -> None:
    """"Nordic Retail Desk: Tarnby Hardware's margin story …": the column's name before the colon is the page's
    rubric, not a company the headline is about."""
    text = "Tarnby Hardware said operating profit rose to SEK 1.2bn.\n\nNordic Retail Desk\n\nTarnby Hardware shares rose."
    names = {m.name for m in table.document(text, title="Nordic Retail Desk: Tarnby Hardware's margin story").mentions}
    assert "Retail Desk" not in names and "Tarnby Hardware" in names, names
