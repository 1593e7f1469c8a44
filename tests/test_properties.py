"""Invariants of extraction, checked with hypothesis: rendering round-trips, robustness, context-freedom."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import Extractor
from claimcheck.mentions.money import find_money
from claimcheck.mentions.periods import find_periods
from claimcheck.ingest.prose import mask

EXTRACTOR = Extractor()

# (prefix, suffix) written forms of each currency
FORMS = {
    "USD": [("$", ""), ("US$", ""), ("USD ", ""), ("", " dollars"), ("", " USD"), ("usd ", "")],
    "EUR": [("€", ""), ("EUR ", ""), ("", " euros"), ("", " EUR"), ("", " €")],
    "GBP": [("£", ""), ("GBP ", ""), ("", " pounds"), ("", " sterling")],
    "JPY": [("¥", ""), ("", " yen")],
    "CHF": [("CHF ", ""), ("", " Swiss francs")],
    "CAD": [("C$", ""), ("", " Canadian dollars")],
}
SCALES = {1e3: ["k", " thousand", "K"], 1e6: ["m", " million", "mn", " mln", "M"],
          1e9: ["bn", " billion", "b", "B"], 1e12: ["tn", " trillion"]}


@st.composite
def written_amount(draw):
    currency = draw(st.sampled_from(sorted(FORMS)))
    prefix, suffix = draw(st.sampled_from(FORMS[currency]))
    scale = draw(st.sampled_from(sorted(SCALES)))
    word = draw(st.sampled_from(SCALES[scale]))
    whole = draw(st.integers(min_value=1, max_value=99_999))
    decimals = draw(st.integers(min_value=0, max_value=2))
    frac = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else 0
    digits = f"{whole:,}" if not decimals else f"{whole:,}.{frac:0{decimals}d}"
    written = f"{prefix}{digits}{word}{suffix}"
    value = float(digits.replace(",", "")) * scale
    return written, value, currency


NEUTRAL_BEFORE = st.sampled_from(["", "The company reported ", "Analysts noted ", "It cited ", "(", "“"])
NEUTRAL_AFTER = st.sampled_from(["", ".", " last year.", " in 2024, the filing shows.", ")", "”", ", it said."])


@given(written_amount())
def test_rendered_amount_extracts_back(case):
    written, value, currency = case
    found = find_money(written)
    assert len(found) == 1, written
    m = found[0]
    assert (m.start, m.end) == (0, len(written))
    assert m.value.currency == currency
    assert math.isclose(m.value.amount, value, rel_tol=1e-12)
    assert m.value.low <= value <= m.value.high


@given(written_amount(), NEUTRAL_BEFORE, NEUTRAL_AFTER)
def test_surrounding_text_does_not_change_value(case, before, after):
    written, value, currency = case
    text = before + written + after
    found = find_money(text)
    assert len(found) == 1, text
    m = found[0]
    assert text[m.start:m.end] == written
    assert (m.value.amount, m.value.currency) == (value, currency) or math.isclose(m.value.amount, value)
    alone = find_money(written)[0].value
    assert (m.value.low, m.value.high) == (alone.low, alone.high)


@given(written_amount(), st.sampled_from(["-", "\u2212"]), st.sampled_from(["", "It was ", "(", "loss: "]))
def test_a_signed_amount_is_the_mirror_of_the_amount(case, minus, before):
    written, value, currency = case
    plain = find_money(written)[0].value
    found = find_money(before + minus + written)
    assert len(found) == 1
    signed = found[0]
    assert (signed.start, signed.end) == (len(before), len(before) + len(minus) + len(written))
    assert signed.value.currency == currency and math.isclose(signed.value.amount, -value, rel_tol=1e-12)
    assert (signed.value.low, signed.value.high) == (-plain.high, -plain.low)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_extraction_never_raises_on_arbitrary_text(text):
    claims = EXTRACTOR.text_claims(text, published=dt.date(2025, 2, 10))
    for c in claims:
        assert text[c.span[0]:c.span[1]] == c.quote
        assert c.value.low <= c.value.high
    find_periods(text, None)
    assert len(mask(text, "html")) == len(text)


FRAGMENTS = st.sampled_from([
    "Mistral", " raised ", "€1.7bn", " in ", "2024", ", ", "led by ", "ASML", ". ", "(about $2bn)",
    "$", "€", "£", "1,5", "3.", "bn", " million", " tens of ", "millions", " of euros", " Q3 ", "FY",
    "on Monday", " nearly ", " between ", " and ", "-", "–", "\n", "\n\n", "# ", "[x](http://a/1-bn)",
    "`$5m`", "<b>", "</b>", "its", " wants ", " rumored ", "one year ago", " half a billion dollars",
])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_extraction_never_raises_on_newsy_fragments(text):
    claims = EXTRACTOR.text_claims(text, published=dt.date(2025, 2, 10))
    for c in claims:
        assert text[c.span[0]:c.span[1]] == c.quote
        assert c.value.low <= c.value.high
        if c.conversion_of:
            assert c.conversion_of in {x.id for x in claims}


PAGE_FRAGMENTS = st.sampled_from([
    "<nav>", "</nav>", "<aside>", "</aside>", "<footer>", "<header>", "</header>", "<article>", "</article>",
    "<main>", "<div class='ad'>", "<div class=\"related\">", "<div role=main>", "<div>", "</div>", "<p>", "</p>",
    "<li>", "<table><td>", "<form>", "<svg/>", "<title>", "</title>", "<!--", "-->", "<script>", "<", ">", "&amp;",
    "&euro;", "Acme Corp raised ", "$5 million", ". ", "\n", "\r\n", "\n\n", " ", "é", "<h1>", "=\"", "'",
])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PAGE_FRAGMENTS, max_size=60).map("".join))
def test_a_masked_page_keeps_every_offset(text):
    """Whatever the markup, the mask has the page's length and lines, and what it keeps is the page's own
    text at the same place (a character reference becomes its character, padded; an ampersand between two
    letters stands at the reference's end, "M&amp;S" as "M    &S")."""
    masked = mask(text, "html")
    assert len(masked) == len(text)
    for i, ch in enumerate(masked):
        assert ch == "\n" if text[i] == "\n" else ch in (" ", "\n", text[i]) or text[i] == "&" or (
            ch == "&" and text[i] == ";"), (i, ch, text[i])


@given(st.permutations(["Mistral raised €600m in June 2024.", "Anthropic secured around $8 billion.",
                        "AMIAD, the defence agency, has a budget of about €300m.", "OpenAI Inc might add $40 billion more."]))
def test_claims_do_not_depend_on_sentence_order(sentences):
    text = " ".join(sentences)
    claims = EXTRACTOR.text_claims(text, published=dt.date(2025, 2, 10))
    summary = sorted((c.quote, c.subject, c.metric, c.modality, c.value.low, c.value.high) for c in claims)
    baseline = EXTRACTOR.text_claims(" ".join(sorted(sentences)), published=dt.date(2025, 2, 10))
    assert summary == sorted((c.quote, c.subject, c.metric, c.modality, c.value.low, c.value.high) for c in baseline)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=60).map("".join), st.data())
def test_paragraph_local_sentences_match_whole_text_sentences(text, data):
    from bisect import bisect_right

    from claimcheck.mentions.sentences import Sentences, sentence_spans

    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    lookup = Sentences(text)
    offsets = [i for i, ch in enumerate(text) if not ch.isspace()]
    for offset in data.draw(st.lists(st.sampled_from(offsets), max_size=10)) if offsets else []:
        assert lookup.containing(offset) == spans[max(0, bisect_right(starts, offset) - 1)]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 800))
def test_stretch_is_whole_months_near_the_period(start: dt.date, days: int) -> None:
    """`stretch` gives a period of four weeks or more as whole months, each end within half a month of the
    period's; a month-aligned period, or a shorter one, is itself; and a stretch is its own stretch."""
    from claimcheck import Period, stretch

    end = start + dt.timedelta(days=days)
    got = stretch(Period(start=start, end=end, text=None, granularity="approximate"))
    if start.day == 1 or days < 27:
        assert got == (start, end)
        return
    first, last = got
    if got == (start, end):  # four weeks astride two months: no whole month in it
        assert days < 62
        return
    assert first < last and first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    assert abs((first - start).days) <= 16 and abs((last - end).days) <= 16
    assert stretch(Period(start=first, end=last, text=None, granularity="approximate")) == got


@given(st.integers(1995, 2080), st.integers(2, 12), st.sampled_from([0, 1]), st.booleans(), st.data())
def test_a_fiscal_year_named_with_its_span_gives_every_year_its_span(
        named: int, first: int, offset: int, as_span: bool, data: st.DataObject) -> None:
    """Copy that names a fiscal year together with its span ("fiscal 2025, the year from February 2025 to
    January 2026", "fiscal 2025, which ended on 31 January 2025") states the calendar and the naming; every
    other year the copy names then has the span the same naming gives it."""
    import calendar

    from claimcheck.mentions.periods import DateSettings, fiscal_naming_in

    ends = named + offset
    last = first - 1
    months = calendar.month_name
    end_day = f"{calendar.monthrange(ends, last)[1]} {months[last]} {ends}"
    stated = (f"fiscal {named}, the year from 1 {months[first]} {ends - 1} to {end_day}" if as_span
              else f"fiscal {named}, which ended on {end_day}")
    assert fiscal_naming_in(f"The company closed {stated}, with record sales.") == (first, offset)
    other = data.draw(st.integers(named - 5, named + 5))
    dates = DateSettings(fiscal_year_start=first, quarters_fiscal=True, fiscal_year_offset=offset)
    found = [p.period for p in find_periods(f"in fiscal {other}", dt.date(2090, 1, 1), dates)]
    start = dt.date(other + offset - 1, first, 1)
    assert [(p.start, p.end) for p in found] == [(start, dt.date(other + offset, last, calendar.monthrange(
        other + offset, last)[1]))]
