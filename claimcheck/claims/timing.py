"""When a figure is about: the period a reader would give it.

In the sentence: the nearest date in the amount's clause (the most explicit one when several describe the
same stretch), else in the sentence, skipping asides, dates of the figure compared with ("four times its
valuation from June") and, for a flow, the day of the report ("said on Tuesday that revenue …"); a date
opening the sentence scopes over all its amounts. Beyond the sentence: a figure compared with ("from €4bn a
year earlier") is a year (or quarter) before the one it is compared with; a flow with no date of its own is
about the period of the story; a plan, target or projection named by a yearless month that is over points to
the next one. See docs/periods.md and docs/claims.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from claimcheck.claims.context import COMPARED_BEFORE, Amount, Attribution, Story, holds_money, nearest
from claimcheck.mentions.changes import BACK_AFTER, QUARTER_BACK, months_back
from claimcheck.mentions.periods import (MONTH_PATTERN, SAME_STRETCH_BEFORE, DateSettings, day_without_year, find_periods,
                                         fiscal_year, shift_period, stretch, yearless)
from claimcheck.mentions.sentences import PARAGRAPH_BREAK, is_abbreviation, outlook_heading
from claimcheck.models import Document, MoneyMention, Period, PeriodMention

STORY_SPANS = ("year", "fiscal_year", "half", "quarter")  # periods a results story reports
_PART_OF_WHOLE = re.compile(r"\bof\s+which\b", re.IGNORECASE)  # "…, of which $23 billion in the first half"
_SINCE = re.compile(r"\bsince\s+(?:last\s+|early\s+|late\s+|mid-?\s*)?$", re.IGNORECASE)
# "Since then, Northvolt has raised more than $13bn": since the date of the sentence before
_THEN = re.compile(r"(?<!\bsince )(?<!\band )\bthen\b(?!\s+(?:on|in|again)\b)", re.IGNORECASE)  # "sold 5% of the company then"
_SINCE_THEN = re.compile(r"\bsince\s+then\b", re.IGNORECASE)
_PERIOD_END = re.compile(r"\b(?:ended|ending|ends|end\s+of|close\s+of|closed|closing)\s+(?:the\s+)?$", re.IGNORECASE)
# "held £16bn at the end of March": a figure of no known measure stated at a period's end is a balance on its
# last day ("by the end of" is a deadline, and a flow or event keeps its period).
_AT_END = re.compile(r"\b(?:at|as\s+(?:of|at))\s+the\s+(?:end|close)\s+of\s+(?:the\s+|its\s+|their\s+)?"
                     r"(?:fiscal\s+|financial\s+)?$", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a|an|the|about|around|roughly|nearly|some|just|negative|minus)\s+)*$", re.IGNORECASE)
# how a figure opens: a digit or a currency sign, or a currency's letters ("NT$19.98 billion", "AED 1.2bn", "Rs12bn")
_FIGURE_OPENS = r"(?-i:[A-Z]{1,3}\$|[A-Z]{3}\s|Rs\.?\s?)?[\d$€£¥₹₩₦]"
_FROM_FIGURE = re.compile(rf"\bfrom\s+(?:(?:a|an|the|about|around|nearly|some|just)\s+)*{_FIGURE_OPENS}", re.IGNORECASE)
# A part of a year named by its place ("the first half", "Q3"), not by "this" or "the current"
_ORDINAL_PART = re.compile(r"(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\b|[QH][1-4]\b", re.IGNORECASE)
# a part of the year still running when the copy says so, or that the figure is not in yet
_NOT_YET = re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far|year\s+to\s+date|should|may|might|expect\w*|forecast\w*"
                      r"|project\w*|estimat\w*)\b", re.IGNORECASE)
_NAMED_YEAR = re.compile(r"(?:19|20)\d{2}")
# a year that describes a thing ("after its 2023 launch", "the 2022 strike"), not when a figure was made
_DETERMINED = re.compile(r"\b(?:its|their|the|his|her|our|a|an)\s+$", re.IGNORECASE)
_THING_AFTER = re.compile(r"\s+(?!(?:financial|fiscal|full|first|second|third|fourth|half|quarter|results|accounts)\b)[a-z]")
# months named as a stretch ("January to December", "the July-December period"), as a part is by its place
_MONTHS_NAMED = re.compile(r"(?:(?:for|in|between|during|over|from|the)\s+)*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_REPORT_DAYS = ("day", "week")
_REPORT_TIME = re.compile(r"(?:last|this)\s+(?:month|week)$", re.IGNORECASE)
# "Sales, already published in January, were CHF 5.47 billion": when a flow was made public, not what it covers
_MADE_PUBLIC = re.compile(r"\b(?:published|announced|released|disclosed|unveiled)\s+(?:(?:on|in|earlier\s+in)\s+)?$",
                          re.IGNORECASE)
# "the range Globant had forecast in February", "the guidance the company gave in August": a month or day a
# forecast was made
_FORECAST_MADE = re.compile(r"\b(?:forecast|guided|predicted|projected|gave|issued|provided|set\s+out)\s+"
                            r"(?:(?:on|in|back\s+in|earlier\s+in)\s+)$",
                            re.IGNORECASE)
_FORECAST_MADE_AFTER = re.compile(r"[\s,]*+(?:[\w’'-]+\s+){1,3}?(?:had\s+)?(?:guided|forecast|predicted|projected)\b",
                                  re.IGNORECASE)
_APPOSED = re.compile(r"[ \t]*(?:[,(—–-][ \t]*)?(?:(?:i\.e\.|or|that\s+is)[ \t]+)?(?:(?:the|its|their)[ \t]+)?")  # one period restated
_THIS_YEAR = re.compile(r"(?:this|the\s+current)\s+year", re.IGNORECASE)
_FOR_IT = re.compile(r"\bfor\s+(?:the\s+)?$", re.IGNORECASE)  # "… a share for 2024"
_HAD_FORECAST = re.compile(r"\bhad\s+(?:[a-z]+\s+)?(?:guided|forecast|expected|projected|predicted|pencill?ed\s+in|targeted)\b",
                           re.IGNORECASE)  # "the range the company had guided to": made before the results
# a company's own forecast, said now: "It now forecasts …", "Operating profit is now forecast at ¥165 billion"
_FORECASTS_NOW = re.compile(r"\b(?:forecasts|expects|guides|anticipates|predicts|sees)\b"
                            r"|\b(?:is|are)[ \t]+now[ \t]+(?:forecast|expected|seen|projected|guided)[ \t]+(?:at|to)\b",
                            re.IGNORECASE)
_ANALYSTS = re.compile(r"\banalysts?\b|\bconsensus\b", re.IGNORECASE)
# "it rose 11% from $699 million", "up from $587.3 million": the figure a change starts from, where the figure it
# leads to stands before the sentence (a heading, the sentence before)
_RISEN_FROM = re.compile(r"\b(?:rose|rising|risen|fell|falling|fallen|grew|growing|climbed|increased|decreased|declined"
                         r"|dropped|jumped|slipped|gained|up|down|higher|lower)[ \t]{1,3}(?:by[ \t]{1,3})?"
                         r"(?:(?:about|around|some|nearly|almost|roughly|just|over)[ \t]{1,3})?"
                         r"(?:\d{1,3}(?:\.\d{1,2})?[ \t]?(?:%|per[ \t]?cent|percent)[ \t]{1,3})?from[ \t]{1,3}"
                         r"(?:(?:a|an|the|about|around|roughly|nearly|some|just)[ \t]{1,3}){0,2}$", re.IGNORECASE)
_FROM_FIGURE_IN = re.compile(r"\b(?:from|against|versus|vs\.?)[ \t]{1,3}[^\s,;]{0,6}\d[\d.,]{0,12}%?[ \t]?"
                             # (a scale or currency abbreviated with a point: "from 1.611 mio. kr. in the third quarter")
                             r"(?:(?:[a-z]{1,12}|(?:mio|mia|mrd|mill|mln|mld|kr|bn|mn|cr)\.)[ \t]{1,3}){0,2}?"
                             # "from $155.7 million, or $1.17 per share, in the third quarter of fiscal 2024": the
                             # figure compared with restated a share, then its date
                             r"(?:(?:[a-z]{1,12})?(?<=[a-z\d]),[ \t]{1,3}or[ \t]{1,3}[^\s,;]{0,6}\d[\d.,]{0,8}"
                             # ("from $400.6 million, or 69 cents, in the third quarter of fiscal 2024")
                             r"(?:[ \t]{1,3}cents?|c)?(?:[ \t]{1,3}(?:a|per)[ \t]{1,3}"
                             r"(?:diluted[ \t]{1,3}|basic[ \t]{1,3})?share)?,[ \t]{1,3})?"
                             r"(?:in|for|during)[ \t]{1,3}(?:the[ \t]{1,3})?$", re.IGNORECASE)
_FROM_FIGURE_REACH = 90
# an opening clause of circumstance: "With the Monetary Policy Committee lifting the benchmark rate to 27.5% by November,"
_WITH_OPENING = re.compile(r"\s*(?:With|Amid)\s+(?:the\s+|a\s+|its\s+)?[A-Za-z][^,;:()]{0,120}?\s(?:by|in|during|through)"
                           r"\s[^,;:()]{1,40},")
_AT_WHICH = re.compile(r"\s+(?:valuation\s+)?(?:at|in|with)\s+which\b", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\([^()]*\)")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}")  # "last year's $4.60", "the prior year's adjusted €5bn"
_BREAK = re.compile(r"[,;:—–]")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
# a stretch of time added to a figure, not the figure's own ("Adding the fourth quarter to …", "once the fourth
# quarter is added")
_ADDED = re.compile(r"\b(?:add|adds|added|adding)\s+(?:in\s+)?(?:the\s+)?$", re.IGNORECASE)
_DESCRIBED_STRETCH = re.compile(r",?\s+(?:when|in\s+which|during\s+which)\b", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(r"(?i:after)\s")  # (a period's text opening so: `periods`' "after nine months")
_CLAUSE_OVER = re.compile(r"[.!?;:,]\s|\n")  # between that clause and a figure: not in it
_IS_ADDED = re.compile(r"\s+(?:is|are|was|were|gets|get)\s+added\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s(?:and|but|while|whereas|although|though)\s", re.IGNORECASE)
# A date after one of these belongs to the figure compared with, not to this one.
_COMPARISON = re.compile(r"\b(?:times|twice|(?<!more )(?<!less )(?<!fewer )than|fold|compared\s+with|compared\s+to"
                         # "25.6% more than in 2023": a percentage more than a period is a comparison, not "more than $5bn"
                         r"|(?:%|percent|per\s+cent)\s+(?:more|less|fewer)\s+than"
                         r"|against|versus|vs"
                         # "a modest improvement on 2023", "up 5% on 2023"
                         r"|(?:up|down|improvement|increase|rise|gain|decline|drop|fall)\s+(?:\d[\d.]*\s?(?:%|per\s?cent)\s+)?on)\b",
                         re.IGNORECASE)
# "barely changed from 2022", "up 4% on 2023", "higher than in 2022": a date another figure is compared with
_DATE_COMPARED = re.compile(
    r"\b(?:(?:changed|unchanged|up|down|higher|lower|flat|steady|rose|fell|grew|increased|decreased|declined|dropped"
    r"|jumped|climbed|slipped|improved|improvement|increase|rise|decline|drop|fall)\s+(?:by\s+)?"
    r"(?:\d[\d.]*\s?(?:%|per\s?cent)\s+)?(?:from|on|over)|than(?:\s+in)?|compared\s+(?:with|to)|against|versus|vs\.?)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)
# "up from €5.20 for the previous year", "compared with 776 cents for the 2024 financial year": a date after a
# figure compared with is that figure's
# (and "6.4% less than the 565 cents paid for 2023", "barely above the ₹2,815 crore of": not "more than $5 billion")
_COMPARED_FIGURE = re.compile(r"\b(?:(?:(?:up|down|rising|falling|rose|fell|increasing|decreasing)\s+from"
                             r"|compared\s+(?:with|to)|against|versus|vs\.?)\s+"
                             r"(?:(?:a|an|the|about|around|nearly|some|just)\s+)*"
                             r"|(?:(?:more|less|higher|lower|bigger|smaller|better|worse)(?:\s+so)?\s+than|above|below)"
                             r"\s+(?:the|its|their)\s+"
                             rf"(?:(?:about|around|nearly|some|just)\s+)*){_FIGURE_OPENS}", re.IGNORECASE)
# … and named by its measure: "against a net loss of $567 million in the fourth quarter of fiscal 2024"
_COMPARED_NAMED = re.compile(r"\b(?:compared\s+(?:with|to)|versus|against)\s+(?:(?:a|an|the|its)\s+)?(?:[a-z-]+\s+){1,4}?"
                             rf"of\s+(?:(?:about|around|roughly|nearly|some|just)\s+)?{_FIGURE_OPENS}", re.IGNORECASE)
# "compared with an adjusted net profit of US$671.0 million, …, in 2023": a figure compared with, named by its measure
_COMPARED_MEASURE = re.compile(r"\b(?:compared\s+(?:with|to)|versus)\s+(?:(?:a|an|the|its)\s+)?(?:[a-z-]+\s+){1,4}?of\s+"
                               r"(?:(?:about|around|roughly|nearly|some|just)\s+)?$", re.IGNORECASE)
# "Against the third quarter, when LG earned …", "17.4% higher than in the fourth quarter of 2023, when Quanta
# earned …": a period held against the story's
_COMPARED_PERIOD = re.compile(r"\b(?:above|below|than|compared\s+(?:with|to)|versus|vs\.?|against|contrast\s+(?:with|to)|unlike)\s+"
                              r"(?:(?:in|during|for)\s+)?(?:the\s+)?$", re.IGNORECASE)
# "Sales in the second quarter had been €2,850.1 million": a figure of an earlier period the copy looks back to,
# in the past perfect, after the story's own; the story stays on its period
_AFTER_FIGURE = re.compile(r",[ \t]{1,3}after[ \t]{1,3}$", re.IGNORECASE)
_LOOKED_BACK = re.compile(r"\bhad\s+(?:already\s+)?(?:been|come\s+(?:in\s+)?(?:to|at)|stood\s+at|totall?ed|amounted\s+to|reached)\b",
                          re.IGNORECASE)
# … and a results verb in the pluperfect, outside reported speech: "On the same basis the company had earned ₹97.2 crore
# in the April-June quarter" (not "Beta said on Thursday that its profit for 2024 had risen 12%": the report's tense)
_LOOKED_BACK_VERB = re.compile(r"\bhad\s+(?:already\s+)?(?:earned|made|posted|reported|booked|generated|recorded|delivered"
                               r"|brought\s+in|risen|fallen|grown|climbed|dropped|declined|increased)\b", re.IGNORECASE)
_SAID = re.compile(r"\b(?:said|says|reported|announced|told|added|stated|disclosed)\b", re.IGNORECASE)
# "fined the bank €9.2m for filing reports late in 2022": the date of the offence, not of the fine
# "a $117m loss linked to the floating of the peso in April": a flow's cause has its own date
_CAUSE_WORDS = (r"because(?:\s+of)?|related\s+to|in\s+connection\s+with|linked\s+to|tied\s+to|due\s+to|caused\s+by"
                r"|stemming\s+from|resulting\s+from"
                # "dropped 18.1% … after the company handed over its concessions … in May", "earned ₩88.5bn after a
                # loss in 2023": another event, told by a clause of its own or named as a loss, has its own date
                # (not the results themselves: "after the group posted a record operating profit for 2024")
                r"|after\s+(?:the|its|their|a|an)\s+(?:[\w'’-]+\s+){0,3}?"
                r"(?!(?:posted|reported|published|announced|released|booked|recorded|earned|delivered|returned|swung"
                r"|turned|generated|achieved|narrowed|widened|beat|missed)\b)[a-z]{3,}ed\b"
                r"|after\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:loss|losses|deficit|charge|write-?down|impairment)\b")
_CAUSE = re.compile(rf"\b(?:{_CAUSE_WORDS})\b", re.IGNORECASE)
# "because orders slowed, but the fourth quarter brought …": a new clause ends the cause
_CLAUSE_TURN = re.compile(r"[;:]|,\s*(?:but|yet|while|whereas|although|though)\b|\s(?:but|yet)\s", re.IGNORECASE)


def _caused(text: str, start: int, end: int) -> bool:
    """Whether a cause's words stand before `end` in the same clause ("linked to the floating of the peso in")."""
    cause = None
    for cause in _CAUSE.finditer(text, start, end):
        pass
    if cause is not None and cause.group(0)[:5].lower() == "after" and "," in text[cause.end():end]:
        return False  # "In results released after the market closed on Thursday, Orbia said net revenue for 2024 …"
    return cause is not None and not _CLAUSE_TURN.search(text, cause.end(), end)


# "… to $74.6 million after leaving two small lines last year": a clause of another event, told by its participle
_OTHER_EVENT = re.compile(r"\b(?:after|before|since|while)\s+(?:\w+ly\s+)?[a-z]+ing\b")
_REASON = re.compile(rf"\b(?:for\s+(?:\w+ly\s+)?\w+ing|over|{_CAUSE_WORDS})\b", re.IGNORECASE)
# "the previous year", "a year earlier": relative to the figure compared with, not to the day of publication
_RELATIVE_TO_OTHER = re.compile(r"\b(?:previous|prior|preceding|before|earlier|ago)\b", re.IGNORECASE)
# "a €2.42bn fine that the Commission imposed in June 2017", "a $5bn deal, which closed in March", "the $900m
# bond sold in 2021": a date in a relative clause on the figure's own noun says when that figure happened
_RELATIVE_DATE = re.compile(
    r"(?:\s*\([^()]*\))?(?:\s+[\w-]+){0,2}?,?\s+(?:(?:that|which)\s+(?:[\w'’.&-]+\s+){0,6}?(?:(?:was|were|had|has|have)\s+(?:been\s+)?)?"
    r"|(?:first\s+)?)[a-z]+ed\s+(?:(?:by|to|on|against)\s+(?:[\w'’.&-]+\s+){1,5}?)?(?:in|on|back\s+in|during)\s+",
    re.IGNORECASE)
_FULL_YEAR = re.compile(r"\bfull[- ]year\b|\bannual\b|\bfor\s+the\s+(?:whole|full)\s+(?:(?:fiscal|financial)\s+)?year\b"
                        r"|\bthe\s+(?:(?:fiscal|financial)\s+)?year\s+as\s+a\s+whole\b", re.IGNORECASE)
# "cost ¥450bn in the quarter", "a profit of £15m for the period": the period the story reports, by reference
_THE_PERIOD = re.compile(
    r"\b(?:in|for|during|over|across|of)\s+the\s+(?P<unit>quarter|period|half|year|financial\s+year|fiscal\s+year)\b"
    r"(?!\s+(?:ended|ending|before|earlier|ago|ahead)\b|\s+to\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s|(?-i:[A-Z])))",
    re.IGNORECASE,
)
# "the same quarter last year", "the same period of 2024": the period a figure is held against
_SAME_PERIOD_BEFORE = re.compile(r"\bsame\s+(?:quarter|period|half|month|week|season)\s+(?:of\s+|in\s+)?$", re.IGNORECASE)
_HELD_AGAINST = re.compile(r"\b(?:improvement|deterioration|acceleration|slowdown|pick-?up|rebound|recovery)\s+"
                           r"(?:on|from|over)\s+(?:(?:[^\s.;:!?]|\.(?=\d))++\s+){0,6}?(?:of|in|during|for)\s+(?:the\s+)?$",
                           re.IGNORECASE)
# "In the quarter, the company returned US$57 million …": the sentence's opening phrase dates all its clauses
_FRONTED_PERIOD = re.compile(r"\s*+(?:In|During|For|Over|Across)\s+the\s+(?P<unit>quarter|period|half|year"
                             r"|financial\s+year|fiscal\s+year)\s*,")
# "NEW YORK, Sept 10 — …": a dateline says when the story was filed, not when its figures happened
# (from the last newline only: `\s*` there rescanned every blank line after each newline)
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*[A-Z][A-Z .'’-]{1,40},\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\(\w+\)\s*)?[—–-]")
# "ended the year with net cash of $6.3bn": a balance on the last day of the period the story reports
_ENDED_WITH = re.compile(r"\b(?:ended|finished|closed)\s+(?:the\s+|its\s+)?(?:fiscal\s+|financial\s+)?"
                         r"(?P<unit>year|quarter|half|period)\s+with\b", re.IGNORECASE)
# "Customer deposits stood at Sh1.4 trillion at the end of the year": a balance on the period's last day too
_AT_PERIOD_END = re.compile(r"\b(?:at|as\s+of)\s+the\s+end\s+of\s+the\s+(?:fiscal\s+|financial\s+)?"
                            r"(?P<unit>year|quarter|half|period)\b|\bat\s+(?P<short>year|quarter)[- ]end\b", re.IGNORECASE)
# a balance-sheet total said to stand at a figure: "Total assets stood at", "loans at", "customer deposits were"
_BALANCE_STOOD = re.compile(
    r"\b(?:assets|loans|deposits|loan\s+book|borrowings|advances|net\s+debt|gross\s+debt|cash(?:\s+and\s+equivalents)?)"
    r"(?:\s+(?:and\s+advances|to\s+customers|balance))?\s+(?:stood\s+at|held\s+at|were|was|totall?ed|amounted\s+to|at)"
    r"\s+(?:(?:about|around|roughly|some|nearly|almost|a\s+record)\s+)?$", re.IGNORECASE)
_PRICED_BALANCE = re.compile(r"\b(?:worth|valued|valuation|market|under\s+management|AUM)\b", re.IGNORECASE)
_COMPARED_WITH_BEFORE = re.compile(r"\b(?:from|on|than|versus|vs\.?|against|over|compared\s+(?:with|to))\s+$",
                                   re.IGNORECASE)
_YEAR_BEFORE_STORY = re.compile(r"(?:(?:a|one)\s+year|(?:twelve|12)\s+months)\s+(?:earlier|before)"
                                r"|the\s+(?:previous|prior|preceding)\s+year",
                                re.IGNORECASE)
# "A year earlier, Kakao earned X on revenue of Y", "A year before that, sales had slipped, to CHF 2.02 billion": an
# opening that dates the whole sentence
_OPENS_WITH_YEAR_BEFORE = re.compile(rf"\s*(?:{_YEAR_BEFORE_STORY.pattern})(?:\s+(?:that|then))?\s*,", re.IGNORECASE)
# "For the full fiscal year, which ended in late April, revenue was $33.5 billion": in the figure's own clause
_FULL_FISCAL_YEAR = re.compile(r"\bfull\s+(?:fiscal|financial)\s+year\b", re.IGNORECASE)
_OPENS_FULL_FISCAL_YEAR = re.compile(r"\s*(?:For|In|Over)\s+the\s+full\s+(?:fiscal|financial)\s+year\b")  # … or opening it
# what may stand between a figure and its own date: "from 2.53 trillion won in 2023"
_JUST_AFTER = re.compile(r"[ \t]{0,3}(?:\([^()]{0,40}\)[ \t]{0,3})?(?:(?:in|for|during|of)[ \t]{1,3})?(?:the[ \t]{1,3})?")
_WHEN_CLAUSE = re.compile(r",\s*when\s", re.IGNORECASE)  # a period's clause recalling it ("…, when it earned")
_THAT_PERIOD = re.compile(r"\b(?:that\s+(?:year|quarter|half|period|(?:fiscal|financial)\s+year)|those\s+(?:[a-z]+\s+)?months)\b",
                          re.IGNORECASE)  # the period last recalled, not the story's
_WHEN_AFTER = re.compile(r"[ \t]{0,3},?[ \t]{0,3}(?:when|as|after|before)\b", re.IGNORECASE)
# "Revenue for the half was Dh13.5 billion" after a quarter's figures: the half that holds the quarter
_FOR_THE_HALF = re.compile(r"\b(?:for|in)\s+the\s+(?:half|half[- ]year|six\s+months)\b(?!\s+(?:to|ended|ending)\b)",
                           re.IGNORECASE)
# "Processed volume for the year reached €1.29tn": the full year, when it is the figure's own clause
_FOR_THE_QUARTER = re.compile(r"\b(?:for|in|during)\s+the\s+(?:quarter|three\s+months)\b(?!\s+(?:to|ended|ending|of)\b)",
                              re.IGNORECASE)
# "Clean energy drove the quarter.": a sentence without figures back on the quarter the story reported
_DIGIT = re.compile(r"\d")
_FIGURE_DIGIT = re.compile(r"(?<![\d,./–-])(?!(?:19|20)\d\d(?![\d,.]*\d))\d")  # a number that is no year alone
_THE_QUARTER_SAID = re.compile(r"\bthe\s+quarter\b(?!\s+(?:ended|ending|before|earlier|ago|ahead|to|of)\b)",
                               re.IGNORECASE)
# "tripled their quarterly profit to Rs 275 crore": the quarter the story reports, said by the measure's adjective
_QUARTERLY_MEASURE = re.compile(r"\bquarterly\s+(?:[a-z-]+\s+)?(?:profits?|revenues?|sales|earnings|income|loss(?:es)?"
                                r"|turnover|ebitda)\b", re.IGNORECASE)
# a sentence that opens on the full year ("For the full year, net sales fell 9% to …")
_OPENS_FULL_YEAR = re.compile(r"\s*(?:For|In|Over)\s+the\s+(?:full|whole)\s+(?:fiscal\s+|financial\s+)?year\b")
_FOR_THE_YEAR = re.compile(r"\bfor\s+the\s+year\b(?!\s+(?:to|ended|ending)\b)", re.IGNORECASE)
_FOR_THE_FULL_YEAR = re.compile(r"\bfor\s+the\s+(?:full|whole)\s+(?:fiscal\s+|financial\s+)?year\b"
                                r"(?!\s+(?:ended|ending)\b|\s+to\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?-i:[A-Z][a-z]))",
                                re.IGNORECASE)  # (not "for the full year to June 30": that year, named)
# … and the fiscal year named just before the figure ("its targets for the financial year of 12 mld zł": the year the
# story's period is part of; not "… rose 5% to $2.1 billion and it kept its targets for the financial year")
_FOR_THE_FISCAL_YEAR_OF = re.compile(r"\bfor\s+the\s+(?:fiscal|financial)\s+year\s+(?:of|at)\s+"
                                     r"(?:(?:about|around|roughly|some|nearly)\s+)?$", re.IGNORECASE)
# "For the year, the company earned R$9.615 billion" after the quarter's figures: a sentence that opens on the year
_OPENS_FOR_THE_YEAR = re.compile(r"\s*(?:For|Over)\s+the\s+year\s*,")
# … or a paragraph that opens on it with no figure: "The full fiscal year, which closed on May 25, was a write-off"
_YEAR_OPENS = re.compile(r"\s*(?:(?:For|In|Over)\s+)?[Tt]he\s+(?:full|whole)\s+(?:fiscal\s+|financial\s+)?year\b(?![\s-]+outlook)")
# … not of a year ahead ("The full year outlook was left unchanged", "The full year will be harder")
_YEAR_AHEAD = re.compile(r"\b(?:outlook|guidance|forecasts?|will|would|expects?|targets?)\b", re.IGNORECASE)
_AHEAD = ("target", "projection", "plan")
_FORECAST_MODALITIES = ("target", "projection")
# "From the fourth quarter the rate rises to SAR 0.55": when something starts, not a part of the year reported
_STARTING = re.compile(r"\b(?:from|starting|beginning|as\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|would|could|as\s+soon\s+as|set\s+to|next)\b", re.IGNORECASE)
_DUE = re.compile(r"\b(?:due|payable|scheduled|to\s+be\s+paid)\b", re.IGNORECASE)  # a date still to come
_JUDGED = (r"\b(?:a|an)\s+(?:strong|record|difficult|tough|weak|solid|bumper|challenging|disappointing|robust|stellar"
           r"|turbulent|mixed|rough|good|bad|poor|healthy|lacklustre|lackluster)")
# a reader's key to the names the copy gives periods: "FY2024/25 is April 2024 to March 2025", "9M25 is January-September
# 2025", "Q3 is July-September", "4T25 is October to December 2025", "1H (April to September)"
_DEFINES_PERIODS = re.compile(
    r"\b(?:FY\s?\d{2,4}(?:[/-]\d{2,4})?|[1-4]Q\d{2}|Q[1-4](?:\s?FY\d{2})?|[12]H(?:\s?FY)?\d{0,4}|H[12](?:\s?FY)?\d{0,4}|9M\d{0,4}|[1-4]T\d{2}"
    r"|[12]S\d{2})(?:\s*\([^()]{0,20}\))?\s+(?:is|are|means|covers|refers\s+to)\s+(?:the\s+(?:period|months?|year)\s+(?:from\s+)?)?"
    rf"{MONTH_PATTERN}"
    # … and, after a colon, a year named by its end: "Alstom's financial year runs from April to March: 2024/25 is the
    # year to 31 March 2025, 2025/26 the year to 31 March 2026" (not "results for 2024/25 on Thursday, and 2024/25 is
    # the year to 31 March 2025", which reports it)
    r"|:[^.;:]{0,200}?\b(?:FY\s?\d{2,4}(?:[/-]\d{2,4})?|(?:19|20)\d{2}[/-]\d{2,4})\s+(?:is|are|means)\s+the\s+"
    rf"(?:year|twelve\s+months|12\s+months)\s+(?:to|ended|ending)\s+(?:\d{{1,2}}\s+)?{MONTH_PATTERN}")
_REPORTING = re.compile(r"\b(?:results|reported|reports|posted|posts|earnings|(?:numbers|figures)\s+for|quarter|fiscal|financial\s+year|months\s+to"
                        r"|key\s+(?:figures|numbers|data)"  # a rubric over a list: "KEY FIGURES, JANUARY-SEPTEMBER 2024"
                        # "posted a record operating profit for 2024", "nearly doubled its net profit in 2025"
                        r"|(?:profits?|revenues?|sales|loss|income|EBITDA|EBIT)\s+(?:for|in)\s+(?:fiscal\s+|financial\s+)?(?:FY\s?)?(?:19|20)?\d\d"
                        r"|(?:profits?|revenues?|sales|loss|income|EBITDA|EBIT)\s+for"
                        r"|(?:half|half-year|interim)\s+(?:figures|numbers|accounts)"  # "Jahez's first-half figures, filed on …"
                        # "finally published its 2024 accounts last week"
                        r"|(?:\d{4}(?:[/-]\d{2,4})?|annual|year's|year’s)\s+(?:accounts|financial\s+statements)"
                        r"|year\s+(?:to|ended|ending)"
                        rf"|{_JUDGED}\s+(?:19|20)\d{{2}})\b", re.IGNORECASE)
# "The budget follows a strong 2024.": a year the copy judges is the year whose results follow, whatever came before
_JUDGED_YEAR = re.compile(rf"{_JUDGED}\s+$", re.IGNORECASE)
STORY_LOOKBACK = 600
# (not "its March-quarter and full-year numbers": the quarter reported with the year is the story's, as it reads)
_ANNUAL_RESULTS = re.compile(r"(?<!quarter\sand\s)(?<!quarterly\sand\s)(?<!Q4\sand\s)"
                             r"\b(?:annual|full[- ]year|yearly)\s+(?:results|figures|earnings|accounts|numbers)\b"
                             # "Tuesday's full-year report": not "annual report", the document of record any time
                             r"|\bfull[- ]year\s+(?:report|statement)s?\b",
                             re.IGNORECASE)
# "Its forecast for the current year", "guidance for 2026": a period ahead of the results, not the one they report
_AHEAD_OF = re.compile(r"\b(?:forecasts?|outlook|guidance|expects?|expected|expectations?|targets?|budget)[ \t]{1,3}"
                       r"(?:[a-z-]{1,20}[ \t]{1,3}){0,2}?(?:for|in)[ \t]{1,3}$", re.IGNORECASE)
# a target's horizon: "a return on equity of 10% by the year to March 2029"
_BY_HORIZON = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_FORECAST_SPANS = ("year", "fiscal_year", "half", "quarter")  # what a forecast is for
FORWARD_REACH = 40  # after the period, how far its sentence's verb may stand ("For 2025/26, Cochlear expects")
# a sentence that looks ahead around its period ("For 2025/26, Cochlear expects …, weighted to the second half")
_FORWARD = re.compile(r"\b(?:expects|expect|forecasts|guides|projects|predicts|foresees|envisages|will)\b", re.IGNORECASE)
# "reported a 15% rise in profit for the financial year to 31 March 2025 and said it expects …": a clause of its own
_SAID_TOO = re.compile(r"\s(?:and|but)\s+(?:(?:it|the\s+\w+)\s+)?(?:said|says|added|warned|noted|announced)\b", re.IGNORECASE)
# "… and plans to take 25% more customers in FY25": a verb of its own after "and" governs the date after it
_ANOTHER_VERB = re.compile(r"\s(?:and|but|while)\s+(?:(?:now|also|still|then)\s+)?(?:plans|expects|aims|wants|hopes"
                           r"|intends|targets|forecasts|sees|will|would|is\s+to|are\s+to)\b", re.IGNORECASE)
# "said that its earnings would shrink sharply in the current financial year": of a period not over yet, a forecast
_WOULD = re.compile(r"\bwould\b", re.IGNORECASE)
# A period in the possessive before a noun other than the results themselves ("last year's scandal").
# a date right after a deal and what it was of: "its purchase of Bank of the West last year", "bought Halvern in 2023"
_DEAL_DATED = re.compile(
    r"\b(?:(?:purchase|acquisition|takeover|sale|disposal|merger|buyout)\s+of|(?:bought|acquired|sold|purchased|took\s+over))"
    r"\s+(?:(?:the|its|a|an)\s+)?(?:[A-Z][\w&'’.-]*\s+(?:(?:of|the|and|&)\s+)*){1,5}(?:in\s+)?$")
# "4.0% when adjusted for a one-off item in the third quarter of 2024": when a one-off item was booked, not the
# period the story reports
_ONE_OFF_DATED = re.compile(
    r"\b(?P<adjusted>(?:adjusted\s+for|adjusting\s+for|excluding|excludes|stripping\s+out|without|ignoring|net\s+of)\s+"
    r"(?:an?\s+|the\s+)?)?"
    r"(?:one-?off|one-?time|non-?recurring|exceptional|extraordinary|special)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:items?|gains?|charges?|effects?|payments?|costs?|benefits?|provisions?|releases?|income)\s+"
    r"(?:(?:booked|recorded|taken|reported)\s+)?(?:in|during|for)\s+(?:the\s+)?$", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(
    r"['’]s\s+(?!(?:full[- ]year\s+|annual\s+|quarterly\s+)?(?:results|earnings|figures|accounts|numbers|revenue|sales"
    r"|profits?|turnover|performance)\b)", re.IGNORECASE)


def sentence_period(a: Amount, kind: str | None, doc: Document, compared: bool) -> tuple[Period | None, int]:
    """The period the sentence gives the amount and where its date stands (-1: none, the publication day)."""
    text, ctx, m = a.text, a.sentence, a.m
    first_amount = min(ctx.amount_starts)
    flow = kind == "flow"

    def allowed(p: PeriodMention) -> bool:
        """Everything but the other figures standing between: dates that are not this figure's at all."""
        if _is_dateline(text, p):
            return False
        if (_ADDED.search(text, max(0, p.start - 16), p.start) and not (
                p.end <= m.start and (clause := _DESCRIBED_STRETCH.match(text, p.end))
                and not _CLAUSE_OVER.search(text, clause.end(), m.start))) \
                or _IS_ADDED.match(text, p.end):
            # "Adding the fourth quarter to the S/406.7 million …", "once the fourth quarter is added"; not what a clause
            # on the stretch added says of it ("Add the first quarter, when EBITDA was 376 mln zł, and …")
            return False
        if p.start >= m.end and _ANOTHER_VERB.search(text, m.end, p.start):
            return False  # "to £190m from £122m and plans to take 25% more customers in FY25": the plan's year
        if p.end <= m.start and p.period.granularity in ("quarter", "half") \
                and _FOR_THE_FULL_YEAR.search(text, max(p.end, a.clause[0]), m.start):
            return False  # "a final dividend of 32 cents for the June half, which brings the payout for the full year to
            # 69 cents": the full year named in the figure's own clause, after the part
        if p.end <= m.start and p.period.granularity in ("day", "month") \
                and (opening := _WITH_OPENING.match(text, ctx.span[0], m.start)) is not None and p.end <= opening.end():
            return False  # "With the central bank lifting the rate to 27.5% by November, Fidelity earned …": the
            # opening clause's event, not the figure's period
        if compared:  # "from €4bn in 2023": only a date of its own, after it, and not one relative to the other
            return p.start >= m.end and a.in_clause(p.start, p.end) and not a.blocked(p.start, p.end) \
                and not any(m.end <= o.start < p.start for o in a.others) \
                and p.period.granularity != "approximate" and not _RELATIVE_TO_OTHER.search(p.period.text or "") \
                and not SAME_STRETCH_BEFORE.search(text, max(0, p.start - 40), p.start)  # "from $487m in the same period last year"
        if p.period.granularity == "year" and _NAMED_YEAR.search(p.period.text or "") \
                and SAME_STRETCH_BEFORE.search(text, max(0, p.start - 40), p.start):
            return False  # "a profit of R$1.743 billion in the same period of 2024": not the year (`same_stretch_of_year`)
        gap = a.said_to if p.start >= a.said_to else m.end  # past the figure, or past its restatement per share
        if flow and (p.period.granularity in _REPORT_DAYS or _REPORT_TIME.match(p.period.text or "") or (
                p.start >= m.end and _BREAK.search(_PARENTHESIS.sub("", text[gap:p.start])))):
            return False  # "said on Tuesday that revenue …": the day of the report, not the period of a flow
        if flow and _MADE_PUBLIC.search(text, max(0, p.start - 30), p.start):
            return False  # "Sales, already published in January, were …": when it was made public
        if flow and p.period.granularity in ("month", "day") and (
                _FORECAST_MADE.search(text, max(0, p.start - 30), p.start)
                or p.end <= m.start and _FORECAST_MADE_AFTER.match(text, p.end, m.start)):
            # "the $618 million to $628 million range it had forecast in February", "In February it had guided to
            # revenue of …": when the forecast was made, not what it is for
            return False
        if flow and _caused(text, max(ctx.span[0], m.end if p.start >= m.end else 0, p.start - 120), p.start):
            return False  # "a $117m loss linked to the floating of the peso in April": April is the cause's
        if flow and p.start >= m.end and _OTHER_EVENT.search(text, m.end, p.start):
            return False  # "slipped 3% to $74.6 million after leaving two small lines last year": the leaving's
            # (a flow's period is its results'; not an event's own steps: "raised $1.37 billion after pricing its
            # shares on Tuesday")
        # "third-quarter revenue rose 6.5% from the second quarter to NT$60.49 billion", "narrowed to 33.8% from 35.2%
        # in the second quarter, leaving gross profit of …": the date compared with; not a day ("rose on Thursday to":
        # the day of the move), nor a period recalled in a clause of its own ("Compared with the October-December
        # quarter, when the bank earned Rs 3,305 crore": it dates that clause's figure)
        if p.end <= m.start and p.period.granularity not in _REPORT_DAYS and not text.startswith(("'s", "’s"), p.end) \
                and _compared_before(text, ctx.span[0], p.start) and not _WHEN_CLAUSE.search(text, p.end, m.start):
            return False
        if p.start >= m.end and _COMPARISON.search(text, m.end, p.start):
            return False  # "€1.4bn, four times its valuation from June": June dates the other figure
        if p.start >= m.end and any(_POSSESSIVE_GAP.fullmatch(text, p.end, o.start) for o in a.others if o.start > p.end):
            return False  # "$4.6 billion, little changed from the prior year's $4.60": the other figure's year
        if p.start >= m.end and not flow and _REASON.search(text, m.end, p.start) and any(
                x.end <= first_amount for x in ctx.periods):
            return False  # "On Tuesday BaFin fined the bank €9.2m for filing reports late in 2022"
        if p.start >= m.end and (_TO_BEFORE.search(text, max(0, m.start - 6), m.start)
                                 and _FROM_FIGURE.search(text, m.end, p.start) or _COMPARED_FIGURE.search(text, m.end, p.start)):
            return False  # "fell to 10.88bn Swiss francs from 11.21bn francs in 2023": 2023 dates the old figure
        if p.start >= m.end and _in_other_parenthesis(text, m.end, p, a):
            return False  # "27.2bn yuan (2023: 19.3bn yuan)": the year of the figure in the parenthesis
        return not any(x.start <= p.start and p.end <= x.end and not (x.start <= m.start and m.end <= x.end)
                       for x in ctx.asides)

    def applicable(p: PeriodMention) -> bool:
        if not allowed(p):
            return False
        if compared or p.end <= first_amount:  # "In September 2025, X raised €1.7bn at a €11.7bn valuation": for all
            return True
        if _listed_after(a, p):
            return True  # "the first quarter of this year brought revenue of $5.9bn and net income of $494m"
        if a.blocked(p.start, p.end) and not (p.start >= m.end and _AT_WHICH.match(text, m.end)):
            return False
        # "raised $3m last month and expects to raise $5m": the date closes the earlier amount's clause;
        # "rose from €765m in the first half to €835m": it is the date of the figure risen from
        # "net profit for 2023 came to SAR 973 million, barely changed from 2022, on revenue of SAR 10.6 billion": a
        # date the figure before is compared with is not the next figure's
        return not (p.end <= m.start and any(o.end <= p.start for o in a.others)
                    and (_CONJUNCTION.search(text, p.end, m.start) or _from_to(a, p) or _dates_compared(a, p)
                         or (_DATE_COMPARED.search(text, max(0, p.start - 40), p.start)
                             and not text.startswith(("'s", "’s"), p.end))))  # not "against Wednesday's close of X"

    usable = [p for p in ctx.periods if applicable(p)]
    own = [p for p in usable if a.in_clause(p.start, p.end)]
    if not flow and not compared and any(
            p.start >= m.end and not _statement_date(text, p) and not a.blocked(p.start, p.end)
            and not _BREAK.search(_PARENTHESIS.sub("", text[m.end:p.start])) for p in usable):
        # "said on Monday it would invest R$34bn in Brazil this year", "In April the company said it would
        # invest …": the day of the statement, when the figure's own clause names its period after it
        usable = [p for p in usable if not _statement_date(text, p)]
        own = [p for p in own if not _statement_date(text, p)]
    if not flow and not compared:
        # "The annual meeting on 11 March approved QR0.65 a share for 2024": the stretch the figure is said to be
        # for, after it in its clause, dates it rather than the day of the event before it
        named_for = [p for p in own if p.start >= m.end and p.period.granularity in STORY_SPANS
                     and _FOR_IT.search(text, max(m.end, p.start - 12), p.start)
                     and not any(m.end <= o.start < p.start for o in a.others)]
        if named_for and any(p.end <= m.start and p.period.granularity in _REPORT_DAYS + ("month",) for p in own):
            own = named_for[:1]
    tied = [p for p in usable if p.start >= m.end and _RELATIVE_DATE.fullmatch(text, m.end, p.start)]
    if tied and not a.blocked(tied[0].start, tied[0].end):
        own = tied[:1]  # nearer than the day of the report before it ("lost its appeal on Tuesday against …")
    near = nearest(own, m)
    if near is not None:  # of two that describe the same stretch, the more explicit ("the fourth quarter, the
        same = [p for p in own if _overlap(p.period, near.period)]  # three months to …"); not another stretch
        # of a stretch of months and a longer one holding it, the shorter ("net profit for the April–June
        # quarter, the first of its 2025-26 financial year": the quarter); a day inside is a day of report
        # (unless another figure stands between them: "fourth-quarter net earnings of US$181 million last week and
        # US$700 million for 2024 as a whole": the year is the second figure's own)
        same = [p for p in same if not any(_inside(x.period, p.period) and not _figure_between(a, x, p)
                                           for x in same)] or same
        own = [p for p in same if p.explicit == max(x.explicit for x in same)]  # ("last year … in 2025")
    chosen = nearest(own, m)
    if chosen is None and (chosen := nearest(usable, m)) is not None:
        # "for the April–June quarter, the first of its 2025-26 financial year, jumped …": the quarter the year
        # is named to place, next to it
        inner = [p for p in usable if _inside(p.period, chosen.period)
                 and min(abs(p.start - chosen.end), abs(chosen.start - p.end)) <= 40]
        chosen = nearest(inner, m) or chosen
    if chosen is None and not flow and not compared:
        # "had $30m in cash when it filed on Thursday, … and debts of $5.84bn": a balance or an event listed
        # with others in a sentence that names one day shares it (a flow's period is the story's; a month or
        # year behind another figure is that figure's: "raised $20bn in July 2022, and is now worth …")
        shared = [p for p in ctx.periods if allowed(p)]
        if shared and all(p.period.granularity == "day" for p in shared) \
                and len({(p.period.start, p.period.end) for p in shared}) == 1:
            chosen = nearest(shared, m)
    if chosen is not None:
        return _qualified(text, chosen, kind, doc), chosen.start
    if doc.published is None:
        return None, -1
    return Period(start=doc.published, end=doc.published, text=None, granularity="published"), -1


def _compared_before(text: str, start: int, at: int) -> bool:
    """The date at `at` is that of a figure or period compared with, named just before it in the same sentence ("rose
    6.5% from the second quarter", "from 35.2% in the second quarter", "only slightly above the NT$19.98 billion of
    the second quarter"): not the date of a figure after it."""
    if _DATE_COMPARED.search(text, max(start, at - 40), at) or _FROM_FIGURE_IN.search(text, max(start, at - _FROM_FIGURE_REACH), at):
        return True
    compared = _COMPARED_FIGURE.search(text, max(start, at - 80), at)
    return compared is not None and not _SENTENCE_BREAK.search(text, compared.end(), at) \
        and _OF_THE_FIGURE.fullmatch(text, compared.end(), at) is not None


# what stands between a figure compared with and its date: "NT$19.98 billion of the ", "$8.88 in fiscal "
_OF_THE_FIGURE = re.compile(r"[\d.,]*\s?(?:[a-zA-Z]{1,12}\s+){0,2}?(?:of|in|for|during)\s+(?:the\s+)?")


def _in_year_before(period: Period, a: Amount, doc: Document, story: Story) -> Period | None:
    """The same part of the one year the sentence before names, when that part is over by publication."""
    prev = a.sentence.previous
    if prev is None or period.start is None:
        return None
    years = {p.period.start.year for p in find_periods(a.text, doc.published, story.dates, *prev)
             if p.period.resolved and p.period.start and p.period.end and p.period.start.year == p.period.end.year
             and _NAMED_YEAR.search(p.period.text or "")
             and not (_DETERMINED.search(a.text, max(prev[0], p.start - 8), p.start)
                      and _THING_AFTER.match(a.text, p.end))  # not "after its 2023 launch"
             and not SAME_STRETCH_BEFORE.search(a.text, max(prev[0], p.start - 40), p.start)}  # nor "the same period of 2024"
    if len(years) != 1:
        return None
    moved = shift_period(period, 12 * (years.pop() - period.start.year))
    return moved if moved.end is not None and doc.published is not None and moved.end < doc.published else None


def _said_on(text: str, period: Period, at: int) -> bool:
    """"On 16 December Nordea said it would buy back …": the day of a statement, whatever the figure's modality."""
    written = period.text or ""
    return at >= 0 and bool(written) and text.startswith(written, at) \
        and _SAID_AFTER.match(text, at + len(written)) is not None


def _figure_between(a: Amount, x: PeriodMention, y: PeriodMention) -> bool:
    """Another figure of the sentence stands between two of its dates."""
    low, high = min(x.end, y.end), max(x.start, y.start)
    return any(low <= o.start < high for o in a.others)


def _from_to(a: Amount, p: PeriodMention) -> bool:
    """`p` stands between "from <figure>" and "to <this amount>"."""
    before = [o for o in a.others if o.end <= p.start]
    if not before or not _TO_BEFORE.search(a.text, max(0, a.m.start - 6), a.m.start):
        return False
    other = max(before, key=lambda o: o.end)
    return FROM_BEFORE.search(a.text, max(0, other.start - 30), other.start) is not None


def _overlap(a: Period, b: Period) -> bool:
    if not (a.resolved and b.resolved):
        return a == b
    assert a.start and a.end and b.start and b.end
    return a.start <= b.end and b.start <= a.end


def _qualified(text: str, chosen: PeriodMention, kind: str | None, doc: Document) -> Period:
    """'since 2020' runs to publication; a level at 'the end of 2025' is its last day."""
    p = chosen.period
    before = text[max(0, chosen.start - 20):chosen.start]
    if p.resolved and _SINCE.search(before):
        return Period(start=p.start, end=doc.published or p.end, text=f"since {p.text}", granularity="since")
    if p.resolved and (kind == "level" and _PERIOD_END.search(before) or kind is None and _AT_END.search(before)):
        return Period(start=p.end, end=p.end, text=f"end of {p.text}", granularity="day")
    return p


_SAME_STRETCH_OF = re.compile(r"\bsame\s+(?:period|quarter|half|months?|stretch|weeks?)\s+(?:of|in)\s+"
                              r"(?P<year>(?:19|20)\d\d)\b(?![-/]\d)", re.IGNORECASE)
_PARTS_OF_A_YEAR = ("quarter", "half", "month", "season", "year_to_date")


def same_stretch_of_year(a: Amount, earlier: list[Period | None], story: Story, own_at: int = -1) -> Period | None:
    """"… a net loss of R$1.325 billion for the April-June quarter, reversing a profit of R$1.743 billion in the same
    period of 2024": the part of a year the sentence's figure before (else the story) covers, in the year named;
    None when the figure's clause says no such thing. `own_at`: where the figure's own period is written, if it has
    one: after the figure and before "the same period", it is the figure's ("below the 38.84 billion yuan of the
    July-September quarter but above the same period of 2024": the same period is another figure's base)."""
    same = _SAME_STRETCH_OF.search(a.text, a.m.end, a.clause[1])
    if same is None or any(a.m.end <= o.start < same.start() for o in a.others) or a.m.end <= own_at < same.start():
        return None  # (not "rose to $461 million from $82.5 million in the same period of 2024": the other's)
    ref = next((p for p in reversed(earlier) if p is not None and p.resolved and p.granularity in _PARTS_OF_A_YEAR
                and p.start is not None and p.end is not None), None)
    if ref is None and story.period is not None and story.period.resolved \
            and story.period.granularity in _PARTS_OF_A_YEAR and story.period.end is not None:
        ref = story.period
    if ref is None or ref.end is None:
        return None
    return shift_period(ref, 12 * (int(same.group("year")) - ref.end.year))


# a forecast said in the present tense: made now, not recalled
_FORECASTS_NOW_VERB = re.compile(r"\b(?:puts|sees|expects|forecasts|estimates|projects|predicts|now)\b")


def _opens_paragraph(text: str, at: int) -> bool:
    return text[max(0, at - 20):at].rstrip(" \t").endswith("\n")


def _year_paragraph(a: Amount) -> bool:
    """The sentence before, with no amount, opens its paragraph on the full year: "The full fiscal year, which closed
    on May 25, was a write-off in all but name. Adjusted EBITDA fell 14% to …" (the paragraph is about the year)."""
    previous = a.sentence.previous
    if previous is None or not _YEAR_OPENS.match(a.text, previous[0], previous[1]) \
            or not _opens_paragraph(a.text, previous[0]) or _YEAR_AHEAD.search(a.text, *previous):
        return False
    return not holds_money(a.money, previous)


def period_in_story(
    a: Amount, period: Period | None, date_at: int, kind: str | None, modality: str, base: Attribution | None,
    doc: Document, story: Story, reported: bool = True,
) -> Period | None:
    """What the sentence alone cannot say (see the module docstring). `reported` is False for a figure timed as a
    flow that is no measure of the results (a dividend, a figure a share): it takes the story's period but never
    moves it."""
    text, span, m = a.text, a.sentence.span, a.m
    undated = period is None or period.granularity == "published"
    if base is not None and undated:
        earlier = base.period
        if earlier is not None and earlier.resolved and earlier.granularity != "published":
            return shift_period(earlier, -months_back(text[m.end:span[1]], 0))  # the comparison nearest it
        if earlier is not None and earlier.resolved and BACK_AFTER.match(text, m.end, span[1]):
            # "annualised revenue of $3.3bn, up from $2.3bn a year ago": a level held on the day of the story,
            # against the same day a year (or quarter) before; without the words, when is not said
            back = shift_period(earlier, -months_back(text[m.end:span[1]], 0))
            return Period.model_construct(start=back.start, end=back.end, text=None, granularity="day")
    by_reference = _story_by_reference(a, period, date_at, kind, base, doc, story)
    if by_reference is not None:
        return by_reference
    full_year = kind == "flow" and (_FULL_YEAR.search(text, span[0], span[1])
                                    or _FOR_THE_YEAR.search(text, a.clause[0], a.clause[1])
                                    or _FOR_THE_FISCAL_YEAR_OF.search(text, max(a.clause[0], m.start - 60), m.start)
                                    or _FULL_FISCAL_YEAR.search(text, a.clause[0], a.clause[1])
                                    or _OPENS_FULL_FISCAL_YEAR.match(text, span[0], m.start)
                                    or _OPENS_FOR_THE_YEAR.match(text, span[0], m.start)
                                    or _year_paragraph(a))
    if kind == "flow" and undated:
        _read_story(text, story.read_to, span[0], doc, story)
        if story.whole is not None and PARAGRAPH_BREAK.search(text, story.part_at, span[0]):
            story.period, story.whole = story.whole, None  # a new paragraph: back on the year the story reports
        if story.recalled is not None and _THAT_PERIOD.search(text, span[0], span[1]):
            if PARAGRAPH_BREAK.search(text, story.recalled_at, span[0]):
                story.recalled = None  # its paragraph is over
            else:
                story.recalled_at = span[0]  # (read from here next time: each stretch of text once)
                return story.recalled  # "the year that ended in June, when it earned … Pre-tax profit for that year …"
        if modality in _FORECAST_MODALITIES and story.ahead is not None and base is None and not (
                any(o.end <= m.start for o in a.others) and (had := _HAD_FORECAST.search(text, m.end, a.clause[1]))
                and not _ANALYSTS.search(text, m.end, had.start())):
            # "Analysts had expected about A$462 million", after "For 2025/26, it expects …" (not "rose to $310.4m,
            # towards the top of the $290m-$320m range the company had guided to": its own forecast made before the
            # results, measured against them, is for their period; what analysts had pencilled in may be ahead)
            return story.ahead
        if modality in _FORECAST_MODALITIES and story.ahead is None and base is None and story.period is not None \
                and story.period.resolved and story.period.granularity in ("quarter", "half") \
                and (_FORECASTS_NOW.search(text, span[0], m.start) or outlook_heading(text, span)) \
                and not _ANALYSTS.search(text, *span) \
                and not _HAD_FORECAST.search(text, *span):
            # "It now forecasts sales of ¥974 billion, … core operating income of ¥120 billion", in a story of the
            # first half: what a company forecasts with no period named is its (fiscal) year, not the part reported
            return year_of(story.period, story.dates)
        if base is None and modality == "actual" and story.period is not None and story.period.resolved \
                and _RISEN_FROM.search(text, max(a.clause[0], m.start - 60), m.start) \
                and not any(a.clause[0] <= o.start and o.end <= m.start for o in a.others):
            # "Non-GAAP operating income … rose 11% from $699 million", its new figure in the heading above: the
            # figure risen from is of the period before the story's (a year, or a quarter when the copy says so)
            return shift_period(story.period, -months_back(text[m.end:span[1]], 0))
        if story.quarter is not None and not _quarter_long(story.period) \
                and (_FOR_THE_QUARTER.search(text, a.clause[0], a.clause[1])
                     or _QUARTERLY_MEASURE.search(text, a.clause[0], a.clause[1])):
            return story.quarter  # "rose 77% to $294 million in the quarter", after the year's figures
        if story.period is not None:
            if full_year and (story.period.granularity in ("quarter", "half", "month") or months_of_a_year(story.period)):
                year = year_of(story.period, story.dates)
                if modality in _FORECAST_MODALITIES and year.end is not None and doc.published is not None \
                        and year.end < doc.published <= year.end + dt.timedelta(days=366) \
                        and _FORECASTS_NOW_VERB.search(text, span[0], m.start):
                    # "She puts full-year net profit at ¥160 billion" after last year's "October to March", said in
                    # November: a forecast made now of the full year is of the year under way, not of one that has
                    # ended (not "In February it still guided to …", "Analysts had on average expected …")
                    return shift_period(year, 12)
                if reported and modality == "actual" and (
                        _OPENS_FULL_YEAR.match(text, span[0], m.start) and _opens_paragraph(text, span[0])
                        or _year_paragraph(a) and year.end is not None and doc.published is not None
                        and year.end <= doc.published):
                    # a paragraph that opens "For the full year, net sales fell …" is about the year: the story
                    # is now (not a closing "For the full year, revenue came to about $681 billion.")
                    _move_story(story, year, span[0])
                return year
            if story.period.granularity == "quarter" and story.period.resolved \
                    and _FOR_THE_HALF.search(text, a.clause[0], a.clause[1]):
                return _half_of(story.period, story.dates)  # "Revenue for the half was Dh13.5 billion" after Q1's
            return story.period
    if full_year and undated and doc.published:  # "full-year sales" in February: the year just ended
        day = Period.model_construct(start=doc.published, end=doc.published, text=None, granularity="day")
        year = shift_period(year_of(day, story.dates), -12, "full year")
        if kind == "flow" and reported and modality == "actual" and base is None and story.period is None:
            # "The annual report … puts net profit at US$782.1mn": no flow has dated the story yet; the year's
            # figures that follow, undated, are of that year too
            story.period, story.read_to = year, span[1]
        return year
    ahead = modality in _AHEAD or (modality == "rumor" and _FUTURE.search(text, span[0], span[1]))
    if (period is not None and ahead and yearless(period) and doc.published and period.end
            and period.end < doc.published and date_at > m.start):
        period = shift_period(period, 12)  # "plans to raise $5m in October", said in March
    if (period is not None and doc.published and period.start and period.start > doc.published
            and (modality == "actual" or _said_on(text, period, date_at))
            and (yearless(period) or day_without_year(period)) and not _FUTURE.search(text, *a.clause)
            and not _DUE.search(text, span[0], span[1])):
        # "net debt stood at R63.3 billion at 31 December", said in February: last December (not "is due on 4 May")
        period = shift_period(period, -12)
    elif (period is not None and modality == "actual" and kind in ("flow", None) and doc.published and period.start
            and period.end and period.start <= doc.published < period.end and period.granularity in ("quarter", "half", "year", "approximate")
            and yearless(period, runs=True)
            and (_ORDINAL_PART.match(period.text or "") or _MONTHS_NAMED.match(period.text or ""))
            and not _FUTURE.search(text, span[0], span[1])
            and not _NOT_YET.search(text, span[0], span[1])
            and not (date_at >= 0 and _STARTING.search(text, max(span[0], date_at - 16), date_at))):
        # "revenue was €2,891 million in the first half" or "for January to December" or "in the first nine months
        # of the year", said in March: a part of
        # the year, or a year, that is over, of the year the sentence before names ("… in August 2023. A disappointing first half, with revenue of …"), else last year's
        period = _in_year_before(period, a, doc, story) or shift_period(period, -12)
    if kind == "flow" and modality in _FORECAST_MODALITIES and period is not None and doc.published \
            and _THIS_YEAR.fullmatch(period.text or "") and story.dates.quarters_fiscal and story.dates.fiscal_year_start != 1:
        # "it still expects to set a record this year, with operating profit of ¥435 billion", from a company whose
        # year runs to March: its current fiscal year
        opens = story.dates.fiscal_year_start
        ends = doc.published.year + 1 if doc.published.month >= opens else doc.published.year
        first, last = fiscal_year(ends, opens)
        period = Period.model_construct(start=first, end=last, text=period.text, granularity="fiscal_year")
    if kind == "flow" and modality in _FORECAST_MODALITIES and base is None and period is not None and not undated \
            and period.resolved and period.granularity in _FORECAST_SPANS and period.end and doc.published \
            and period.end >= doc.published:
        story.ahead = period  # "expects operating profit of ¥570 billion for the fiscal year ending March 2026"
    dated = modality == "actual" and base is None
    if kind == "flow" and dated and period is not None and not undated and period.resolved and reported \
            and not _RUNNING_TOTAL.match(period.text or ""):
        # a forecast for next year is not what the story reports, nor is last year's figure after this year's (nor a
        # running total's months: "After nine months Agrana still had EBIT of €51.1 million")
        if not _earlier_than_story(period, story) and not _a_part(text, span[0], m.start) and not (
                _earlier(period, story) and (COMPARED_BEFORE.search(text, max(span[0], m.start - 40), m.start)
                                             # "rose 19.7% to ₹2,340.2 crore …, after ₹2,260.9 crore in the first
                                             # quarter": the figure that came before, held against it
                                             or _AFTER_FIGURE.search(text, max(span[0], m.start - 12), m.start)
                                             or _COMPARED_MEASURE.search(text, max(span[0], m.start - 60), m.start)
                                             or _LOOKED_BACK.search(text, *a.clause)
                                             or _looked_back_past_tense(text, span[0], a.clause)
                                             # "Against the third quarter, when LG earned 751.9 billion won, …": a
                                             # period held against the story's dates the figure, not the story
                                             or span[0] <= date_at < m.start
                                             and (_COMPARED_PERIOD.search(text, max(span[0], date_at - 30), date_at)
                                                  # "the final quarter of last year, when it booked revenue of
                                                  # 44.3 billion yuan": an earlier period recalled in a clause
                                                  or _WHEN_CLAUSE.search(text, date_at, m.start)))):
            _move_story(story, period, span[0])
        elif span[0] <= date_at < m.start and _WHEN_CLAUSE.search(text, date_at, m.start):
            story.recalled, story.recalled_at = period, span[0]  # "that year" in its paragraph is this period
        story.read_to = span[1]
    elif dated and story.period is None and period is not None and period.resolved \
            and period.granularity in STORY_SPANS and not _a_part(text, span[0], m.start):
        # "the value of its new business reached a record US$4,712 million in 2024": no flow has dated the story
        # yet, and a year, half or quarter said of another figure is the period the story reports
        story.period = period
    return period


def _looked_back_past_tense(text: str, sentence_start: int, clause: tuple[int, int]) -> bool:
    """A results verb in the pluperfect in the clause, not in reported speech (`_LOOKED_BACK_VERB`): no verb of saying
    before it in its sentence."""
    hit = _LOOKED_BACK_VERB.search(text, *clause)
    return hit is not None and _SAID.search(text, min(sentence_start, clause[0]), hit.start()) is None


def months_of_a_year(period: Period) -> bool:
    """Months of one year that make no quarter or half: "the first nine months" (its year is the year's whole)."""
    start, end = period.start, period.end
    return period.granularity == "approximate" and start is not None and end is not None and start.day == 1 \
        and (end - start).days < 360


def _quarter_long(period: Period | None) -> bool:
    """A quarter, or a stretch as short ("the 12 weeks to 29 December"): "in the quarter" is this one."""
    return period is not None and period.start is not None and period.end is not None \
        and (period.end - period.start).days < 100


def _move_story(story: Story, period: Period, at: int) -> None:
    """The story now reports `period`; a quarter or half of the year it reported is remembered as a part of it."""
    old = story.period
    if old is not None and period.granularity in ("quarter", "half") and _inside(period, old) and (
            old.granularity in ("year", "fiscal_year")
            # "Sales for January to June reached …" then "In the first quarter of this year growth was still 7.4%"
            or period.granularity == "quarter" and old.start is not None and old.end is not None
            and (old.end - old.start).days >= 180):
        story.whole, story.part_at = old, at
    elif old is not None and story.whole is None and old.granularity == "quarter" and story.opened is not None \
            and (story.opened.start, story.opened.end) == (old.start, old.end) \
            and period.granularity in ("half", "approximate") and period.end == old.end and _inside(old, period):
        # "For the first half, profit reached …" in a story that opened on the second quarter: the months to date,
        # said in passing; a later paragraph with no date of its own is back on the quarter
        story.whole, story.part_at = old, at
    elif not (story.whole is not None and _inside(period, story.whole)):
        story.whole = None
    story.period = period
    if story.opened is None:
        story.opened = period
    if period.granularity == "quarter" and period.resolved:
        story.quarter = period


def _a_part(text: str, sentence_start: int, at: int) -> bool:
    """A part of a figure ("$44 billion for the year, of which $23 billion in the first half"): it never dates
    the story (asked last, for the figures that would)."""
    return _PART_OF_WHOLE.search(text, max(sentence_start, at - 40), at) is not None


def _earlier(period: Period, story: Story) -> bool:
    """`period` ends before the story's begins."""
    current = story.period
    return bool(current is not None and current.start and period.end and period.end < current.start)


def _earlier_than_story(period: Period, story: Story) -> bool:
    """A year before the story's: "In fiscal 2024 the group earned €5.87bn" after the fiscal 2025 results is the
    comparison, and the figures after it are the story's again (a results story reports its latest period)."""
    current = story.period
    if not (current is not None and current.start is not None and current.end is not None
            and period.start is not None and period.end is not None and period.end < current.start):
        return False
    if (current.end - current.start).days >= 360 and (period.end - period.start).days >= 360:
        return True
    # "In the second quarter of 2024 it earned $457 million" in a story on this year's second quarter: the same
    # part of the year before (a calendar quarter against a fiscal one of twelve weeks ending in it)
    return abs((current.end - period.end).days - 365) <= 31 and abs((current.start - period.start).days - 365) <= 31


def _dates_the_figure(said: re.Match[str] | None, text: str, a: Amount) -> bool:
    """"A year earlier it had lost …" dates the figure after it; "fell 13% from a year earlier to X" dates what X
    is compared with; "up from €654 million a year earlier and ahead of the €805 million …" dates the figure right
    before the words, not the next."""
    return said is not None and not _COMPARED_WITH_BEFORE.search(text, max(0, said.start() - 24), said.start()) \
        and not any(o.end <= said.start() and BACK_AFTER.match(text, o.end, said.end()) for o in a.others)


# "the €113.3 million the club earned from sales a year earlier": the words after the figure that date it a year
# before the story (not "unchanged from a year earlier", "the same as a year earlier": what it is compared with)
_YEAR_BEFORE_AFTER = re.compile(rf"[^,;:()]{{0,50}}?(?<![\w-])(?:{_YEAR_BEFORE_STORY.pattern})\b", re.IGNORECASE)
_COMPARED_OR_LIKE_BEFORE = re.compile(r"\b(?:from|on|than|versus|vs\.?|against|over|compared\s+(?:with|to)|as|with|to|of"
                                      r"|since)\s+(?:the\s+)?$", re.IGNORECASE)


def _year_before_after(a: Amount) -> bool:
    """The figure's own clause goes on to date it a year before the story, no other figure between."""
    said = _YEAR_BEFORE_AFTER.match(a.text, a.said_to, a.clause[1])
    if said is None or any(a.m.end <= o.start < said.end() for o in a.others):
        return False
    words = _YEAR_BEFORE_STORY.search(a.text, said.start(), said.end())
    at = words.start() if words is not None else said.start()
    return not _COMPARED_OR_LIKE_BEFORE.search(a.text, max(0, at - 24), at)


def _story_by_reference(
    a: Amount, period: Period | None, date_at: int, kind: str | None, base: Attribution | None, doc: Document,
    story: Story,
) -> Period | None:
    """Periods the clause names relative to the story's: "A year earlier it had lost …", "ended the year with
    …", "cost ¥450bn in the quarter", "its total for the year"."""
    text, span, m = a.text, a.sentence.span, a.m
    undated = period is None or period.granularity == "published"
    if base is None and kind == "flow" and (
            period is not None and _YEAR_BEFORE_STORY.fullmatch(period.text or "")
            or undated and (_dates_the_figure(_YEAR_BEFORE_STORY.search(text, a.clause[0], m.start), text, a)
                            or _year_before_after(a)
                            or _OPENS_WITH_YEAR_BEFORE.match(text, span[0], m.start))):
        _read_story(text, story.read_to, span[0], doc, story)  # "A year earlier it had lost SEK 26.1bn"
        return shift_period(story.period, -12) if story.period is not None and story.period.resolved else None
    if kind == "flow":
        return None  # a flow with no date of its own takes the story's period anyway
    ended = _ENDED_WITH.search(text, a.clause[0], m.start) if undated else None
    if undated and ended is None and not _FUTURE.search(text, *a.clause):
        ended = _AT_PERIOD_END.search(text, a.clause[0], a.clause[1])
    if ended is not None:
        _read_story(text, story.read_to, span[0], doc, story)
        p = story.period
        if p is not None and p.resolved and (ended.group("unit") or ended.group("short") or "").lower() == "year":
            p = p if p.granularity in ("year", "fiscal_year") else year_of(p, story.dates)
        if p is not None and p.end is not None and p.resolved and doc.published and p.end > doc.published:
            p = shift_period(p, -12)  # "finished the year with …" in February: the year that is over
        if p is not None and p.end is not None and p.resolved:
            return Period(start=p.end, end=p.end, text=f"end of {p.text}", granularity="day")
    if undated and ended is None and kind in ("level", None) and base is None \
            and _BALANCE_STOOD.search(text, max(a.clause[0], m.start - 60), m.start) \
            and not _FUTURE.search(text, *a.clause) and not _PRICED_BALANCE.search(text, *a.clause):
        # "Total assets stood at KSh 1.97 trillion, loans at KSh 1.18 trillion" in a story of the half to June: the
        # balance sheet on the last day of the period the story reports, when that period is over
        _read_story(text, story.read_to, span[0], doc, story)
        p = story.period
        if p is not None and p.resolved and p.end is not None and p.granularity in STORY_SPANS \
                and doc.published and p.end < doc.published:
            return Period(start=p.end, end=p.end, text=f"end of {p.text}", granularity="day")
    # "in the quarter" in the figure's clause beats a date in another ("…, it said on Thursday")
    elsewhere = undated or not a.clause[0] <= date_at < a.clause[1]
    named = (_THE_PERIOD.search(text, *a.clause_past_aside()) or _FRONTED_PERIOD.match(text, span[0], a.clause[0])) \
        if elsewhere else None
    if named is None:
        return None
    _read_story(text, story.read_to, span[0], doc, story)
    unit = named.group("unit").lower()
    p = story.period
    if p is not None and (unit == "period" or unit == p.granularity and unit in ("quarter", "half")):
        return p
    if p is not None and unit.endswith("year"):
        return p if p.granularity in ("year", "fiscal_year") else year_of(p, story.dates)
    if p is None and unit == "year" and doc.published:  # "its total for the year": this calendar year
        year = doc.published.year
        return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=named.group(0), granularity="year")
    return None


_NAMED_FISCAL = re.compile(r"(?i:fiscal|financial\s+year|FY)\s*'?\d{2,4}\b")


# a year written in a period's words ("fiscal 2024", "FY25", "H1'24"; not the day of "the year to June 30")
_NAMES_A_YEAR = re.compile(r"(?:19|20)\d{2}|FY\s?\d{2}|'\d{2}"
                           r"|\b(?:this|last|next|previous|prior)\s+(?:fiscal\s+|financial\s+)?year", re.IGNORECASE)


def date_by_comparison(
    text: str, span: tuple[int, int], attributions: dict[int, Attribution], amounts: list[int], story: Story,
    published: dt.date | None = None,
) -> None:
    """"Capex more than tripled to RMB 76.8bn from RMB 23.9bn in 2023": the figure compared with has the date,
    so the figure itself is a year (or a quarter) after it, and the story is about that period. A quarter a year
    later would end after publication ("€38 million of costs, up from €35 million in the second quarter", said in
    October): the quarter after it."""
    for j in amounts:
        own = attributions.get(j)
        if own is not None and own.base is not None and own.base > j and not own.own_period \
                and (risen_to := attributions.get(own.base)) is not None and risen_to.base is None \
                and own.metric_kind == "flow" and own.modality == "actual" == risen_to.modality \
                and own.period is not None and risen_to.period is not None and risen_to.period.resolved \
                and (own.period.start, own.period.end) == (risen_to.period.start, risen_to.period.end):
            # "EBITDA nearly doubled, from 308 Mio. € to 606 Mio. €": the figure it rose from, undated, is of the period
            # before the one it rose to (a year, or a quarter when the copy compares quarters)
            own.period = shift_period(risen_to.period, -(3 if QUARTER_BACK.search(text, span[0], span[1]) else 12))
            continue
        if own is None or own.base is None or own.base > j or not own.own_period or attributions[own.base].own_period:
            continue
        assert own.period is not None
        if published is not None and own.period.start is not None and own.period.start >= published:
            continue  # "raised its price target to SEK 165 from SEK 150 and now says buy": a figure compared with
            # that is dated today (by a "now" of another clause) puts the figure itself in no later year
        ahead = 3 if QUARTER_BACK.search(text, span[0], span[1]) else 12
        if ahead == 12 and published is not None and own.period.granularity == "quarter" and own.period.end is not None \
                and own.period.end <= published and (later := shift_period(own.period, 12).end) is not None \
                and published < later:
            ahead = 3
        main = attributions[own.base]
        main.period = shift_period(own.period, ahead)
        if ahead == 12 and main.modality == "actual" and published is not None and own.period.end is not None \
                and own.period.end <= published \
                and main.period.end is not None and published < main.period.end \
                and own.period.granularity in ("year", "fiscal_year", "half") \
                and own.period.text is not None and not _NAMES_A_YEAR.search(own.period.text):
            # "Net sales rose 13.4 percent to Rs68.65bn from Rs66.45bn in the year to June 30", said in August: a year
            # named with no year is the latest over, the change's own; the figure compared with is the year before (not
            # "expected to rise to about $350 million, from $315 million in the year just ended": a forecast's)
            main.period, own.period = own.period, shift_period(own.period, -12)
        elif ahead == 12 and _years_before_the_story(main.period, story.period):
            # "Revenue reached SR7.41 billion, 61% more than the SR4.61 billion of 2022", in a story of 2024: a change
            # over more than a year, measured to the year the story reports
            main.period = story.period
        elif ahead == 12 and _named_a_year_late(own.period, story.period):
            # "The numbers from the year to March 2025 … jumped 62% to ¥1.05 trillion from ¥695.8 billion in fiscal
            # 2023": the year compared with is the one before the story's, so the copy names a fiscal year by the
            # calendar year it starts in
            own.period = shift_period(own.period, 12, own.period.text)
            main.period = story.period
        if main.metric_kind == "flow" and main.metric:  # a per-share figure is no results story
            story.period, story.read_to = main.period, span[1]
            for k in amounts:  # "Profit before tax came in at KSh 38.4 billion and profit after tax at KSh 25.5
                # billion, against KSh 23.2 billion in 2023": the flows listed before it, which nothing dated, are of
                # its period too
                other = attributions.get(k)
                if k < own.base and other is not None and other.base is None and not other.own_period \
                        and other.metric_kind == "flow" and other.period is not None \
                        and other.period.granularity == "published":
                    other.period = main.period


def _years_before_the_story(shifted: Period, story: Period | None) -> bool:
    """A year after the figure compared with is still a whole year or more before the (fiscal) year the story
    reports: the comparison spans several years."""
    return story is not None and story.granularity in ("year", "fiscal_year") and story.resolved \
        and shifted.granularity in ("year", "fiscal_year") and shifted.end is not None and story.start is not None \
        and shifted.end < story.start


def _named_a_year_late(compared: Period, current: Period | None) -> bool:
    """A fiscal year named by its number ("fiscal 2023") that, read as the year ending in 2023, ends two years before
    the fiscal year the story reports (the year to March 2025): named by the year it starts in."""
    return bool(current is not None and current.granularity == "fiscal_year" and current.resolved
                and compared.granularity == "fiscal_year" and compared.resolved and _NAMED_FISCAL.match(compared.text or "")
                and current.start is not None and current.start.month != 1 and compared.end is not None
                and current.end is not None and compared.end.month == current.end.month
                and current.end.year - compared.end.year == 2 and (current.end - current.start).days >= 360)


def _forward(text: str, around: tuple[int, int], period: Period, published: dt.date | None) -> bool:
    """Whether the sentence around a period looks ahead (`_FORWARD`): not by "will" alone when the period is a quarter
    or half named with no year that is over ("The final quarter, August through October, is the one investors will
    remember": a judgement of it; not "The board will ask shareholders to approve a dividend for 2024", nor "payable
    in August and September", months a yearless reading may put in the past)."""
    over = period.end is not None and published is not None and period.end < published \
        and period.granularity in ("quarter", "half") and yearless(period)
    return any(not over or w.group(0).lower() != "will" for w in _FORWARD.finditer(text, *around))


def _read_story(text: str, start: int, end: int, doc: Document, story: Story) -> None:
    """Sentences without figures can still set the period of the story: "Oracle reported results for its fiscal
    third quarter, which ended on February 28." (a quarter, half or fiscal year, or an explicit span)."""
    start = max(start, end - STORY_LOOKBACK)  # the sentences just before: a story states its period near its figures
    story.read_to = max(story.read_to, end)
    if end > start and doc.published and _ANNUAL_RESULTS.search(text, start, end):
        # "last week's annual figures": the (fiscal) year that ended before publication, unless a date says
        day = Period.model_construct(start=doc.published, end=doc.published, text=None, granularity="day")
        story.period = shift_period(year_of(day, story.dates), -12, "full year")
    if end <= start or not _REPORTING.search(text, start, end):
        return
    before = story.period
    moved_to, headline = start, False
    for p in find_periods(text, doc.published, story.dates, start, end):
        if _ATTRIBUTIVE.match(text, p.end):
            continue  # "the cost of last year's certification scandal": the date of a thing, not of the results
        if _DEFINES_PERIODS.search(text, *_sentence_around(text, p.start, p.end, start, end)):
            continue  # "FY2024/25 is April 2024 to March 2025, its first half (1H) April to September 2024": a key to
            # the copy's names of periods, no report of one
        if _BY_HORIZON.search(text, max(start, p.start - 12), p.start):
            continue  # "by the year to March 2029": a target's horizon
        if _DEAL_DATED.search(text, max(start, p.start - 70), p.start):
            continue  # "where BMO expanded with its purchase of Bank of the West last year": the deal's date
        if (one_off := _ONE_OFF_DATED.search(text, max(start, p.start - 90), p.start)) is not None and (
                one_off.group("adjusted") or (before is not None and before.start is not None and p.period.end is not None
                                              and p.period.end < before.start)):
            continue  # "adjusted for a one-off item in the third quarter of 2024", "hurt by extraordinary income booked
            # in the fourth quarter of 2024" (before the story's period): the item's date (not "one-time charges in the
            # third quarter weighed on results": the quarter reported)
        around = _sentence_around(text, p.start, p.end, _clause_opens(text, start, p.start), min(end, p.end + FORWARD_REACH))
        joined = _SAID_TOO.search(text, p.end, around[1])
        if joined is not None:  # "… for the financial year to 31 March 2025 and said it expects …": another clause's verb
            around = (around[0], joined.start())
        if _AHEAD_OF.search(text, max(start, p.start - 40), p.start) \
                or _forward(text, around, p.period, doc.published) or (
                p.period.end and doc.published and p.period.end > doc.published and _WOULD.search(text, *around)):
            # "For 2025/26, Cochlear expects …", "The outlook for fiscal 2025 is where investors will focus": what
            # the forecasts are for, not the story (its first such period: not "Its forecast for the current year
            # came in below …" after it)
            if p.period.resolved and p.period.granularity in ("year", "fiscal_year") and story.ahead is None \
                    and p.period.end and doc.published and p.period.end >= doc.published:
                story.ahead = p.period  # (the first such year not over yet: no forecast is for the past)
            continue
        if before is not None and _a_year_before(p.period, before) and doc.published and before.end \
                and before.end <= doc.published \
                and _FIGURE_DIGIT.search(text, *_sentence_around(text, p.start, p.end, start, end)):
            continue  # "Motus paid 520 cents a share for its 2024 financial year" in a story of the year to June 2025:
            # the year before, whose figure the sentence recalls (it dates that figure; the story stays); not when
            # the story's year is still running (a forecast's year read first: the results' year is the one before)
        if _caused(text, _sentence_around(text, p.start, p.end, start, end)[0], p.start):
            continue  # "Income tax shrank …, because the first quarter of 2023 still carried a levy that no longer
            # applies in 2024": the cause's dates, not the results'
        if p.period.granularity == "year" and _JUDGED_YEAR.search(text, max(start, p.start - 30), p.start) \
                and doc.published and p.period.end and p.period.end < doc.published:
            _move_story(story, p.period, p.start)
            moved_to, headline = p.end, _in_headline(text, p.start)
            continue
        if _SAME_PERIOD_BEFORE.search(text, max(start, p.start - 24), p.start) \
                or _HELD_AGAINST.search(text, max(start, p.start - 60), p.start) \
                or _COMPARED_PERIOD.search(text, max(start, p.start - 30), p.start):
            # "the ₹2,815 crore of the same quarter last year", "an improvement on the 2.3% decline of the second
            # quarter", "higher than in the fourth quarter": a period held against the story's, which stays
            continue
        compared = _COMPARED_FIGURE.search(text, max(start, p.start - 80), p.start) \
            or _COMPARED_NAMED.search(text, max(start, p.start - 80), p.start)
        if compared and not _SENTENCE_BREAK.search(text, compared.end(), p.start) \
                or _FROM_FIGURE_IN.search(text, max(start, p.start - _FROM_FIGURE_REACH), p.start):
            # "up from 60 cents in the holiday quarter of fiscal 2024", "rose 7.5% to $9.55 from $8.88 in fiscal
            # 2024": the date of the figure compared with
            continue
        if p.period.resolved and (p.explicit == 2 or p.period.granularity in ("quarter", "half", "fiscal_year") or (
                p.period.granularity == "year" and doc.published and p.period.start
                and 0 <= doc.published.year - p.period.start.year <= 1)):  # "Airbus posted its 2024 results"
            period = p.period
            if doc.published and period.start and period.start > doc.published and yearless(period):
                # "the company it will be in 2025 … The fourth quarter itself gave the bulls plenty", said in February
                # 2025: a year named in passing dates no yearless quarter the story reports after publication
                period = shift_period(period, -12)
            if doc.published and period.start and period.end and period.start <= doc.published < period.end \
                    and period.granularity in ("quarter", "half") and yearless(period):
                continue  # "Only the April-June quarter made money", said in May: no quarter still running is reported
            if story.period is before:  # the first the reading finds: a quarter said in passing dates its paragraph
                _move_story(story, period, p.start)
                moved_to, headline = p.end, _in_headline(text, p.start)
                continue
            if story.whole is not None and story.period is not None \
                    and (period.start, period.end) == (story.period.start, story.period.end):
                # named again ("The fourth-quarter warning" over "The final quarter, August through October, is …"):
                # the part's paragraph is the later one
                story.part_at = max(story.part_at, p.start)
                continue
            placing = story.period is not None and _shorter(story.period, period) \
                and not _SENTENCE_BREAK.search(text, moved_to, p.start)  # a year placing the quarter just read
            if _APPOSED.fullmatch(text, moved_to, p.start) or _shorter(period, story.period) \
                    or (_restated(period, story.period) and not placing) or (headline and _earlier(period, story)):
                # "the six months to 30 September, the first half of its 2026 financial year": one statement; "This
                # year … the bill arrived with second-quarter results": the part of the year the story reports (not
                # "reported higher sales for 2024 …, and warned that this year would be one of transition"); "fiscal
                # fourth-quarter report. … Micron's fiscal 2025, the year to Aug. 28, was …": the year that quarter
                # ends (not "the quarter to June 30, the last of Clorox's 2025 fiscal year": the year placing it)
                story.period = period
                moved_to, headline = p.end, _in_headline(text, p.start)
    quarter, year = story.quarter, story.period
    if story.period is before and quarter is not None and year is not None and year.granularity in ("year", "fiscal_year") \
            and _inside(quarter, year):
        said = _THE_QUARTER_SAID.search(text, start, end)
        if said is not None and not _DIGIT.search(text, *_sentence_around(text, said.start(), said.end(), start, end)):
            # "Clean energy drove the quarter." after the year's figures, said in no figure's sentence: back on the
            # quarter (not "$12.2 billion in the quarter and $39.4 billion for the year")
            _move_story(story, quarter, said.start())


_HEADLINE_LINE = 160  # characters: the longest line read as a headline or byline


def _in_headline(text: str, at: int) -> bool:
    """`at` is on a line that ends no sentence (a headline: "Campari's profit slides as new chief calls 2025 a
    transition year"): an earlier period in the lead ("reported higher sales for 2024") is what the story reports."""
    lo = max(0, at - _HEADLINE_LINE)  # a line longer than a headline's is prose: never searched further
    opens = text.rfind("\n", lo, at)
    if opens < 0 and lo > 0:
        return False
    closes = text.find("\n", at, at + _HEADLINE_LINE)
    if closes < 0 and at + _HEADLINE_LINE < len(text):
        return False
    line = text[opens + 1:closes if closes >= 0 else len(text)].rstrip().rstrip("*_")  # "*… four days on.*" ends one
    return bool(line) and line[-1] not in ".!?:\"”’)" and len(line) <= _HEADLINE_LINE \
        and not (line.startswith("|") or line.count("|") > 1)  # (nor a table row; a byline "By … | 6 March 2025" is)


def _a_headline(text: str, at: int) -> bool:
    """`at` is on a headline: a line that ends no sentence (`_in_headline`) and stands alone, a blank line or the
    start of the text before it and a blank line or the end after it (not a line of hard-wrapped prose)."""
    if not _in_headline(text, at):
        return False
    opens = text.rfind("\n", 0, at)
    if opens >= 0 and text[:opens].rstrip(" \t")[-1:] not in ("\n", ""):
        return False
    closes = text.find("\n", at)
    return closes < 0 or text[closes + 1:closes + 1 + _HEADLINE_LINE].lstrip(" \t")[:1] in ("\n", "")


ROUNDED_SHARE = 0.02  # how far a headline's rounded figure may lie from the copy's ("Rs492 bn", "Rs492.20 billion")


def headline_figures_dated(text: str, money: list[MoneyMention], decided: dict[int, Attribution]) -> None:
    """A figure in the headline that nothing there dates ("Logista posts record €308 million profit") is the story's
    figure, which the copy below dates ("net profit rose 13% to a record €308 million in its fiscal year to 30
    September"): it takes the period of the first later report of the same figure (amount and currency) with the
    same organisation and metric, dated by its own copy, not by publication. A headline restates its lead; its
    publication day is no period of a year's profit, nor the day of Monday's deal."""
    for i, m in enumerate(money):
        own = decided.get(i)
        if own is None or own.period is None or own.period.granularity != "published" or not _a_headline(text, m.start):
            continue
        if m.value.amount is None:
            continue
        for j in range(i + 1, len(money)):
            later, told = money[j], decided.get(j)
            if told is None or later.value.amount is None or later.value.currency != m.value.currency \
                    or not (m.value.low <= later.value.amount <= m.value.high
                            and abs(later.value.amount - m.value.amount) <= ROUNDED_SHARE * abs(m.value.amount)):
                continue  # (the same figure, or one the headline rounds: "Rs492 bn" of "Rs492.20 billion"; not
                # "NZ$902 million" under "NZ$1bn")
            if told.period is None or told.period.granularity == "published" or _a_headline(text, later.start):
                continue
            if told.metric == own.metric and told.subject == own.subject:
                decided[i] = replace(own, period=told.period)
            break


def _shorter(period: Period, than: Period | None) -> bool:
    """`period` spans fewer days than `than` (by more than a month): a quarter or half after a year."""
    if than is None or period.start is None or period.end is None or than.start is None or than.end is None:
        return False
    return (than.end - than.start).days - (period.end - period.start).days > 40


def _a_year_before(period: Period, story: Period) -> bool:
    """`period` is the story's own span a year earlier (a year or fiscal year ending twelve months before it)."""
    if not (period.resolved and story.resolved) or period.granularity not in ("year", "fiscal_year") \
            or story.granularity not in ("year", "fiscal_year"):
        return False
    assert period.start and period.end and story.start and story.end
    return abs((story.end - period.end).days - 365) <= 10 and abs((story.start - period.start).days - 365) <= 10


def _restated(period: Period, than: Period | None) -> bool:
    """`period` is `than` said more exactly: ending within a week and a half of it ("Kroger's first quarter …,
    covering the 16 weeks that ended May 24")."""
    if than is None or period.start is None or period.end is None or than.start is None or than.end is None:
        return False
    return abs((period.end - than.end).days) <= 10 and period.start <= than.end and than.start <= period.end


_CLAUSE_OPENS = re.compile(r",\s+(?:and|but|while|whereas)\s|;")  # "…, and the first-half results published …"


def _clause_opens(text: str, start: int, at: int) -> int:
    """Where the clause holding `at` opens after a coordinating break ("… what to expect and then delivering it, and
    the first-half results published late last week were no exception": the results are not looked ahead to), read
    back at most a sentence's reach."""
    opens = max(start, at - STORY_LOOKBACK)
    for m in _CLAUSE_OPENS.finditer(text, opens, at):
        opens = m.end()
    return opens


def _sentence_around(text: str, at: int, to: int, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) that holds text[at:to], within start..end (a point after an abbreviation
    ends none: "foresees sales of Fr. 1.2 Mrd. in the 2027/28 financial year")."""
    stop = text.rfind(". ", start, at)
    while stop >= 0 and is_abbreviation(text, stop):
        stop = text.rfind(". ", start, stop)
    opens = max(start, stop + 1, text.rfind("\n", start, at) + 1)
    stop = text.find(". ", to, end)
    while stop >= 0 and is_abbreviation(text, stop):
        stop = text.find(". ", stop + 1, end)
    closes = min(c for c in (stop, text.find("\n", to, end), end) if c >= 0)
    return opens, closes


# "Gemini followed on Thursday. It sold its shares at $28 each, raising $425m": the sentence goes on with
# the one before, about the same thing
_CONTINUES = re.compile(
    r"\s*(?:It|They|The\s+(?:[a-z-]+\s+){0,2}?(?:company|group|firm|bank|lender|startup|carmaker|exchange|deal|offering"
    r"|sale|offer|bid|takeover|acquisition|purchase|transaction))\s",
)


_SAID_BEFORE = re.compile(r"\b(?:said|says|announced|told\s+[\w\s]{1,30}?|confirmed|unveiled)\s+(?:on\s+|in\s+|last\s+)?$",
                          re.IGNORECASE)
_SAID_AFTER = re.compile(r",?\s+(?:the\s+(?:company|group|firm|bank)|it|he|she|they|(?-i:[A-Z][\w&.'’-]*)(?:\s+(?-i:[A-Z][\w&.'’-]*)){0,3})"
                         r"\s+(?:said|announced|confirmed|unveiled|told)\b", re.IGNORECASE)


# "… brought revenue of $5.9bn and net income of $494m": the next item of a list, named without a verb of its own
_NEXT_ITEM = re.compile(r"\s*+(?:\([^()]*\)\s*+)?(?:,\s*)?(?:and|as\s+well\s+as)\s+(?:[\w'’-]+\s+){1,4}?(?:of|at|was|were)\s+"
                        r"(?:(?:about|around|roughly|nearly|some|almost|just)\s+)?$", re.IGNORECASE)


def _listed_after(a: Amount, p: PeriodMention) -> bool:
    """`p` dates the head of a list the amount ends, in one clause: "the first quarter of this year brought revenue
    of $5.9bn and net income of $494m" (each figure between is joined to the next as a list item)."""
    m = a.m
    if p.end > m.start or not a.in_clause(p.start, p.end):
        return False
    between = [o for o in a.others if p.end <= o.start and o.end <= m.start]
    chain = [*between, m]
    return bool(between) and all(_NEXT_ITEM.fullmatch(a.text, x.end, y.start) for x, y in zip(chain, chain[1:]))


def _inside(a: Period, b: Period) -> bool:
    """`a`, a stretch of four weeks or more, lies within `b` and is shorter, as months (`stretch`): the 13 weeks
    from January 27 are the first quarter of a fiscal year that starts on February 1."""
    if not (a.start and a.end and b.start and b.end and (a.end - a.start).days >= 27):
        return False
    (a_first, a_last), (b_first, b_last) = stretch(a), stretch(b)
    assert a_first and a_last and b_first and b_last
    return b_first <= a_first and a_last <= b_last and (a.start, a.end) != (b.start, b.end) \
        and (a.end - a.start) < (b.end - b.start)


def _statement_date(text: str, p: PeriodMention) -> bool:
    """`p` is the day the copy says something was said: "said on Monday", "In April the company said"."""
    return bool(_SAID_BEFORE.search(text, max(0, p.start - 40), p.start) or _SAID_AFTER.match(text, p.end))


def _in_other_parenthesis(text: str, after: int, p: PeriodMention, a: Amount) -> bool:
    """`p` stands in a parenthesis opened after `after` that holds another of the sentence's figures."""
    opened = text.rfind("(", after, p.start)
    if opened < 0 or ")" in text[opened:p.start]:
        return False
    closed = text.find(")", p.end)
    closed = len(text) if closed < 0 else closed
    return any(opened < o.start < closed for o in a.others)


def _is_dateline(text: str, p: PeriodMention) -> bool:
    """"NEW YORK, Sept 10 — …" (the dash after it first: the cheap test)."""
    return _DATELINE_AFTER.match(text, p.end) is not None \
        and _DATELINE_BEFORE.search(text, max(0, p.start - 48), p.start) is not None


def day_carried_over(a: Amount, doc: Document, story: Story) -> Period | None:
    """A balance or event with no date in a sentence that continues the one before (opening with "It", "The
    company" …) happened on the single day that sentence names, if it names one; "Since then, X raised …"
    runs from the single date that sentence names to publication."""
    prev = a.sentence.previous
    if prev is None:
        return None
    since = _SINCE_THEN.search(a.text, a.sentence.span[0], a.m.start)
    then = not since and _THEN.search(a.text, a.sentence.span[0], a.m.start) is not None
    if not since and not then and not _CONTINUES.match(a.text, a.sentence.span[0]):
        return None
    # ("ADNOC sold 5% of the company then …, giving it a market capitalisation of around $50 billion", after "the
    # March 2023 listing": "then" points back to the month, too)
    dates = {(p.period.start, p.period.end): p.period for p in find_periods(a.text, doc.published, story.dates, *prev)
             if (since or p.period.granularity == "day" or then and p.period.granularity == "month")
             and p.period.resolved and not _is_dateline(a.text, p)}
    if len(dates) != 1:
        return None
    date = next(iter(dates.values()))
    if since and doc.published and date.start:
        return Period(start=date.start, end=doc.published, text=f"since {date.text}", granularity="since")
    return None if since else date


def _dates_compared(a: Amount, p: PeriodMention) -> bool:
    """A date right after a figure compared with ("… to 916.8 billion won from 2.53 trillion won in 2023, on revenue
    of 48.9 trillion won"): the compared figure's, not that of a figure later in the sentence."""
    text = a.text
    if _WHEN_AFTER.match(text, p.end):
        return False  # "from $62 billion in December, when it announced its $10 billion Series J": both's month
    return any(o.end <= p.start and _JUST_AFTER.fullmatch(text, o.end, p.start)
               and (FROM_BEFORE.search(text, max(0, o.start - 16), o.start)
                    or COMPARED_BEFORE.search(text, max(0, o.start - 40), o.start))
               for o in a.others)


def _half_of(quarter: Period, dates: DateSettings) -> Period:
    """The (fiscal) half a quarter belongs to: "for the half" after "the January-March quarter"."""
    assert quarter.start is not None
    first = (quarter.start.month - dates.fiscal_year_start) % 6 < 3
    start, end = (quarter, shift_period(quarter, 3)) if first else (shift_period(quarter, -3), quarter)
    return Period.model_construct(start=start.start, end=end.end, text="the half", granularity="half")


def year_of(period: Period, dates: DateSettings) -> Period:
    """The (fiscal) year a quarter or half belongs to: "for the full year" after "the fourth quarter"."""
    assert period.end is not None
    start_month = dates.fiscal_year_start
    year = period.end.year if start_month == 1 or period.end.month < start_month else period.end.year + 1
    first, last = fiscal_year(year, start_month)
    return Period.model_construct(start=first, end=last, text="full year",
                                  granularity="year" if start_month == 1 else "fiscal_year")
