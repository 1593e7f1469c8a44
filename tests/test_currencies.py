"""The currency table: generated from CLDR as committed, documented as read, and every entry readable back."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.claims.extract import Extractor
from claimcheck.config import Settings
from claimcheck.mentions import currency_data
from claimcheck.mentions.currencies import TABLE, CurrencyContext, dollar_for, markdown_table, table
from claimcheck.mentions.money import find_money

ROOT = Path(__file__).resolve().parents[1]
T = table()


def test_committed_table_is_what_cldr_and_the_overlay_generate():
    committed = json.loads(TABLE.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(currency_data.generate(), ensure_ascii=False)), (
        "run `make currencies` and commit claimcheck/mentions/currencies.json"
    )


def test_docs_table_is_generated_from_the_same_data():
    docs = (ROOT / "docs" / "intervals.md").read_text(encoding="utf-8")
    assert markdown_table(T) in docs, "run `make currencies` to regenerate the table in docs/intervals.md"


def test_table_covers_the_world_and_the_euro_predecessors():
    assert len(T.codes) > 150
    for code in ("USD", "EUR", "NGN", "PHP", "TRY", "VND", "KZT", "FRF", "DEM", "ITL", "ESP", "NLG", "BTC"):
        assert code in T.currencies
    assert T.euro_rates["FRF"] == 6.55957 and T.euro_rates["DEM"] == 1.95583


def _unambiguous(spellings: dict[str, list[str]]) -> dict[str, str]:
    return {s: codes[0] for s, codes in spellings.items() if len(codes) == 1}


NAMES = sorted((n, c) for n, c in _unambiguous(T.names).items() if n not in T.needs_scale)
SYMBOLS = sorted((s, c) for s, c in _unambiguous(T.symbols).items())
CODES = sorted(c for c in T.codes if c.isalpha() and len(c) == 3)
figures = st.tuples(st.integers(1, 999), st.sampled_from(["", ".5", ".25"]))


def _one(text: str, context: CurrencyContext | None = None):
    found = find_money(text, context=context)
    assert len(found) == 1, (text, [text[m.start:m.end] for m in found])
    return found[0]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CODES), figures, st.booleans())
def test_any_code_reads_back_before_or_after_the_figure(code, figure, before):
    number = f"{figure[0]}{figure[1]}"
    text = f"The company said it had {code} {number} million in hand." if before else \
        f"The company said it had {number} million {code} in hand."
    m = _one(text)
    assert m.value.currency == code and math.isclose(m.value.amount, float(number) * 1e6)


#: Every unambiguous symbol before the figure, every unambiguous name after it.
SPELLINGS = [("Analysts put the deal at {s}{n} billion on Tuesday.", s, c) for s, c in SYMBOLS] + [
    ("The ministry set aside {n} billion {s} for the project.", n, c) for n, c in NAMES
]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(SPELLINGS), figures)
def test_any_symbol_or_name_reads_back(spelling, figure):
    template, written, code = spelling
    number = f"{figure[0]}{figure[1]}"
    m = _one(template.format(s=written, n=number))
    assert m.value.currency == code and math.isclose(m.value.amount, float(number) * 1e9)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 500), st.integers(1, 500), st.sampled_from([
    "between {a} and {b} million euros", "€{a}-{b}m", "€{a}m–€{b}m", "{a} to {b} million euros",
    "between €{a}m and €{b}m", "from {a} to {b} million euros",
]))
def test_a_range_keeps_its_written_ends(a, b, form):
    a, b = sorted((a, b + 500))  # distinct ends, in order
    m = _one("Officials said the scheme would cost " + form.format(a=a, b=b) + " over the decade.")
    assert m.value.qualifier == "range" and m.value.ends == (a * 1e6, b * 1e6)
    assert m.value.low <= a * 1e6 and b * 1e6 <= m.value.high


@pytest.mark.parametrize(("url", "configured", "dollar"), [
    (None, "USD", "USD"), ("https://www.globeandmail.ca/business/x", "USD", "CAD"),
    ("https://www.afr.com.au/markets", "USD", "AUD"), (None, "NZD", "NZD"),
    ("https://example.com/story", "SGD", "SGD"),
])
def test_a_bare_dollar_follows_the_outlet_then_the_setting(url, configured, dollar):
    assert dollar_for(url, configured) == dollar
    assert _one("It raised $5 million.", CurrencyContext(dollar=dollar_for(url, configured))).value.currency == dollar


def test_the_dollar_setting_reaches_extraction():
    claims = Extractor(Settings(dollar="CAD")).text_claims("Maple Freight Inc said it raised $5 million.")
    assert [c.value.currency for c in claims] == ["CAD"]


@pytest.mark.parametrize(("published", "currency"), [(dt.date(1996, 5, 2), "FRF"), (dt.date(2024, 5, 2), "CHF")])
def test_francs_in_french_copy_are_french_only_before_the_euro(published, currency):
    text = "The French carmaker said it would invest 300 million francs in its plant near Lyon."
    assert _one(text, CurrencyContext(published=published)).value.currency == currency


@pytest.mark.parametrize(("text", "currency"), [
    ("The Oslo shipping group earned 450 million kroner last year.", "NOK"),
    ("The Copenhagen brewer earned 450 million kroner last year.", "DKK"),
    ("The group earned 450 million kroner last year.", None),
    ("Shares in Tokyo and Shanghai rose; the unit booked ¥4 trillion in China.", "JPY"),
])
def test_shared_names_are_settled_by_the_copy(text, currency):
    assert _one(text).value.currency == currency


# a story whose figure stands far from the one place it names (a rupee that no cue around it settles)
_FILLER = " The company has spent the year drilling new wells and renegotiating gas offtake with its buyers." * 3
_RUPEE_STORY = "Profit after tax slid 19% to Rs169.9 billion as output fell at older fields." + _FILLER + \
    " That number is the one Islamabad watches."


@pytest.mark.parametrize(("page", "currency"), [
    # the story names its country once; the page's own description names it again: the rupee is Pakistan's
    ('<meta name="description" content="Pakistan\'s biggest oil and gas producer earned less in FY25.">', "PKR"),
    ('<meta property="og:description" content="What Pakistan\'s biggest explorer earned.">', "PKR"),
    ("", "INR"),  # one cue alone settles nothing: the symbol's default
])
def test_the_pages_description_tells_whose_rupee(page, currency):
    from claimcheck.mentions.currencies import about_the_story

    text = page + "\n" + _RUPEE_STORY
    prose = " " * len(page) + "\n" + _RUPEE_STORY  # the tag is no prose
    context = CurrencyContext(where=about_the_story(text, prose))
    assert find_money(prose, context=context)[0].value.currency == currency


@pytest.mark.parametrize(("title", "currency"), [
    # a headline the prose does not carry (a Markdown front matter's title) says where the story is: counted twice,
    # its one place settles the rupee as a place the prose names twice would ("Islamabad" at the end makes three)
    ("Toyota's Pakistani assembler had its best year", "PKR"),
    ("A record year for the car assembler", "INR"),
    (None, "INR"),
    # once where the prose names a country: a market the headline names is not the company's ("Karachi-listed")
    ("Lucky Motors eyes Afghan and Indian markets after profit jump", "PKR"),
])
def test_the_headline_tells_whose_rupee(tmp_path, title, currency):
    head = f"---\ntitle: \"{title}\"\ndate: 2025-09-03\n---\n\n" if title else "---\ndate: 2025-09-03\n---\n\n"
    story = _RUPEE_STORY.replace(" That number is the one Islamabad watches.", "")
    if title and "Indian" in title:
        story = "Lucky Motors, the Karachi-listed carmaker, said: " + story
    (tmp_path / "a.md").write_text(head + story + "\n", encoding="utf-8")
    result = claimcheck.extract([str(tmp_path / "a.md")])
    assert [c.value.currency for c in result.claims] == [currency]


@pytest.mark.parametrize(("text", "currency"), [
    # copy that writes its bare-"$" figures in millions of pesos ("$38,592 mdp") writes its bare "$" for the peso, its
    # share prices too; without it, a bare "$" is the outlet's dollar
    ("Net sales were $38,592 mdp in Mexico. The shares closed at $81.22.", "MXN"),
    ("Net sales were $38,592 million. The shares closed at $81.22.", "USD"),
    # (not in a US story that names a Mexican unit's pesos so: its "$2.5 billion" is dollars)
    ("Net sales rose to $2.5 billion; its Mexican unit sold $38,592 mdp. The shares closed at $81.22.", "USD"),
])
def test_a_story_in_pesos_mdp_writes_its_bare_dollar_for_the_peso(text, currency):
    claims = Extractor().text_claims(text, published=dt.date(2026, 2, 26))
    assert claims[-1].quote == "$81.22" and claims[-1].value.currency == currency


@pytest.mark.parametrize(("dateline", "currency"), [
    ("**KARACHI:** ", "PKR"), ("ISLAMABAD, Sept 23 - ", "PKR"), ("COLOMBO — ", "INR"), ("", "INR"),
])
def test_a_dateline_in_capitals_names_the_storys_place(dateline, currency):
    # with "Islamabad" at the end, a dateline of Pakistan makes two cues; Colombo's one is Sri Lanka's alone
    claims = Extractor().text_claims(dateline + _RUPEE_STORY)
    assert [c.value.currency for c in claims] == [currency]
