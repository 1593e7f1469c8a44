"""One name per organisation across a corpus (`merge_short_forms`): which forms merge and which stay apart."""

from collections import Counter

import pytest

from claimcheck.mentions.organisations import merge_short_forms

CASES = [
    # a one-word name that ends a longer one, in another article: the same company
    ({"Bharti Airtel": 3, "Airtel": 5}, {"Bharti Airtel": "Airtel"}),
    # a shorter form that starts the longer one merges into the form used most
    ({"Lumora AI": 1, "Lumora": 3}, {"Lumora AI": "Lumora"}),
    # a word every kind of company ends with names none of them: "Telecom" (of "Saudi Telecom Company" cut short)
    # is not "Globe Telecom"
    ({"Globe Telecom": 11, "Telecom": 16}, {}),
    ({"Kestrel Holdings": 2, "Holdings": 1}, {}),
    # a group's unit in a place is another organisation
    ({"Tata Steel": 4, "Tata Steel UK": 2}, {}),
    # a name spelled as a possessive, in one article, and read off as one ("Harlan's net income") in another
    ({"Harlan's": 3, "Harlan": 2}, {"Harlan": "Harlan's"}),
    ({"Harlan's": 1, "Harlan": 2}, {"Harlan's": "Harlan"}),
    # a contraction of the words' starts, in another article ("Magalu" of "Magazine Luiza"), and one with a plural "s",
    # as Johannesburg copy writes "Implats" of "Impala Platinum"; not a word that only shares the first letters
    ({"Magazine Luiza": 1, "Magalu": 3}, {"Magazine Luiza": "Magalu"}),
    ({"Impala Platinum": 2, "Implats": 5}, {"Impala Platinum": "Implats"}),
    ({"Impala Platinum": 2, "Implant": 5}, {}),
    ({"Impala Platinum": 2, "Impalas": 5}, {}),
    # names that differ only in case may be two companies ("Gap" the retailer, "GAP" the airport operator)
    ({"Gap": 12, "GAP": 9}, {}),
    # initials a group's or bank's opening word precedes ("Grupo EPM"), in another article; not initials any name ends
    ({"Grupo EPM": 5, "EPM": 10}, {"Grupo EPM": "EPM"}),
    ({"Morgan MSCI": 5, "MSCI": 10}, {}),
    # a name written with its accents in one article and without them on a wire that writes none: one company, named
    # the way the corpus writes it most
    ({"Islandsbanki": 5, "Íslandsbanki": 3}, {"Íslandsbanki": "Islandsbanki"}),
    ({"CEZ": 2, "ČEZ": 9, "ČEZ Group": 1}, {"CEZ": "ČEZ", "ČEZ Group": "ČEZ"}),
    # … not when each spelling already has a family of its own: two companies
    ({"Muller": 3, "Muller Industries": 4, "Müller": 5, "Müller Milch": 2},
     {"Muller": "Muller Industries", "Müller Milch": "Müller"}),
]


@pytest.mark.parametrize(("counts", "merged"), CASES)
def test_merge_short_forms(counts: dict[str, int], merged: dict[str, str]) -> None:
    assert merge_short_forms(Counter(counts)) == merged
