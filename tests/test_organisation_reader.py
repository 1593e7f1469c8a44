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
    # a market's index is no organisation, whatever it is called
    ("Corvane Foods rose 2% as the Hang Seng Index fell 1% on Thursday.", "Hang Seng Index"),
    # a place the copy names as one ("the state of …") is a place wherever else it stands
    ("Tarvos Quimica settles Alagoas claim\n\nTarvos Quimica SA agreed to pay the state of Alagoas R$1.2 billion. "
     "Alagoas said the money would go to the families.", "Alagoas"),
    # a thing the copy calls one of a kind sold ("… and other cloud services"), or held by a part of the company
    ("Halvern Soft reported results. Revenue from Nimbus and other cloud services passed $75 billion, and Nimbus grew "
     "39% in the quarter.", "Nimbus"),
    ("Halvern Soft reported results. Intelligent Cloud, home to Nimbus: $29.88 billion. Nimbus grew 39%.", "Nimbus"),
    # a currency written in letters, alone or glued to its figure, is money
    ("Halvern Oil profit nearly triples; board declares Rs10 dividend\n\nHalvern Oil said profit rose.", "Rs10"),
    ("title: Halvern Bank's KSh 4 mid-year payout\n\nHalvern Bank will pay KSh 4 a share. KSh 2 is special.", "KSh"),
    # a tax by its initials, and a pronoun that opens a sentence, do what companies do and are none
    ("Tabak Praha said revenue net of excise tax and VAT rose 2.9% to CZK 10.7 billion.", "VAT"),
    ("Two state companies may be sold. Whoever buys them would want to know what they earn.", "Whoever"),
    ("AGM: THE VOTE\n\nThe AGM will vote on a buyback of A$200 million in October, and the AGM may pass it.", "AGM"),
    # a share of what a company owns ("Much of …", "Half of …") is no part of its name
    ("Orrin Telecom, the state operator, reported. Much of Orrin Telecom's revenue growth came from data.",
     "Much of Orrin Telecom"),
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
    # … and after a day that opens the sentence ("On Wednesday Korea Zinc announced …")
    ("**The U-turn.** On Wednesday Korea Smelting announced a share sale. Korea Smelting said the board agreed. "
     "Korea Smelting shares fell.", "Korea Smelting", "Smelting"),
    # "Rival" and a place's possessive before a name are not part of it
    ("Halvern Labs reported results. Rival Corvane Laboratories reported a rise in profit.", "Corvane Laboratories",
     "Rival Corvane Laboratories"),
    ("Halvern Bank sold the unit to Nigeria's Corvane Bank, which will pay Sh2 per share.", "Corvane Bank",
     "Nigeria's Corvane Bank"),
    # a word that is never a name alone ends a name after "of the" ("Bank of the West"), not "of the" itself
    ("Halvern Bank reported results. Profit was hit in a year scarred by the Bank of the West integration, and "
     "Bank of the West said so.", "Bank of the West", "Bank of the"),
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


@pytest.mark.parametrize("text, name, parts", [
    # a name of several words and one word the copy never writes alone, joined by "and"
    ("The state sold 25% of Harbour Exploration and Production (HEP). Harbour Exploration and Production said the "
     "offer was covered, and HEP shares rose.", "Harbour Exploration and Production", ["Production", "Harbour Exploration"]),
    # one word never written alone and a name ending in an organisation word
    ("Salt and Gas Development Company reported a profit. Salt and Gas Development Company will pay a dividend.",
     "Salt and Gas Development Company", ["Gas Development Company"]),
    # an organisation word "for" a place
    ("Union Bank for Africa Plc grew its profit. Union Bank for Africa Plc said deposits rose.",
     "Union Bank for Africa", ["Union Bank"]),
])
def test_one_name_across_and_or_for(table: EntityTable, text: str, name: str, parts: list[str]) -> None:
    names = {m.name for m in table.document(text).mentions}
    assert name in names and not names & set(parts), names


def test_two_names_joined_by_and_stay_two(table: EntityTable) -> None:
    """"Tessel Group and Morrow Holdings are joint sponsors": two groups; "Harlow Bank and Carrow", Carrow written
    alone too: two companies."""
    text = ("Tessel Group and Morrow Holdings are joint sponsors. Harlow Bank and Carrow agreed terms; Carrow said "
            "it would pay cash, and Harlow Bank said so too.")
    names = {m.name for m in table.document(text).mentions}
    assert {"Tessel", "Morrow", "Carrow", "Harlow Bank"} <= names, names


@pytest.mark.parametrize("text, name", [
    # a legal form in small letters after the name (Iceland's "hf.", Czechia's "a.s.", Croatia's "d.d."), perhaps after
    # a word of the name in small letters: the name is an organisation's, and the story's
    ("Hvalur hf. published its results on Thursday. The bank grew.", "Hvalur"),
    ("Fjord banki hf. published its results on Thursday. The bank grew.", "Fjord"),
    ("Vltava Pivovar a.s. said beer sales rose. The brewer grew.", "Vltava Pivovar"),
    ("Jadran Turist d.d. reported more guests. The company grew.", "Jadran Turist"),
])
def test_a_legal_form_in_small_letters(table: EntityTable, text: str, name: str) -> None:
    assert table.document(text).main == name


def test_a_unit_of_a_named_parent_keeps_the_focus(table: EntityTable) -> None:
    """"Savanna Bank Kenya, the Kenyan unit of South Africa's Savanna Group": a company of its own that the story is
    about; the next sentence with no name is still its own (not a line of business set off: "Coral Retail, the
    supermarket business that …")."""
    text = ("Savanna Bank Kenya Plc, the Kenyan unit of South Africa's Savanna Group, reported higher profit on Thursday. "
            "Profit after tax came to Sh22.9 billion. Savanna Group owns 68.5% of the lender. Savanna said the dividend "
            "would rise. ")
    found = table.document(text)
    assert found.focus(text.index("Sh22.9")) == "Savanna Bank Kenya"


def test_a_head_in_capitals_of_three_letters_names_its_subject(table: EntityTable) -> None:
    """"UTE: THE RELIABLE ONE" over a section on a company the prose calls "UTE" and "the electricity company": a head in
    capitals names its subject, of three letters too when the prose writes them in capitals again."""
    text = ("RAMBLA LETTER\n\nThe state companies' report card\n\nThe two largest state companies have both published "
            "their accounts. ANCAP may be listed, and ANCAP's board agrees.\n\nUTE: THE RELIABLE ONE\n\n"
            "The electricity company closed 2025 with a profit of $U 13.5 billion. On these figures UTE is the easier "
            "sell, and UTE's board knows it.\n\nANCAP: BACK IN THE BLACK\n\nANCAP, the state fuel company, earned $U 5 billion. ANCAP said it would "
            "invest.\n")
    assert table.document(text).focus(text.index("$U 13.5")) == "UTE"


def test_a_line_of_business_that_opens_its_paragraph_keeps_it(table: EntityTable) -> None:
    """"Coral Retail, the supermarket business that operates 40 stores …, had its best year. Revenue rose …": a part of
    the company opening a paragraph about it holds the focus there (one named in passing does not)."""
    text = ("Kestrel Holdings reported a 12% rise in group profit on Thursday.\n\nCoral Retail, the supermarket business "
            "that operates 40 stores in Trinidad and Barbados, had its best year. Revenue rose 9% to TT$4.5 billion.\n")
    assert table.document(text).focus(text.index("TT$4.5")) == "Coral Retail"
