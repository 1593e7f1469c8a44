"""Which metric an amount states: the cue that governs it by syntax, not the nearest word.

"a valuation of X", "valued at X", "X in revenue", "revenue rose 18% to X", "raised X": a noun or measuring
verb at the head of the amount wins, then a noun right after it ("X in debt financing"), then an action verb
("raised X"); else the nearest cue in its clause; else the metric of the amount before it in the sentence;
else the nearest cue before it. The words in front of a noun cue may make the figure a *segment* of the
metric ("cloud infrastructure revenue", "underlying profit"), another fact than the whole.
"""

from __future__ import annotations

import re

from claimcheck.claims.context import COMPARED_BEFORE, Amount, Attribution, distance, nearest
from claimcheck.mentions.cues import NO_METRIC, TAKINGS, UNTRACKED_FLOW, UNTRACKED_LEVEL, Cue
from claimcheck.mentions.money import SCALED
from claimcheck.mentions.periods import MONTHS, WEEKDAYS
from claimcheck.mentions.organisations import RATINGS, place_names
from claimcheck.mentions.sentences import heading_above
from claimcheck.models import MoneyMention

_DEAL_CUES = ("funding", "valuation", "pre_money_valuation", "investment")
_AT_GAP = re.compile(r"\s+at\s+(?:a|an)\s+", re.IGNORECASE)
# "fund the purchase with RM6.3 billion of debt financing": what pays for a thing, not its measure
_WITH_GAP = re.compile(r"\s+with\s+(?:(?:a|an|the|about|around|roughly|some|nearly)\s+)*$", re.IGNORECASE)
# A valuation in a sentence about the stock market is a market capitalisation; in one about a round or a
# tender offer it stays a valuation.
_LISTED = re.compile(
    r"\b(?:a|per)\s+share\b|\bshares\s+(?:rose|fell|closed|jumped|traded|were|gained|dropped|surged|slid)\b"
    r"|\bstock\s+(?:market|exchange)\b|\bon\s+(?:the\s+)?(?:Nasdaq|NYSE|Euronext|LSE|London\s+Stock\s+Exchange)\b",
    re.IGNORECASE)
_PRIVATE = re.compile(
    r"\b(?:round|tender|funding|raised|raise|raising|investors\s+paid|private|secondary|sold\s+shares|share\s+sale)\b",
    re.IGNORECASE)
# "take ¥1.4 trillion out of operating profit", "a hit of CHF 1 billion to underlying operating profit": an
# amount that changes a metric is not the metric.
_IMPACT = re.compile(r"\b(?:hit|impact|cost|costs|take|takes|took|wipe|wiped|knock|knocked|shave|shaved|add|adds|added"
                     r"|boost|boosted|drag|dent|charge|blow)\b", re.IGNORECASE)
# a bold lead-in of a paragraph that names several topics: "**Capital returns and cash.**", "**Sales, margins.**"
_LISTING_LEAD_IN = re.compile(r"[ \t]*(?:\*\*|__)[^*_\n]{0,60}?(?:\s(?:and|&)\s|,\s)[^*_\n]{0,60}?[.:]?(?:\*\*|__)")
# "Counting earlier repurchases, the bank returned around €1.1 billion", "Including buybacks, …": what an opening
# phrase says a total counts in or leaves out is not the total's measure
_TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)
_COUNTING_LEAD_IN = re.compile(r"[ \t]*(?:Counting|Including|Excluding|Not\s+counting|Leaving\s+(?:out|aside)"
                               r"|Setting\s+aside|Stripping\s+out|Apart\s+from|Aside\s+from|Besides|On\s+top\s+of)"
                               r"\s[^,;:.]{1,80},\s")
_PAST_VERB = re.compile(r"[a-z]+ed")  # a cue that is a verb in the past tense ("moved", not "profit" of "cash profit")
# … and not a participle describing the noun ("Cash invested, meanwhile, rose", "cash injected into the unit")
_PARTICIPLE_AFTER = re.compile(r"\s*(?:,|(?:in|into|by|from|through|during|on|at|for)\b)")
_COUNTING_WITHIN = re.compile(r"(?<=[;:])[ \t]+(?:(?:counting|including|excluding|together[ \t]+with|on[ \t]+top[ \t]+of)"
                              r"[ \t][^,;:.]{1,80}"
                              # ("; with the buybacks, …": a payout counted in, not "; with sales strong in Asia, they")
                              r"|with[ \t]+(?:the[ \t]+|its[ \t]+)?(?:share[ \t]+)?(?:buybacks?|repurchases?|dividends?"
                              r"|special[ \t]+dividends?)[^,;:.]{0,40}),[ \t]", re.IGNORECASE)
# "net operating expenditure of about US$400 million and capital expenditure of roughly US$300 million": a figure
# its own noun heads ("X of") is not the next figure's, whose noun follows it
_OWN_NOUN = re.compile(r"\b[a-z][\w-]*\s+of\s+(?:(?:about|around|roughly|some|nearly|almost|approximately|just"
                       r"|over|under|more\s+than|less\s+than|up\s+to|at\s+least)\s+)?$")
_INTO_METRIC = re.compile(r"\s+(?:out\s+of|off|from|to|on)\s+(?:(?:the|its|their|annual|underlying|adjusted|full-year)\s+)*",
                          re.IGNORECASE)
# A conversion in parentheses right after an amount does not separate it from its noun:
# "a €2.42 billion (about $2.7 billion) fine".
# "a share", "per share", "each": the unit of a figure, not what it measures; a per-share figure is a dividend
# when the sentence speaks of one ("to 4.5 euro cents a share from 9 cents", "CHF 3.05 per share from CHF 3.00")
# "$4.58 a diluted share", "€5.60 per preferred share", "€1.85 per ordinary share", "$0.52 per ADS"
_PER_UNIT = re.compile(r"(?:a|per)\s+(?:(?:diluted|basic|ordinary|preferred|preference|common|class\s+[AB]|[AB])\s+)?share"
                       r"|per\s+(?:ADS|ADR|GDR|American\s+depositary\s+(?:share|receipt))|each"
                       # what a property trust pays its holders: "9.0 cents a security", "per stapled security"
                       r"|(?:a|per)\s+(?:stapled\s+)?security", re.IGNORECASE)
# "Holders of preferred shares received €6.36 per share": what a shareholder receives per share is a dividend
_RECEIVED = re.compile(r"\b(?:received|receive|receives|receiving|paid\s+out|pays\s+out|will\s+get|got)\s+"
                       r"(?:(?:a|an|the|about|around|some)\s+)*$", re.IGNORECASE)
# "buy back HK$80bn of its shares": the shares are what the money buys, not its measure
_OBJECT_SHARES = re.compile(r"\bof\s+(?:its|the|their|our|own|his|her)?\s*(?:own\s+)?$", re.IGNORECASE)
# "covers about 2.87 billion shares, …, for a total of RM6.74 billion": shares counted in another clause are no
# unit of the figure ("buying back 26.6 million shares at $18.80 each" is a price a share)
_COUNTED = re.compile(r"(?<![\w$€£¥₹₩.,])\d[\d.,]*(?:\s+(?:million|billion|trillion)|\s?(?:m|bn|mn))?\s+$",
                      re.IGNORECASE)
# "bought back 16,742,235 shares for €250 million": what a buyback bought, not the figure's unit ("bought Northvolt
# shares for 1.9 billion kronor" is no buyback)
_FOR_THE_SHARES = re.compile(r"\s+for\s+(?:(?:about|around|roughly|some|nearly|almost|just|more\s+than|a\s+total\s+of)\s+)*",
                             re.IGNORECASE)
# "That works out at a gross ₺6.88 a share": the sentence before, per share
_WORKS_OUT = re.compile(r"\s*(?:That|This|It)\s+(?:works\s+out|comes\s+out|amounts|equates|translates)\s+(?:at|to)\b")
_DIVIDEND_WORD = re.compile(r"\b(?:dividends?|payouts?|distributions?)\b", re.IGNORECASE)
# "The second quarter accounted for AED 1.8 billion of the profit": the part is that period's profit
_PART_OF_YEAR = re.compile(r"\b(?:quarter|half|month|Q[1-4]|H[12])\b", re.IGNORECASE)
# "turned €661 million of its profit into free cash flow", "the remaining HUF 63.2 billion of the parent company's
# profit after tax stays in the business": a part of a profit the copy names with "the", "its" or an owner, not
# the profit ("made €5 billion of profit" is one)
_PART_OF_PROFIT = re.compile(r"\s+of\s+(?:the|its|their|this|that|last\s+year['’]s|[A-Z][\w&.-]*['’]s)\s+"
                             r"(?:(?!of\b)[\w-]+['’]?s?\s+){0,3}?(?:net\s+)?(?:profits?|earnings|net\s+income)\b(?!-)",
                             re.IGNORECASE)
# "Engie paid EUR 1.48 a share for 2024", "Richter paid HUF 423 per share from its 2023 profit", "the group handed
# back 4.30 pesos a share", "The board proposes NOK 22 a share for 2024": what a company pays out (or its board
# proposes or approves) a share is a dividend, when the copy is on its dividend or says which year's earnings pay
# it (not "investors paid $12 a share in the offering", a price)
_PAID_OUT = re.compile(r"\b(?:paid|pays?|paying|handed\s+back|hands\s+back|returned|returns|distributed|distributes"
                       r"|propos(?:es|ed|ing)|recommend(?:s|ed|ing)|declar(?:es|ed|ing)|approv(?:es|ed|ing))\s+"
                       r"(?:out\s+)?(?:(?:a|an|the|about|around|some|roughly|nearly|almost|record|total\s+of|gross|net"
                       r"|familiar|usual|same|regular|unchanged"
                       r"|shareholders|investors|holders|its\s+shareholders)\s+)*$", re.IGNORECASE)
_AFTER_TAX = re.compile(r"after\s+tax", re.IGNORECASE)
# a total paid out: "intends to pay at least $100 million", "will distribute about €2 billion"
_PAYS_TOTAL = re.compile(r"\b(?:to|will|would|shall)\s+(?:pay|distribute|return)\s+(?:out\s+)?(?:(?:at\s+least|about|around"
                         r"|some|roughly|a\s+total\s+of|up\s+to|a\s+minimum\s+of)\s+)?$", re.IGNORECASE)
# what a payout, a buyback or a deal named before it costs is its amount: "the payout would cost about €103 million", "the
# distribution will cost the company roughly Rs4.7 billion"
_COSTS = re.compile(r"\b(?:(?:would|will|should|could|to|is\s+set\s+to|is\s+expected\s+to)\s+)?cost(?:s|ing)?\s+"
                    r"(?:(?:the\s+(?:company|group|bank|firm|lender|insurer|miner|airline)|it|them|shareholders)\s+)?"
                    r"(?:(?:about|around|roughly|some|nearly|almost|an\s+estimated|a\s+total\s+of)\s+)?$", re.IGNORECASE)
_COSTED_KINDS = ("dividend", "buyback", "deal")
# a part of a dividend or the year's total: "in two payments of SEK 2.95", "an interim of €0.215", "an interim payment
# of 285c", "the balance of €0.255 a share", "takes the total for the year to ฿0.62 a share"
_INSTALMENT = re.compile(r"\b(?:instal(?:l)?ments?|payments?|interim|final|balance|total\s+for\s+the\s+year)[ \t]{1,3}"
                         r"(?:(?:dividend|payout|payment|distribution)[ \t]{1,3})?(?:of|to|at)[ \t]{1,3}(?:(?:a|an|the|about|around|some)[ \t]{1,3})?$",
                         re.IGNORECASE)
# what the company paid, said after the figure: "the P9 a share it paid last year", "the NOK 6 per share paid for 2023"
_PAID_AFTER = re.compile(r"(?:[ \t]{1,3}(?:a|per)[ \t]{1,3}(?:share|security))?,?[ \t]{1,3}(?:(?:it|the[ \t]{1,3}(?:company|group|"
                         r"bank|board))[ \t]{1,3})?(?:had[ \t]{1,3}|has[ \t]{1,3})?(?:already[ \t]{1,3})?(?:paid|declared|distributed)\b",
                         re.IGNORECASE)
_FOR_EARNINGS_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s+(?:a|per)\s+(?:ordinary\s+|common\s+)?share,?\s+(?:for|from|out\s+of)\s+"
    r"(?:(?:its|the|their|last|that)\s+)?(?:(?:19|20)\d\d\b|(?:fiscal|financial|full)[\s-]+year\b|fiscal\s+\d{2,4}\b"
    r"|(?:first|second|third|fourth)[\s-]+(?:quarter|half)\b|(?:year|half)\b|(?:\d{4}\s+)?(?:profits?|earnings)\b(?!-))",
    re.IGNORECASE)
# "Tandil Partners moved to neutral": a verb of a rating, not of a volume ("moved $2 trillion of payments")
_MOVED_TO_RATING = re.compile(rf"\s+(?:(?:the\s+)?(?:stock|shares|it)\s+)?to\s+(?:an?\s+)?[\"“‘']?{RATINGS}\b", re.IGNORECASE)
# orders placed by investors for an offering's shares or bonds: demand for the securities, not the company's sales
# ("Investors placed orders worth US$23.4 billion", "By the close of subscriptions, orders had passed AED 135 billion")
_DEMAND_FOR_SECURITIES = re.compile(r"\b(?:investors?|subscriptions?|subscribed|oversubscribed|IPO|bonds?"
                                    r"|notes|tranches?|placement|cornerstone|bookrunners?|book\s+building)\b",
                                    re.IGNORECASE)
# An analyst's rating, no deal: "kept a buy rating", "(buy, target ₹1,320)", "Vika Securities: buy, target raised"
_RATING = re.compile(r"(?:buy|sell)(?:\s+(?:rating|recommendation|call)s?\b|\s*[,;/]\s*(?:price\s+)?(?:target|TP|PT)\b|\s*\))",
                     re.IGNORECASE)
_RATED_BEFORE = re.compile(r"\b(?:rate[sd]?(?:\s+(?:it|them|the\s+(?:stock|shares)|(?:[A-Z][\w&'’.-]*\s+){1,3}))?"
                           r"|upgraded\s+(?:it\s+)?to|downgraded\s+(?:it\s+)?to"
                           r"|(?:kept|keeps|reiterated|reiterates|maintained|maintains)\s+(?:its\s+|a\s+)?)\s*$",
                           re.IGNORECASE)
# "the group sold almost R253bn of groceries and other goods": what a retailer sold is its sales, not a deal
_SOLD = re.compile(r"sold|sells|sell|selling", re.IGNORECASE)
_OF_GOODS = re.compile(r"\s+(?:worth\s+)?of\s+(?:(?:its|their|the)\s+)?(?:[\w-]+\s+){0,2}?(?:goods|groceries|products"
                       r"|merchandise|food|clothing|apparel|fashion|furniture|electronics|beer|drinks|beverages|cigarettes"
                       r"|medicines|drugs)\b", re.IGNORECASE)
# "a dividend of Rp83,80 per share out of 2024 profit, about Rp2,70 triliun in total": what a payout comes out of is no
# measure of the figures around it
_OUT_OF = re.compile(r"\bout\s+of\s+(?:(?:its|the|their|last\s+year['’]s|this\s+year['’]s)\s+)?(?:(?:19|20)\d\d(?:/\d\d)?\s+)?$",
                     re.IGNORECASE)
# ("… the 2024 profit of Rp 4.91 trillion": the cue governs the figure after it)
_GOVERNS_THE_FIGURE = re.compile(r"\s+(?:of|at|was|were)\s+(?:(?:about|around|some|nearly|almost)\s+)?")
# "sold $600 million of 6.375% senior notes due 2032", "has sold $1 billion (AED 3.67 billion) of perpetual … capital
# securities": a bond sold, debt
_OF_DEBT = re.compile(r"(?:\s*\([^()]{0,40}\))?\s+of\s+(?:[\w.%-]+\s+){0,5}?(?:bonds?|notes|debentures|sukuk|securities"
                      r"|debt|commercial\s+paper)\b", re.IGNORECASE)
# "the French investment firm Ardian", "investment bankers": a kind of firm or trade, no investment made
_KIND_OF_FIRM = re.compile(r"\s+(?:firms?|compan(?:y|ies)|groups?|banks?|bankers?|banking|managers?|houses?|arms?|vehicles?"
                           r"|advisers?|advisors?|trusts?|grade)\b", re.IGNORECASE)
_CONVERSION_AFTER = re.compile(r"\s*\([^()]{1,80}\)")
# "The fourth quarter contributed 2,515 million pesos": a part of a period, as the subject of "contributed", adds
# its share to the measure the sentence before gave (`assemble`), no money put into anything
PERIOD_CONTRIBUTES = re.compile(
    r"\s*+(?:(?:the|its|their)\s++)?(?:(?:first|second|third|fourth|final|last|latest|[a-z]++-[a-z]++|\w++[ \t]++\d++)"
    r"\s++)?(?:quarter|half|three\s++months|six\s++months|nine\s++months|period|q[1-4]|h[12])(?:\s++(?:alone|itself|by\s++itself))?"
    r"\s++(?:contribut(?:ed|es)|accounted\s++for|added|brought\s++in|made\s++up)\b", re.IGNORECASE)
# an abbreviation the lexicon does not know, as the noun of the figure: "aEBIT of $179 million", "NOPAT of"
_OWN_NOUN_OF = re.compile(r"\b[a-z]?[A-Z]{2,}[\w-]*\s+of\s+(?:(?:about|around|roughly|nearly|some|just|almost|over"
                          r"|under|more\s+than|less\s+than|up\s+to)\s+)?$")
# "lost ₩452.4 billion at the operating level", "earned A$1.1 million before interest and tax": an operating figure
_OPERATING_LEVEL = re.compile(r"(?:\s*\([^()]{1,80}\))?,?\s+(?:at\s+the\s+operating\s+(?:level|line)|in\s+operating\s+terms"
                              r"|before\s+interest\s+and\s+tax(?:es|ation)?)\b", re.IGNORECASE)
# what a profit may be taken before, besides tax: "Profit before exceptional items and tax", "before income and windfall taxes"
_TAXED_AFTER = r"(?:(?:income|corporate|windfall|minimum|deferred|(?:exceptional|one-off|one-time|special)\s+items),?\s+(?:and\s+)?){0,3}"
_BEFORE_TAX = re.compile(rf"\s+before\s+{_TAXED_AFTER}tax(?:es|ation)?(?![\w-])", re.IGNORECASE)
_CONTINUING = re.compile(r"(?:\s+(?:after|before)\s+tax(?:es|ation)?)?\s+(?:from|on)\s+continuing\s+operations\b",
                         re.IGNORECASE)
_TAX_AFTER = re.compile(r"(?:\s*\([^()]{1,80}\))?\s+(?:before|after)\s+tax(?![\w-])", re.IGNORECASE)
# What may stand between an amount and a noun cue after it: "€5m in revenue", "$3bn of new debt", "€95m round".
_AFTER_GAP = re.compile(
    r"\s*(?:(?:in|of|worth\s+of|for)\s+)?(?:(?:new|fresh|additional|annual|annualised|annualized|quarterly|yearly"
    r"|total|net|gross|adjusted|underlying|its|their|the|a|an|first|second|third|fourth|full-year|first-half"
    r"|second-half|half-year|equity|venture|growth|late-stage|early-stage|cash|share|stock|record|combined"
    r"|ordinary|extraordinary|special|interim|final)\s+)*",
    re.IGNORECASE)
# What may stand between a cue and the amount it governs: "valuation of", "revenue rose 18% to", "raised a further",
# "values it at", "acquired Zeta for". No nouns of its own, so the cue is the amount's head.
_BEFORE_GAP = re.compile(
    r"(?:\s*(?:of|at|to|was|were|is|are|be|been|being|will|would|could|stood|stands|came|comes|in|totall?ed"
    r"|totall?ing|reached|reaching|hit|amounted|amounting|rose|rising|fell|falling|grew|growing|jumped|climbed"
    r"|increased|decreased|dropped|declined|slipped|surged|soared|edged|up|down|by|about|around|nearly|roughly"
    r"|rise|fall|grow|increase|decrease|decline|drop|jump|climb|reach|total|come|stand|remain|remained"
    # a headline's present tense ("2024 profit jumps 145% to N274.9bn as flour sales soar"), and other verbs of change
    r"|rises|falls|grows|jumps|climbs|surges|soars|slips|slides|slid|drops|declines|increases|decreases|edges|reaches"
    r"|hits|totals|stands|remains|tops|topped|tumbled|tumbles|plunged|plunges|sank|sinks|eased|eases|dipped|dips"
    r"|some|approximately|more|less|than|over|under|almost|just|an?|the|it|its|them|their|itself|from|worth"
    r"|valued|estimated|further|another|additional|new|fresh|between|record|total|for|with|had|has|have"
    r"|of\s+up\s+to|up\s+to|[\d.,]+\s?(?:%|percent|per\s+cent)|(?:19|20)\d{2}|fiscal|financial|year|quarter|half"
    r"|full-year|(?-i:[A-Z][\w&'’.-]*))(?![\w-]))*\s*",
    re.IGNORECASE)
# "raised the dividend to", "cut by": a verb of change, not a metric ("raised $5m" is funding).
_CHANGE_VERB = re.compile(r"(?<=raised|raises)\s+(?:to|by)\b|(?<=raise)\s+(?:to|by)\b"
                          # "raised its target for capital recycling to S$9 billion": a goal moved, no money raised
                          r"|(?<=raised|raises)\s+(?:its|the|their|our)\s+(?:[\w-]+\s+){0,2}?(?:target|forecast|guidance|outlook"
                          r"|estimate|goal|ambition|dividend|payout|stake|offer|bid|price)s?\b", re.IGNORECASE)
_MEASURES = frozenset({"valuation", "pre_money_valuation", "market_cap"})  # "valued at X" names X's measure
_WORD = re.compile(r"[\w&'’.-]+,?")
# Words in front of a metric that leave it the whole measure ("net revenue", "total sales", "its revenue").
_NEUTRAL = frozenset(
    "net total group overall combined consolidated standalone stand-alone reported gross annual yearly quarterly record full-year full year "
    "half-year its their the a an his her our this that these those which whose of in for and to with at by on from "
    "while as than also its' company's firm's group's bank's new higher lower strong weak rising falling "
    "monthly weekly daily said says has had have was were is are be been up down".split())
# Verbs, adverbs and size words in front of a metric say nothing of which part of it: "expects revenue",
# "now sees product revenue", "its biggest deal".
_NOT_SEGMENT = frozenset(
    "expects expect sees see saw forecasts forecast projects predicts estimates anticipates guides guided posted posts "
    "reported reports grew grow rose rise "
    "fell fall made make gave give took take won win lost lose paid pay sold sell bought buy brought bring kept keep "
    "held hold set put cut hit beat met spent spend turned turn signed sign generated generate declared declare "
    "listed list when where into though yet still now just only even also best biggest largest large larger small "
    "plans plan planned aims targets wants intends proposes proposed approved budgets budgeted "
    "smaller further more less most least another other such same first second third last next early late "
    "available expected estimated analysts investors under over about around british american european report "
    "post book record show deliver achieve after before since until because while if though although whether "
    "once unless but whereas nor or so "
    # change words: "designed to more than double EBITDA", "aims to triple sales" (no "double" EBITDA)
    "double doubles doubling triple triples tripling quadruple halve halves halving lift lifts lifting boost "
    "boosts boosting raise raises raising grow grows growing increase increases increasing".split())
_VERB_OR_ADVERB = re.compile(r"^[^-]*(?:ed|ly|est)$|^-+$")  # not a compound: "transaction-based revenue"
# verbs in -ing that state a figure ("projecting operating profit of …"), where other -ing words name a part of it
# ("advertising revenue", "banking income")
_STATING = frozenset("projecting expecting forecasting reporting posting targeting guiding predicting estimating "
                     "recording generating delivering "
                     # … and verbs in -s that put a figure at a value ("The annual report puts net profit at …")
                     "puts sees pegs foresees envisages envisions".split())
#: What `decide_metric` returns for a figure a share of a period's earnings: no metric and no kind of its own (it
#: measures no company's total, nor is it compared as one), but timed as a flow, by the period of the results
EARNINGS_PER_SHARE = "@earnings-per-share"
# Cues of what a period earned: a figure a share of one covers the same period
_EARNINGS_CUES = frozenset({"profit", "loss", "operating_income", "ebitda", UNTRACKED_FLOW})
# "net income of C$5.1 billion, or C$2.34 a share": the same figure restated
_RESTATED_BEFORE = re.compile(r",\s{0,3}or\s{1,3}(?:about\s{1,3}|roughly\s{1,3}|around\s{1,3})?$")
_EVENT_METRICS = frozenset({"funding", "investment", "deal", "fine", "dividend", "buyback"})
_BASIS_WORDS = frozenset("adjusted underlying core organic pro-forma like-for-like comparable non-gaap non-ifrs "
                         "pre-tax pretax".split())  # "pre-tax profit" is not the net profit
#: The basis words that say a measure leaves one-off items out already ("core net profit", "underlying profit")
_ADJUSTED_BASIS = _BASIS_WORDS - {"pre-tax", "pretax"}
#: The reported measure, as a basis says it ("on an unadjusted basis", "statutory profit"): no other measure (not
#: "headline": South Africa's headline earnings leave remeasurements out, another measure).
# a sentence that opens with the basis of all it says: "On a comparable basis, …", "On a like-for-like basis, …"
_OPENS_ON_A_BASIS = re.compile(r"\s*+(?:On|At)\s+(?:a|an)\s+([\w-]+)\s+basis\b", re.IGNORECASE)
_REPORTED_BASIS = frozenset("unadjusted reported statutory ifrs gaap".split())
_PERIOD_WORD = re.compile(r"quarter|year|half|month|week|annual|fiscal|financial")
_ING_NOUNS = frozenset("funding financing fundraising listing offering spending borrowing borrowings earnings "
                       "holdings bookings savings takings operating trading underwriting".split())
_VERB_CUE = re.compile(r"(?:ed|ing|raises?|values?|invests?|seeks?|buys?|pour|pays?|acquires?|settles?|sold|lost|lend|lends|lent"
                       r"|spend|spends|spent)$", re.IGNORECASE)
# "for US$610 million in cash", "in stock": how a price is paid, not a balance of cash
_PAID_IN = re.compile(r"\sin\s+$", re.IGNORECASE)  # one space before "in" is enough to know (and linear)
_PAYMENT_FORMS = frozenset({"cash", "stock", "shares", "cash and stock", "cash and shares"})
_FORM_ENDS = re.compile(r"\s*(?:[,.;:)]|$|\s+(?:and|or|plus|from|to|with)\b)")  # "in cash," not "in cash collateral"
# "paying $1.3 billion for MosaicML": a price paid for something is a deal
_PAID_FOR_BEFORE = re.compile(r"\b(?:pay|pays|paid|paying)\s+(?:(?:a|an|the|about|around|nearly|some|more\s+than)\s+)*$",
                              re.IGNORECASE)
_FOR_EACH_SHARE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,[^,;.()]{1,40},\s*)?for\s+(?:each|every|one|a|per)\s+"
                             r"(?:\w+\s+){0,2}?(?:share|ADS|ADR)",
                             re.IGNORECASE)
# a sentence that tells a purchase: "It paid $700 million at closing" after it is that purchase's price
_BOUGHT = re.compile(r"\b(?:purchase|acquisition|takeover|buyout|bought|acquired)\s+(?:of\s+)?", re.IGNORECASE)
# "pay IDR 7 trillion (about US$530 million), before value-added tax, for the brands": a bracket, an aside, then "for"
_FOR_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,[^,;.()]{1,40},\s*)?for\s"
                        # (not a period paid for: "plans to pay 16.2 fils for the whole of 2025", "for 2024", "for the year")
                        r"(?!(?:the\s+)?(?:whole\s+of\s+(?:the\s+)?|full\s+)?(?:(?:19|20)\d\d(?![\w%-])|FY\s?\d"
                        r"|(?:fiscal|financial)\s+(?:year|(?:19|20)\d\d)|year\b(?!-)"
                        r"|(?:first|second|third|fourth|final)\s+(?:quarter|half)\b))", re.IGNORECASE)
# "a proposal which valued the rival at £38.6bn", "a deal that could value Iveco at €3.8bn": the price of a
# takeover, not a valuation of a company raising money
_TAKEOVER = frozenset({"acquisition", "acquire", "acquired", "acquires", "acquiring", "takeover", "buyout", "merger",
                       "purchase", "purchased", "buy", "bought", "buying", "agreed to buy", "takeover bid", "bid",
                       "offer", "proposal", "agreed to acquire", "sale of"})


_PER_SHARE_NEXT = re.compile(r"\s*(?:a|per|each)\s+(?:\w+\s+)?share\b", re.IGNORECASE)  # "Rs 16 a share", "€1.85 per ordinary share"


# what a sale is called as the subject of "brought in": its proceeds are the deal's price, not revenue
_DISPOSAL = re.compile(r"\b(?:exit|sale|disposal|divestment|divestiture|sell-?down|block\s+trade|deal|transaction)(?![\w-])(?:(?!['’]s\b)[^.;:])*$", re.IGNORECASE)


def decide_metric(a: Amount, earlier: list[Attribution], base: Attribution | None = None) -> tuple[str | None, str | None]:
    """The metric of an amount and its segment; `earlier` are the attributions of the amounts before it in
    the sentence (conversions left out), `base` the one it is compared with ("up from €4bn": the same measure,
    unless a cue of its own governs it: "compared with a £116 million loss")."""
    metric, segment, governed = _decide(a, earlier)
    if metric in ("profit", "loss") and _OPERATING_LEVEL.match(a.text, a.m.end):
        return "operating_income", segment  # "lost ₩452.4 billion at the operating level": an operating loss
    if base is not None and (base.metric or base.metric_kind in ("flow", "level")) and not governed:
        return base.metric, base.segment
    if base is not None and base.metric == "dividend" and metric in (None, EARNINGS_PER_SHARE) and governed \
            and _PER_SHARE_NEXT.match(a.text, a.m.end):
        # "a final dividend of Rs 20 a share, against Rs 16 a share for FY24": a figure a share compared with a
        # dividend is the dividend of the other period (its "a share" is the unit, no measure of its own)
        return "dividend", base.segment
    if metric == "valuation" and (_is_takeover(a.text, a.sentence.metrics) or _prices_the_takeover_before(a)
                                  or _DEAL_VALUED.search(a.text, max(a.sentence.span[0], a.m.start - 90), a.m.start)):
        return "deal", None
    if metric == "valuation" and _LISTED.search(a.text, *a.sentence.span) and not _PRIVATE.search(a.text, *a.sentence.span):
        return "market_cap", segment  # "At around €1,700 a share, Adyen is valued at roughly €53 billion"
    if metric == "funding" and (_RAISED_IN_DEBT_AFTER.match(a.text, a.m.end) or _FUNDING_FROM_BANKS.match(a.text, a.m.end)
                                or _DEBT_RAISED_BEFORE.search(a.text, max(a.clause[0], a.m.start - 90), a.m.start)):
        # "raised US$3 billion from senior notes", "two issues of sustainability bonds raised a combined P119 billion",
        # "R7 billion of new funding with its banks": money borrowed, not a round of equity
        return "debt", None
    return metric, segment


def _decide(a: Amount, earlier: list[Attribution]) -> tuple[str | None, str | None, bool]:
    """(metric, segment, whether a cue governs the amount by syntax)."""
    text, ctx, m = a.text, a.sentence, a.m
    if _PART_OF_PROFIT.match(text, m.end) and not _PART_OF_YEAR.search(text, ctx.span[0], m.start) \
            and not any(c.kind in ("dividend", "buyback") and a.in_clause(c.start, c.end) for c in ctx.metrics):
        return UNTRACKED_FLOW, None, True  # "the remaining HUF 63.2 billion of the parent company's profit": a
        # part of it, no metric, but the profit's period
    asides = [y for y in ctx.asides if text[y.start] != "(" and not y.start <= m.start < y.end]
    if asides and not any(c.end <= m.start and not any(y.start <= c.start < y.end for y in asides) for c in ctx.metrics):
        asides = []  # "The core Supermarkets RSA segment, which makes up about 84% of group sales, grew to X": no other
    cues = [c for c in ctx.metrics if not a.blocked(c.start, c.end) and not _CHANGE_VERB.match(text, c.end)
            and not any(x.start <= c.start and c.end <= x.end and not x.start <= m.start < x.end
                        for x in (*ctx.appositions, *asides))
            # ("Underlying net profit, which … the group's core dividend, rose to X": the subject's measure, not the
            # aside's; not "… (EBITDA) fell to X")
            and not (c.kind == NO_METRIC and _OBJECT_SHARES.search(text, max(0, c.start - 16), c.start))
            and not (c.kind == "investment" and (_KIND_OF_FIRM.match(text, c.end)
                                                 or PERIOD_CONTRIBUTES.fullmatch(text, ctx.span[0], c.end)))
            and not (c.kind == "deal" and _a_rating(text, c))
            and not _MOVED_TO_RATING.match(text, c.end)  # "moved to neutral with a target of $105": no volume moved
            and not (c.kind == "bookings" and text[c.start:c.end].lower() == "orders"
                     and _DEMAND_FOR_SECURITIES.search(text, *ctx.span))  # investors' orders for shares or bonds
            and not any(e.start <= c.start and c.end <= e.end for e in ctx.entities if e.kind == "organisation")
            and not _shares_bought(a, c)
            # "Revenue from contracts with customers declined 36 percent to …": what the revenue came from, no deal
            and not _SOURCE_OF_REVENUE.search(text, max(ctx.span[0], c.start - 40), c.start)
            # "Service revenues, net of interconnection costs, were P97.1 billion": what is taken off the measure
            and not _NET_OF.search(text, max(ctx.span[0], c.start - 40), c.start)
            # "Interest paid on deposits and borrowings: Tk4,212 crore", "Interest income from loans": what the measure
            # is paid or earned on, no measure of its own
            and not _EARNED_ON.search(text, max(ctx.span[0], c.start - 40), c.start)
            # "Group profit before tax rose to …": "before tax" qualifies the profit, it is no tax bill
            and not (c.kind == NO_METRIC and _TAX_QUALIFIED.fullmatch(text, max(ctx.span[0], c.start - 50), c.end))]
    # "After tax, GTCO kept ₦1.017 trillion": the measure; after another cue it only qualifies that one ("lost
    # 11.2 billion rand after tax", "Operating cash flow after tax rose to …")
    cues = [c for c in cues if not (_AFTER_TAX.fullmatch(text, c.start, c.end) and any(
        o is not c and o.end <= c.start and a.in_clause(o.start, o.end) for o in cues))]
    listing = _LISTING_LEAD_IN.match(text, ctx.span[0])
    if listing is not None and listing.end() <= m.start:
        # "**Capital returns and cash.** Over the year Clicks returned …": a lead-in that lists its paragraph's topics
        # says which figure is which no more than a headline does (not "**Dividend.** The board proposes …")
        cues = [c for c in cues if c.start >= listing.end()]
    lead_in = _COUNTING_LEAD_IN.match(text, ctx.span[0])
    if lead_in is not None and lead_in.end() <= m.start:
        # (but "Including the ₹4 interim payout …, the total for 2024-25 comes to ₹10 per share": an interim is in
        # the year's total dividend; not "Counting share repurchases, the total returned comes to …": no buyback)
        total = _TOTAL.search(text, lead_in.end(), m.start) is not None
        cues = [c for c in cues if c.start >= lead_in.end() or (total and c.kind == "dividend")]
    within = _COUNTING_WITHIN.search(text, ctx.span[0], m.start) if lead_in is None else None
    counted_in = within is not None and any(within.start() <= c.start < within.end() for c in cues)
    if within is not None and counted_in:
        # "…; with the buybacks, the money returned to shareholders in the year came to R1.8bn": a measure the total
        # counts in, after a semicolon or a colon, is no measure of it, nor is the measure before it (the dividend);
        # not "; including the mainland, the total was about HK$46.6 billion": the contracted sales before it
        cues = [c for c in cues if not within.start() <= c.start < within.end()]
    per_unit = [c for c in cues if c.kind == NO_METRIC and _PER_UNIT.fullmatch(text, c.start, c.end)]
    costed = [c for c in cues if c.kind in _COSTED_KINDS and c.end <= m.start and a.in_clause(c.start, c.end)]
    if costed and _COSTS.search(text, max(ctx.span[0], m.start - 60), m.start):
        named = costed[-1]  # "the payout would cost about €103 million": the payout's amount, not a cost
        return named.kind, segment(a, named), True
    paid = [c for c in cues if c.kind == "dividend" and (c.end <= m.start or a.in_clause(c.start, c.end))]
    if not per_unit and paid and _PAYS_TOTAL.search(text, max(ctx.span[0], m.start - 40), m.start):
        # "Its prospectus promised generous payouts: the company intends to pay at least $100 million in April": the
        # total the payout word before it is about ("pay" is no salary here)
        kind = nearest(paid, m)
        return "dividend", (segment(a, kind) if kind is not None else None), True
    if per_unit and (paid or _RECEIVED.search(text, max(ctx.span[0], m.start - 30), m.start) or _paid_out(a)) \
            and any(_governs(text, c, m) and not _unit_of_another(a, c) for c in per_unit):
        kind = nearest(paid, m)
        return "dividend", (segment(a, kind) if kind is not None else None), True
    if per_unit and earlier and earlier[-1].metric == "dividend" and _next_in_list(a, per_unit):
        return "dividend", earlier[-1].segment, True  # "a dividend of 1,000 won per common share and 1,050 won per …"
    if per_unit and _WORKS_OUT.match(text, ctx.span[0]) and ctx.previous is not None \
            and _DIVIDEND_WORD.search(text, *ctx.previous) and any(0 <= c.start - m.end <= 2 for c in per_unit):
        return "dividend", None, True  # "… a dividend of ₺9.5 billion. That works out at a gross ₺6.88 a share"
    if a.share_of is not None:
        # "R2,4bn, or 269c, in the 2024 financial year": the total before it, per share, with no "a share" written
        return (EARNINGS_PER_SHARE if _earnings_per_share(a, cues, earlier) else None), None, True
    if any(0 <= c.start - m.end <= 2 and not _unit_of_another(a, c) for c in per_unit):
        # "earnings of around €9 a share": a figure per share is no company's total, but a share of earnings
        # covers the period they do
        return (EARNINGS_PER_SHARE if _earnings_per_share(a, cues, earlier) else None), None, True
    cues = [c for c in cues if not (c in per_unit and _unit_of_another(a, c))
            and not (_OUT_OF.search(text, max(ctx.span[0], c.start - 30), c.start)
                     and not _GOVERNS_THE_FIGURE.fullmatch(text, c.end, m.start))
            and not (c.start >= m.end and text[c.start:c.end].lower() in _PAYMENT_FORMS
                     and _PAID_IN.search(text, max(m.end, c.start - 40), c.start) and _FORM_ENDS.match(text, c.end))]
    attached = [c for c in cues if (a.in_clause(min(c.start, m.start), max(c.end, m.end)) or _past_conversion(text, c, m))
                and _governs(text, c, m)]
    head = min(attached, key=lambda c: (_attachment_rank(text, c, m), distance(c, m)), default=None)
    if head is not None and head.kind == "valuation":  # "values Paylane at €800m before the new money"
        head = next((c for c in attached if c.kind == "pre_money_valuation"), head)
    if (head is None or head.kind == NO_METRIC and text[head.start:head.end].lower() == "pay") \
            and _PAID_FOR_BEFORE.search(text, max(ctx.span[0], m.start - 30), m.start) and _FOR_AFTER.match(text, m.end) \
            and not _FOR_EACH_SHARE.match(text, m.end):  # "will pay 180p for each share": a price a share
        return "deal", None, True  # "agreed to pay US$1.374 billion for 51% of …" (the verb, not a salary's "pay")
    if head is None and ctx.previous is not None \
            and _PAID_FOR_BEFORE.search(text, max(ctx.span[0], m.start - 30), m.start) \
            and _BOUGHT.search(text, *ctx.previous) and not _FOR_EACH_SHARE.match(text, m.end):
        return "deal", None, True  # "The company completed its purchase of Touchland in July. It paid $700 million at
        # closing": the price of the purchase the sentence before told
    if head is not None and head.kind == TAKINGS:  # "brought in €95m at a valuation of …" is a round
        if any(c.kind in _DEAL_CUES for c in ctx.metrics):
            return "funding", None, True
        if _DISPOSAL.search(text, max(ctx.span[0], head.start - 60), head.start):
            return "deal", None, True  # "The Vale exit, completed in a B3 auction, brought in R$9.5 billion": a sale's price
        return "revenue", _part_opening(a, head), True  # "Morocco brought in MAD 19.1 billion": the part's
    taxed = _TAX_AFTER.match(text, m.end)
    if head is None and taxed:  # "made AED 11.4 billion ($3.9 billion) before tax": a pre-tax profit
        return "profit", ("pre-tax" if taxed.group(0).split()[-2].lower() == "before" else None), True
    governed = head is not None
    if head is None and COMPARED_BEFORE.search(text, max(ctx.span[0], m.start - 40), m.start):
        # "far below the $45.6bn … but well above the $6.7bn": compared with what the sentence is about
        head = next((c for c in cues if c.end <= m.start and metric_of(c)), None)
    if head is None:  # the nearest cue of its clause, better not one after it that heads the next figure
        # ("adjusted net profit had thinned to RMB 1.94 billion on revenue of RMB 91.84 billion")
        clause = [c for c in cues if a.in_clause(c.start, c.end)]
        free = [c for c in clause if not (
            c.start >= m.end and any(o.start >= c.end and _governs(text, c, o) for o in a.others))]
        head = nearest(free, m) or (
            None if not free and _OWN_NOUN.search(text, max(ctx.span[0], m.start - 40), m.start)
            and _LIST_JOIN.match(text, m.end) else nearest(clause, m))  # "spent $50.4 billion on capital projects and expects capital expenditure of …"
        if head is not None and head.start >= m.end and _IMPACT.search(text, a.clause[0], m.start) \
                and _INTO_METRIC.match(text, m.end, head.start):
            return None, None, False  # "a hit of CHF 1 billion to operating profit" is not the profit
    if head is not None:
        if head.kind == "deal" and _SOLD.fullmatch(text, head.start, head.end):
            if _OF_GOODS.match(text, m.end):
                return "revenue", None, governed  # "sold almost R253bn of groceries": sales, no deal
            if _OF_DEBT.match(text, m.end):
                return "debt", None, governed  # "sold $600 million of 6.375% senior notes": a bond, no deal
        return metric_of(head), segment(a, head), governed
    prior = max((o.end for o in a.others if o.end <= m.start), default=None)
    if prior is not None:
        since = [c for c in cues if prior <= c.start and c.end <= m.start]
        near = nearest(since, m)  # "… to ₹5,189 crore, because total expenses, which rose 17.4% to ₹88,121.4
        if near is not None:  # crore": the noun named after the figure before it is this one's, not its metric
            return metric_of(near), segment(a, near), False
    gloss = _gloss(a, m)
    if gloss is not None:  # "Net majority income, the profit attributable to shareholders, fell 19% to …"
        return metric_of(gloss), None, False
    topic = ctx.topic_before
    if topic is not None and not any(c.end <= m.start for c in cues) and metric_of(topic):
        return metric_of(topic), None, False  # "Revenue is the weak spot. It grew just 1.9% to ₹52,988 crore"
    stated = [x for x in earlier if x.metric]
    if stated and not counted_in and not _OWN_NOUN_OF.search(text, max(ctx.span[0], m.start - 40), m.start):
        # ("… revenue of $6.2 billion and aEBIT of $179 million": an abbreviation of its own, even one the
        # lexicon does not know, is not the figure before it)
        return stated[-1].metric, stated[-1].segment, False
    before = [c for c in cues if c.end <= m.start]
    near = nearest(before, m)  # a later clause's cue is its own amount's
    if near is not None and (noun := next((c for c in reversed(before) if c.end <= near.start), None)) is not None \
            and not text[noun.end:near.start].strip() and metric_of(noun) \
            and _PAST_VERB.fullmatch(text, near.start, near.end) and not _PARTICIPLE_AFTER.match(text, near.end):
        near = noun  # "Net profit moved the other way, rising 36% to ¥45.1bn": the measure, not the verb after it
    return (metric_of(near), segment(a, near), False) if near is not None else (None, None, False)


def _paid_out(a: Amount) -> bool:
    """A figure a share that a company paid out (`_PAID_OUT`), in copy on its dividend: a dividend word in this
    sentence or the one before (or the heading over its paragraph), or the year or earnings it was paid for after it."""
    text, ctx, m = a.text, a.sentence, a.m
    if not (_PAID_OUT.search(text, max(ctx.span[0], m.start - 40), m.start)
            or _INSTALMENT.search(text, max(ctx.span[0], m.start - 40), m.start)
            or _PAID_AFTER.match(text, m.end, min(ctx.span[1], m.end + 60))):
        return False
    if _FOR_EARNINGS_AFTER.match(text, m.end) or _DIVIDEND_WORD.search(text, *ctx.span):
        return True
    # the sentence before, or at a paragraph's start the heading over it ("## Why the dividend hurt")
    before = ctx.previous if ctx.previous is not None else heading_above(text, ctx.span)
    return before is not None and _DIVIDEND_WORD.search(text, *before) is not None


def _earnings_per_share(a: Amount, cues: list[Cue], earlier: list[Attribution]) -> bool:
    """A figure a share of what a period earned: a measure of earnings heads its clause ("adjusted earnings were
    60 cents a diluted share"), or it restates the earnings figure before it ("net income of C$5.1 billion, or
    C$2.34 a share")."""
    text, m = a.text, a.m
    if any(c.kind in _EARNINGS_CUES and c.end <= m.start and (a.in_clause(c.start, c.end) or _set_off(a, c))
           for c in cues):
        return True
    return bool(earlier) and earlier[-1].metric_kind == "flow" and earlier[-1].metric != "revenue" \
        and _RESTATED_BEFORE.search(text, max(a.sentence.span[0], m.start - 12), m.start) is not None


def _set_off(a: Amount, c: Cue) -> bool:
    """The measure heads the figure's clause across an aside set off by commas right after it: "Adjusted
    earnings, which leave out those charges, were 94 cents a share"."""
    text = a.text
    return any(y.start >= c.end and not text[c.end:y.start].strip() and text[y.start] == ","
               and not text[y.end:a.clause[0]].strip(" \t,") for y in a.sentence.asides)


_GLOSSED_NOUN = re.compile(r"\s*[\w&'’-]+(?:\s+[\w&'’-]+){0,3}\s*")  # the few words an apposition glosses


def _shares_bought(a: Amount, c: Cue) -> bool:
    """"shares" that are what the money bought, not the figure's unit: shares a buyback bought "for" the figure
    ("bought back 16,742,235 shares for €250 million"), or shares counted in another clause ("covers about 2.87
    billion shares, or 50.64% of the company, for a total of RM6.74 billion")."""
    text, m = a.text, a.m
    if c.kind != NO_METRIC or text[c.start:c.end].lower() != "shares":
        return False
    if _FOR_THE_SHARES.fullmatch(text, c.end, m.start):
        return any(b.kind == "buyback" and b.end <= c.start and a.in_clause(b.start, b.end) for b in a.sentence.metrics)
    return not a.in_clause(c.start, c.end) and _COUNTED.search(text, max(0, c.start - 24), c.start) is not None \
        and not any(c.start - 24 < o.end <= c.start for o in a.amounts)


def _gloss(a: Amount, m: MoneyMention) -> Cue | None:
    """The metric an apposition gives the noun that opens the amount's sentence, when that noun names none the
    lexicon knows: "Net majority income, the profit attributable to shareholders, fell 19% to MXN 12.5 billion".
    A noun of a few words, one in lower case (not a name: "Lumo Bank, the lender with the most revenue")."""
    text, ctx = a.text, a.sentence
    for x in ctx.appositions:
        if x.end > m.start:
            break
        noun = text[ctx.span[0]:x.start].split()
        if _GLOSSED_NOUN.fullmatch(text, ctx.span[0], x.start) and any(w[0].islower() for w in noun[1:]) \
                and not any(c.start < x.start for c in ctx.metrics) and not any(o.end <= x.start for o in a.others):
            return next((c for c in ctx.metrics if x.start <= c.start and c.end <= x.end and metric_of(c)), None)
    return None


# "Home Depot said it would buy GMS … That values GMS's equity at about $4.3 billion": the sentence prices the
# takeover the one before it announced
_PRICES_IT = re.compile(r"\s*[\"“]?(?:That|This|It|The\s+(?:deal|offer|bid|price|transaction|acquisition|purchase))"
                        r"\s+(?:\w+\s+)?values?\b")
_TAKEOVER_BEFORE = re.compile(r"\b(?:buy|buys|bought|acquire|acquires|acquired|takeover|acquisition|merger|buyout)\b",
                              re.IGNORECASE)
_FUNDING_BEFORE = re.compile(r"\b(?:raised|raises|raising|round|funding)\b", re.IGNORECASE)
TAKEOVER_REACH = 300  # characters before the sentence searched for the takeover it prices


def _prices_the_takeover_before(a: Amount) -> bool:
    """The sentence opens "That values …" after a sentence that announced a takeover (the one just before)."""
    start = a.sentence.span[0]
    if _PRICES_IT.match(a.text, start) is None:
        return False
    before = a.text[max(0, start - TAKEOVER_REACH):start].rstrip()
    before = before[max(before.rfind(". ", 0, len(before) - 1), before.rfind("\n")) + 1:]  # that sentence alone
    return _TAKEOVER_BEFORE.search(before) is not None and _FUNDING_BEFORE.search(before) is None


def _is_takeover(text: str, cues: list[Cue]) -> bool:
    """The sentence speaks of buying a company, and not of raising money or of trading its shares ("a tender
    offer that values the company at …", "investors buying stock from employees")."""
    kinds = {c.kind for c in cues}
    return "funding" not in kinds and any(
        c.kind == "deal" and " ".join(text[c.start:c.end].lower().split()) in _TAKEOVER
        and not _SHARES_TRADED.match(text, c.end) and not _TENDER.search(text, max(0, c.start - 8), c.start)
        for c in cues)


# "the transaction is worth up to $23.7 billion", "the deal, including debt, is valued at": what a deal is worth
# is its price, not a company's valuation ("the deal values Walgreens at" is: the company is its object)
_DEAL_VALUED = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?(?:transaction|deal|acquisition|takeover|buyout|merger"
    r"|purchase|bid)\s*(?:,[^,;.]{1,60},\s*)?(?:is|was|would\s+be|will\s+be|has\s+been|had\s+been)\s+"
    r"(?:now\s+|still\s+)?(?:valued\s+at|worth)\s+$", re.IGNORECASE)
_SHARES_TRADED = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:stock|shares|equity|stakes?)\b", re.IGNORECASE)
_TENDER = re.compile(r"\btender\s+$", re.IGNORECASE)


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|while)\s+)?|(?:and|plus)\s+)(?:(?:a|an|the)\s+)?", re.IGNORECASE)


def _a_rating(text: str, cue: Cue) -> bool:
    """Whether a deal's word is an analyst's rating ("a buy rating", "(buy, target …)", "rated buy")."""
    return _RATING.match(text, cue.start) is not None or (
        text[cue.start:cue.end].lower() in ("buy", "sell")
        and _RATED_BEFORE.search(text, max(0, cue.start - 30), cue.start) is not None)


def _next_in_list(a: Amount, per_unit: list[Cue]) -> bool:
    """A figure a share right after another's ("€2.04 per preferred share and €2.02 per ordinary share"): the
    second of a list that the first figure's noun heads, when its own unit follows it."""
    m = a.m
    own = any(0 <= c.start - m.end <= 2 for c in per_unit)
    before = max((o for o in a.others if o.end <= m.start), key=lambda o: o.end, default=None)
    if not own or before is None:
        return False
    unit = next((c for c in per_unit if 0 <= c.start - before.end <= 2), None)
    return unit is not None and _LIST_JOIN.fullmatch(a.text, unit.end, m.start) is not None


def _unit_of_another(a: Amount, cue: Cue) -> bool:
    """"CHF 3.05 per share from CHF 3.00": the unit right after another figure is that figure's."""
    return any(0 <= cue.start - o.end <= 2 for o in a.others)


# what says a figure is the terms first set, later changed: "first put the price at", "originally valued at", "its
# initial offer of"
_FIRST_TERMS = re.compile(
    r"\b(?:first|initially|originally|at\s+first)\s+(?:[\w'’-]+\s+){0,2}?(?:put|valued|priced|pegged|set|agreed|"
    r"proposed|offered|bid|estimated|budgeted|sought)\b[^.;:]*$"
    r"|\b(?:the|an|its|their|a)\s+(?:original|initial|first|earlier)\s+(?:price|offer|bid|terms|valuation|estimate|"
    r"budget|proposal|deal|agreement|price\s+tag)\b[^.;:]*$", re.IGNORECASE)
_SUPERSEDED_METRICS = frozenset({"deal", "valuation", "funding", "investment", "budget", "fine"})


# the words that say what a revenue came from, before a noun that would be a cue of its own ("revenue from contracts
# with customers", "sales from acquisitions")
_SOURCE_OF_REVENUE = re.compile(r"\b(?:revenues?|sales|turnover)\s+(?:from|on)\s+(?:(?:the|its|new|existing)\s+)?$",
                                re.IGNORECASE)
# "the division's operating profit", "its unit's revenue": the measure of a part the copy has named before
# "net of interconnection costs", "net of tax": a deduction that qualifies the measure named before it
_NET_OF = re.compile(r"\bnet\s+of\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_EARNED_ON = re.compile(r"\binterest\s+(?:income|expenses?|paid|earned|received)\s+(?:on|from)\s+(?:[\w-]+\s+){0,3}$",
                        re.IGNORECASE)
_PART_OWNS = re.compile(r"\b(?:the|its|that|this)\s+((?:[a-z][\w-]*\s+){0,2}?(?:division|unit|segment|arm|subsidiary))"
                        r"['’]s\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# (a measure's noun right before it: not "the interest bill rises by roughly HK$300 million a year before tax")
_TAX_QUALIFIED = re.compile(r".*\b(?:profits?|income|earnings|loss(?:es)?|result)\s+(?:before|after)\s+"
                            # ("Profit before income and windfall taxes rose 210% to N385.2 billion")
                            rf"{_TAXED_AFTER}tax(?:es|ation)?",
                            re.IGNORECASE | re.DOTALL)
_DEBT_PAPER = r"(?:notes|bonds|debentures|sukuk|commercial\s+paper|loans|perpetual\s+securities|perpetuals)"
# (not "through a mix of bonds and shares": part of it equity)
_RAISED_IN_DEBT_AFTER = re.compile(rf"\s+(?:from|through|via|in|by\s+(?:selling|issuing))\s+(?:(?:a|an|the|its|two|three|new)\s+)?"
                                   rf"(?:(?!(?:of|and|or|mix)\b)[\w-]+\s+){{0,4}}?{_DEBT_PAPER}\b"
                                   rf"(?!\s+(?:and|or)\s+(?:shares|equity|stock))", re.IGNORECASE)
# "signed R7 billion of new sustainability-linked funding with its banks": a loan
_FUNDING_FROM_BANKS = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,3}?(?:funding|financing)\s+(?:facilities\s+)?(?:with|from)\s+"
                                 r"(?:its|the|a\s+group\s+of|a\s+syndicate\s+of)?\s*(?:[\w-]+\s+){0,2}?(?:banks|lenders)\b",
                                 re.IGNORECASE)
_DEBT_RAISED_BEFORE = re.compile(rf"\b{_DEBT_PAPER}\b[^.;:]{{0,60}}?\braised\s+(?:(?:a\s+combined|a\s+total\s+of|about|around"
                                 rf"|roughly|some|nearly|almost|over|more\s+than)\s+)?$", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[:;()—–]")  # what ends the words that can qualify a measure's noun


def segment(a: Amount, cue: Cue) -> str | None:
    """The words in front of a noun cue that make the figure a part or another measure of the metric:
    "cloud infrastructure revenue", "iPhone sales", "underlying profit" (not "net", "total", "2024",
    "fourth-quarter", a possessive or the company's name)."""
    text, m = a.text, a.m
    metric = metric_of(cue)
    if metric == "dividend":  # "its final dividend … the full-year payout": two dividends, not one reported twice
        if text[cue.start:cue.end].lower() == "interim" and not _governs(text, cue, m) \
                and not _INSTALMENT.match(text, cue.start, m.start):  # (not "the interim of €0.215")
            return None  # "on top of the 9.0p interim paid earlier, making 23.1p for the year": the interim is another
        kind = _DIVIDEND_KIND.match(text, cue.start, cue.end) or _DIVIDEND_KIND_BEFORE.search(
            text, max(a.sentence.span[0], cue.start - 24), cue.start)
        if kind is None and a.sentence.previous is not None and SCALED.search(text, m.start, m.end) \
                and _THAT_ONE.fullmatch(text, a.sentence.span[0], cue.start) \
                and not _DIVIDEND_NAMED.search(text, *a.sentence.span):  # ("Together with the interim dividend …")
            # "The board proposed a final dividend of N1.80 per share. The payout would cost about N7.38 billion":
            # the total of the payout the sentence before named (one kind only; a figure per share said so may be
            # another dividend: "The interim dividend was 40.5 cents. The meeting approved the dividend of 20 cents")
            kinds = {"-".join(k.group(1).lower().split()) for k in _DIVIDEND_NAMED.finditer(text, *a.sentence.previous)}
            return kinds.pop() if len(kinds) == 1 else None
        return "-".join(kind.group(1).lower().split()) if kind else None
    if metric in _SUPERSEDED_METRICS and _FIRST_TERMS.search(text, max(a.clause[0], m.start - 90), m.start):
        return "initial"  # "first put the price of the deal at 1.8 trillion won": the terms first set, another fact
        # than the price paid in the end ("1.5 trillion won for 131,578,947 new shares")
    if metric == "deal" and " ".join(text[cue.start:cue.end].lower().split()) == "enterprise value":
        return "enterprise-value"  # "an enterprise value of about €4.0 billion": the price with the debt taken on,
        # another measure of the deal than the price of its shares ("values Ceconomy's equity at about €2.2bn")
    if metric is None or metric in (UNTRACKED_FLOW, UNTRACKED_LEVEL) or metric in _EVENT_METRICS:
        return None  # an event's parts are its round or deal, not a segment
    if _is_verb(text, cue):  # "The battery division alone lost ₩452.4 billion": only a part as the verb's subject
        # … or a business line named so ("Corporate Banking, which …, earned"); "Without it, the bank earned Rs 13,720
        # crore": another measure
        part = _part_opening(a, cue) or _line_which(a, cue)
        return " ".join(filter(None, [part, "adjusted"])) if metric != "revenue" and _without_one_offs(a) else part
    own = text[cue.start:cue.end].split()
    basis = [w.lower() for w in own[:-1] if w.lower() in _BASIS_WORDS]  # "adjusted EBITDA", "underlying profit"
    if metric in ("cash", "debt"):
        # net cash is cash less debt, and liquidity counts undrawn credit lines: other measures than the cash held
        word_before = text[max(a.sentence.span[0], cue.start - 5):cue.start].lower().split()[-1:]
        if "net" in (w.lower() for w in own[:-1]) or word_before == ["net"]:
            basis.append("net")
        elif own[-1].lower() == "liquidity":
            basis.append("liquidity")
    if own[-1] == "EBITDAR":
        basis.append("before-rent")  # "EBITDAR climbed 57.5% to ₹6,948.2 crore": before rent too, another measure
    if _BEFORE_TAX.match(text, cue.end) or own[-1].lower() == "tax" and "before" in (w.lower() for w in own):
        basis.append("pre-tax")  # "profit before tax was €3 billion"
    if _CONTINUING.match(text, cue.end) or _without_discontinued(a):
        basis.append("continuing")  # "profit after tax from continuing operations": without the businesses sold
    limit = max(a.sentence.span[0], m.end if m.end <= cue.start else a.sentence.span[0], cue.start - 60)
    owner = _PART_OWNS.search(text, max(limit, cue.start - 40), cue.start)
    if owner is not None:  # "the division's operating profit rose to ₩359.0bn", "the property segment's pre-tax
        return " ".join(dict.fromkeys([" ".join(owner.group(1).lower().split()), *basis]))  # profit": a part's figure
    if text[cue.start - 1:cue.start] == "(":
        # "Earnings before interest and taxes (EBIT)": the words before define it, but say its basis too
        # ("Adjusted earnings before interest, taxes and amortisation (EBITA)")
        basis += [w.group(0).lower() for w in _WORD.finditer(text, limit, cue.start) if w.group(0).lower() in _BASIS_WORDS]
        limit = cue.start
    before: list[str] = []
    right = cue.start
    for w in reversed(list(_WORD.finditer(text, limit, cue.start))):
        if _CLAUSE_MARK.search(text, w.end(), right):
            break  # "the year looks poor: revenue fell …": the words of another clause
        right = w.start()
        word = w.group(0)
        low = word.lower()
        if low in _BASIS_WORDS:  # "adjusted net profit": another measure, whatever neutral word stands between
            basis.append(low)
            continue
        if low.rstrip(",") == "basis":  # "on an adjusted basis, EBITA …" (its basis word is read next), "on an unadjusted
            continue  # basis" (the reported figure: no segment)
        if low in _REPORTED_BASIS:
            break
        if (low in _NEUTRAL or low in _NOT_SEGMENT or low.endswith(("'s", "’s", ",", ".", ":", ";")) or not low[0].isalpha()
                or any(c.isdigit() for c in word) or _PERIOD_WORD.search(low) or low in MONTHS  # "March sales"
                or low in WEEKDAYS  # "reported on Wednesday net profit of …": a day, no part
                or _VERB_OR_ADVERB.search(low) or low in _STATING
                or any(x.start <= w.start() < x.end for x in a.sentence.entities)):
            break
        before.append(low)
        if len(before) == 3:
            break
    opened = _OPENS_ON_A_BASIS.match(text, a.sentence.span[0], cue.start)
    if opened is not None and opened.group(1).lower() in _BASIS_WORDS:
        basis.append(opened.group(1).lower())  # "On a comparable basis, without that compensation, net profit rose …"
    if metric != "revenue" and not any(b in _ADJUSTED_BASIS for b in basis) and _without_one_offs(a):
        # "Excluding those extra items, profit for 2023 had been 13,307 million baht"; not "Stripping out one-off
        # items, core net profit was …": the measure's own word says its basis already
        basis.append("adjusted")
    found = " ".join(dict.fromkeys([*reversed(before), *basis]))
    if not found and _CONTRIBUTED.search(text, max(a.sentence.span[0], m.start - 30), m.start):
        return "contribution"  # "contributing about €650 million of revenue": a part of the revenue
    if not before:  # "The grocery division still earns …, with about €438 million of comparable operating profit"
        part = _part_opening(a, cue) or _line_which(a, cue)  # … "Corporate and Investment Banking, which …, generated"
        if part:
            found = " ".join(dict.fromkeys([part, *basis]))
    if not found:
        named = _PART_NAMED_SO.match(text, a.sentence.span[0], cue.start)
        if named is not None and (any(w[0].islower() for w in named.group(1).split()[1:])
                                  or not any(x.start <= named.start(1) < x.end for x in a.sentence.entities)) \
                and not any(o.start < cue.start for o in a.others if o.start > a.sentence.span[0]):
            found = " ".join(named.group(1).lower().split())  # "Sea Logistics, the largest unit, …"
    if (not found or not before and found == " ".join(dict.fromkeys(basis))) \
            and (metric in _PART_METRICS or metric in _UNIT_PART_METRICS):
        # (with its basis: "Pre-tax profit from the Australian franchising operations rose to …")
        part = _part_after(a, cue, units_only=metric not in _PART_METRICS)
        found = " ".join(dict.fromkeys([part, *basis])) if part else found
    if metric == "operating_income" and own[-1].lower() in ("ebita", "amortisation", "amortization"):
        # "EBITA, the group's preferred measure, rose to SEK 3,265 million": before the amortisation of acquired
        # intangibles, another figure than the operating profit (EBIT) beside it; said last, whatever else qualifies it
        # ("adjusted before-amortisation" however the copy orders its words)
        found = " ".join(filter(None, [found, "before-amortisation"]))
    return found or None


def _line_which(a: Amount, cue: Cue) -> str | None:
    """A business line the sentence opens with, named so (`_LINE_WHICH`, `_LINE_WHERE`), when no organisation or
    place is named there and no other figure stands before the verb."""
    start = a.sentence.span[0]
    which = _LINE_WHICH.match(a.text, start, cue.end)
    line = which or _LINE_WHERE.match(a.text, start, cue.start)
    if line is None or (which is None and line.group(1) in place_names()) \
            or any(x.start < line.end(1) and line.start(1) < x.end for x in a.sentence.entities) \
            or any(start < o.start < line.end() for o in a.others):
        return None
    return " ".join(line.group(1).lower().split())


# "Revenue linked to Enhertu", "sales of the blood thinner edoxaban", "revenue from China": the part of the
# company a figure's noun names after it (not "of $5bn", "attributable to its owners", "from a year earlier";
# after "of" only a part with a determiner: "revenue of Acme" is the company itself)
_PART_METRICS = frozenset({"revenue", "operating_income", "ebitda", "bookings"})
_PART_AFTER = re.compile(
    r"\s+(?:(?:(?:linked|tied|related)\s+to|from|generated\s+by|in)\s+"
    r"((?:(?:the|its|their)\s+)?(?:[A-Za-z][\w&'’-]*\s+){0,3}?(?-i:[A-Z])[\w&'’-]*"
    # ("sales in the company's boutiques": the company's own part, by its possessive)
    r"|(?:the|its|their)\s+(?:(?:company|group|firm|retailer|bank|chain)['’]s\s+)?(?:[a-z][\w-]*\s+){0,3}"
    r"(?-i:[A-Za-z])[\w-]*)"
    r"|of\s+((?:the|its|their)\s+(?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)"
    # "Sales south of the border rose …": a market named by where it lies
    r"|((?:north|south|east|west)\s+of\s+the\s+(?:border|equator|channel)))"
    r"(?=\s*(?:,|\bgrew\b|\brose\b|\bfell\b|\bclimbed\b|\bjumped\b|\bincreased\b|\bdropped\b|\bdeclined\b"
    r"|\bwas\b|\bwere\b|\bcame\b|\breached\b|\btotalled\b|\btotaled\b|\bslipped\b|\bgained\b|\bedged\b"
    r"|\bnarrowed\b|\bwidened\b))",
    re.IGNORECASE)


# "Profit from the renewables business rose 62% to …": a profit from a part of the company only when the part is
# named as one (not "profit from continuing operations", "profit from the sale of …")
_UNIT_PART_METRICS = frozenset({"profit", "loss"})
_UNIT_WORDS = frozenset({"business", "businesses", "division", "unit", "segment", "arm", "operations"})
# "profit from continuing operations", "from its ordinary operations": the whole company's, another measure at most
_WHOLE_OPERATIONS = frozenset({"continuing", "discontinued", "ordinary", "normal", "own", "underlying"})


def _part_after(a: Amount, cue: Cue, units_only: bool = False) -> str | None:
    """The part a noun cue names right after it, when the noun opens the figure's clause and the figure
    follows ("Sales of the blood thinner edoxaban rose 20% to ¥344 billion"); with `units_only`, a part that
    is named a business, division, unit, segment or arm."""
    if not (a.sentence.span[0] <= cue.start and cue.end <= a.m.start) \
            or any(cue.end <= o.start < a.m.start for o in a.others):
        return None
    part = _PART_AFTER.match(a.text, cue.end, a.m.start)
    if part is None:
        return None
    words = [w for w in (part.group(1) or part.group(2) or part.group(3)).lower().split()
             if w not in ("the", "its", "their") and not w.endswith(("'s", "’s"))]
    if not words or any(_PERIOD_WORD.search(w) or w in MONTHS or w in _WHOLE_WORDS for w in words) \
            or words[-1] in ("shareholders", "owners", "parent", "investors", "customers") \
            or units_only and (len(words) < 2 or words[-1] not in _UNIT_WORDS or words[0] in _WHOLE_OPERATIONS):
        return None
    return " ".join(words)


# "excluding one-offs", "stripping out exceptional items", "before one-time charges": another measure than the
# reported figure, as "adjusted" or "underlying" before the noun says
_WITHOUT_ONE_OFFS = re.compile(
    r"\b(?:excluding|excludes|exclude|stripping\s+out|strip\s+out|ignoring|before|without|ex-|ex)\s+"
    r"(?:the\s+|these\s+|those\s+|such\s+|all\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:one-offs?|one-time\s+(?:items|gains?|charges?|costs?)|(?:exceptional|extraordinary|extra|special|non-recurring"
    r"|one-off|one-time|adjusting|specific)\s+(?:items|gains?|charges?|costs?)|exceptionals|non-recurring\s+items)\b",
    re.IGNORECASE)  # "profit before tax and adjusting items" (a British company's adjusted measure)


# "… including a one-time gain of Rs 2,730 crore …. Without it, the bank earned Rs 13,720 crore": a figure without
# the one-off the sentence before (or its own) names
_WITHOUT_IT = re.compile(r"\b(?:(?:excluding|without|stripping\s+out|ignoring|leaving\s+out|before)\s+(?:it|that|this|them"
                         r"|those|these)\b(?!\s+\w+\s+(?:of|in)\b)"
                         # "Stripping those out, profit after tax rose a more modest 3.8%"
                         r"|(?:stripping|leaving|taking|strip|leave|take)\s+(?:it|that|this|them|those|these)\s+out\b)",
                         re.IGNORECASE)
_ONE_OFF_NAMED = re.compile(r"\b(?:one-off|one-time|one\s+time|exceptional|non-recurring|extraordinary|special\s+items?)\b",
                            re.IGNORECASE)


def _without_one_offs(a: Amount) -> bool:
    """Whether the sentence says the figure leaves one-off items out: right after it, within its clause ("$6bn
    excluding one-off charges"), or before it since the figure before ("lifted by a one-time credit; excluding
    exceptional items, profit was ₹5,223 crore"), unless the phrase follows that figure at once (its own)."""
    return _leaves_out(a, _WITHOUT_ONE_OFFS)


def _without_discontinued(a: Amount) -> bool:
    """Whether the sentence says the figure leaves the discontinued operations out, where `_without_one_offs` looks:
    "Leaving out discontinued operations, profit rose 53.7% to ₹109.9 crore from ₹71.5 crore" is the profit from
    continuing operations, another measure than the whole profit the other report gives."""
    return _leaves_out(a, _WITHOUT_DISCONTINUED)


def _leaves_out(a: Amount, phrase: re.Pattern[str]) -> bool:
    text = a.text
    start, end = a.sentence.span
    previous = None
    for o in a.others:
        if o.end <= a.m.start and o.end > start:
            start, previous = o.end, o
        elif o.start >= a.m.end:
            end = min(end, o.start)
    after = _CLAUSE_BREAK.search(text, a.m.end, end)
    if phrase.search(text, a.m.end, after.start() if after else end):
        return True
    if phrase is _WITHOUT_ONE_OFFS and _WITHOUT_IT.search(text, start, a.m.start) and _ONE_OFF_NAMED.search(
            text, a.sentence.previous[0] if a.sentence.previous else a.sentence.span[0], a.m.start):
        return True
    return any(previous is None or found.start() - previous.end > 3
               for found in phrase.finditer(text, start, a.m.start))


_CLAUSE_BREAK = re.compile(r"[,;.(]")
_WITHOUT_DISCONTINUED = re.compile(r"\b(?:excluding|stripping\s+out|leaving\s+out|ignoring|without)\s+(?:the\s+|its\s+)?"
                                   r"discontinued\s+(?:operations|businesses|activities)\b", re.IGNORECASE)


def _part_opening(a: Amount, cue: Cue) -> str | None:
    """The part of the company that is the subject of the figure's clause, before the cue (`_PART_OPENS_CLAUSE`),
    or that opened the sentence before when this one goes on with "Its" ("The grocery trade division, which …,
    remained the profit engine. Its net sales grew 0.5% to …")."""
    text = a.text
    start = a.sentence.span[0]
    if _ITS_OPENS.match(text, start) and cue.start > start and a.sentence.previous is not None \
            and (not any(start <= o.start < cue.start for o in a.others)
                 or _AND_ITS.search(text, max(start, cue.start - 40), cue.start)):  # "… and its operating profit was"
        before = _PART_OPENS_SENTENCE.match(text, a.sentence.previous[0])
        if before is not None and before.end() <= a.sentence.previous[1] \
                and before.group(1).split()[-1].lower() not in _WHOLE_WORDS:
            return " ".join(f"{before.group(1)} {before.group(2)}".lower().split())
        named = _PART_SAID_TO_BE.match(text, a.sentence.previous[0])
        if named is not None and named.end() <= a.sentence.previous[1] \
                and not any(x.start < named.end(1) and named.start(1) < x.end for x in a.sentence.entities) \
                and named.group(1).split()[-1].lower() not in _WHOLE_WORDS:
            return " ".join(named.group(1).lower().split())
    place = _PLACE_OPENS.match(text, start)
    if place is not None and place.group(1) in place_names() and place.end() <= cue.end \
            and not any(start <= o.start < place.end() for o in a.others):
        return place.group(1).lower()  # "Morocco brought in MAD 19.1 billion, 2% less than in 2023"
    if cue.start <= a.sentence.span[0]:
        return None
    part = None
    for part in _PART_OPENS_CLAUSE.finditer(text, a.sentence.span[0], cue.end):
        pass  # the last one before the cue ("The cathode division lost …, while the films unit earned …")
    if part is None or part.group(1).split()[-1].lower() in _WHOLE_WORDS \
            or any(part.end() <= o.start < cue.start and not _ON_THE_MEASURE.fullmatch(text, o.end, cue.start)
                   and not _AND_ITS_VERB.fullmatch(text, o.end, cue.end)
                   for o in a.others):  # another figure's clause (not "earned EBITDA of ₹1,050 cr on revenue of …", nor
        # "grew revenue 15.8% to ₹1,698.7 crore and earned ₹64 crore": the same subject's second verb)
        return None
    return " ".join(f"{part.group(1)} {part.group(2)}".lower().split())


_AND_ITS_VERB = re.compile(r"(?:\s*+\([^()]{0,60}\))?,?\s++and\s++(?:also\s++|then\s++)?(?:earned|made|posted|booked|generated"
                           r"|lost|turned|recorded)(?:\s++an?\s++(?:[\w-]++\s++)?(?:profit|loss|income))?")
# "earned EBITDA of ₹1,050 cr on revenue of ₹2,579 cr": the measure the figure before was made on, the same part's
_ON_THE_MEASURE = re.compile(r"(?:\s*+\([^()]{0,60}\))?,?\s++on\s++(?:(?:net|total|gross|its|their)\s++)?")


# "The Polish operations alone generated EBITDA of …", "Last year Allegro's Polish operations lifted EBITDA by
# 31% to …", "its cloud business posted revenue of …", "The Matas banner itself, with revenue of …, grew": a clause
# whose subject is a part of the company (a store banner or chain too) gives that part's figure, not the company's
_PART_OPENS_CLAUSE = re.compile(
    r"(?<![\w-])(?:the|its|their|(?-i:[A-Z])[\w&.-]*['’]s)\s+((?:[\w.-]+\s+){0,2}?[\w.-]+)\s+"
    r"(operations|business|businesses|division|divisions|unit|units|arm|segment|subsidiary|subsidiaries|banner|chain)"
    r"(?:\s+(?:alone|itself))?"
    r"(?:(?:\s*,\s*(?:which|that|whose)\b(?:[^,;]|,(?!\s*(?:and|but|while|whereas)\b)){1,150}?,|\s*,\s*(?:which|that))?\s+"  # "The platform division, which
    # bundles …, lifted"; "The Access Solutions segment, which generates CHF 2,440.7 million of the group's sales"
    r"(?:(?:still|also|again|now|alone)\s+)?"
    r"(?:generated|posted|reported|made|earned|booked|delivered|contributed|recorded|brought\s+in|had|lost"
    r"|swung|grew|increased|rose|fell|saw|lifted|raised|cut|doubled|more\s+than\s+doubled"
    r"|generates|posts|reports|makes|earns|books|delivers|contributes|records|brings\s+in|has|loses|grows"
    r"|accounts\s+for|accounted\s+for)|\s*,\s*with)\b", re.IGNORECASE)
# "The grocery trade division, which includes …, remained the profit engine.": a sentence whose subject is a part of
# the company, which the next sentence's "Its" goes on with
_PART_OPENS_SENTENCE = re.compile(
    r"\s*(?:the|its|(?-i:[A-Z])[\w&.-]*['’]s)\s+((?:[\w.-]+\s+){0,2}?[\w.-]+)\s+"
    r"(division|unit|arm|segment|business)(?:\s*,\s*(?:which|that|whose)\b[^,;]{1,150},)?\s+(?!of\b|and\b|or\b|to\b)",
    re.IGNORECASE)
# "Bakery flour was the fastest-growing business. Its revenue jumped …": a sentence that says what part of the
# company a few words name, which the next sentence's "Its" goes on with
_PART_SAID_TO_BE = re.compile(
    r"\s*(?!(?:the|this|that|these|those|it|its|our|their|we|they|he|she)\b)"  # (not "The company was the …")
    r"((?-i:[A-Z])[\w&-]*(?:\s+[\w&-]+){0,2}?)\s+(?:was|is|remained|remains|became|has\s+been)\s+(?:again\s+)?"
    r"(?:the|its|their|a)\s+(?:[\w-]+\s+){0,2}?(?:division|unit|arm|segment|business)\b", re.IGNORECASE)
_ITS_OPENS = re.compile(r"\s*Its\s")
# a place opening the sentence as the subject of what a part earns: "Morocco brought in MAD 19.1 billion"
_PLACE_OPENS = re.compile(r"\s*+((?-i:[A-Z])[\w-]*+(?:[ \t]++(?-i:[A-Z])[\w-]*+)?)"
                          r"(?:[ \t]*+,[^,.;\n]{1,120}+,)?"  # "North America, the largest part of the business, produced"
                          r"[ \t]++(?:alone[ \t]++)?"
                          r"(?:brought[ \t]++in|generated|contributed|accounted[ \t]++for|earned|posted|delivered|produced"
                          r"|made|recorded)\b")
_AND_ITS = re.compile(r"\band\s+its\s+(?:[\w-]+\s+){0,2}$")
# "Core local commerce, the unit that houses food delivery, grew revenue 7.7% to RMB 65.3 billion": a sentence that
# opens with a part of the company named so (a few words, not a name) gives that part's figure
# "Corporate and Investment Banking, which serves large companies, generated $1.1 billion …": a sentence that opens
# with a business line's capitalised name (no organisation's) and a clause on what it does, then reports its figures
_LINE_WHICH = re.compile(
    r"\s*(?:(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)\s*)?"  # after a bold lead-in ("**Where the money is made.**")
    r"((?-i:[A-Z])[\w-]+(?:\s+(?:and|&|(?-i:[A-Z])[\w-]+)){1,4}),\s+(?:which|that|whose)\b[^;()\n]{1,150}?,\s+"
    r"(?:(?:still|also|again|alone)\s+)?(?:generated|posted|reported|made|earned|booked|delivered|contributed|recorded"
    r"|brought\s+in|lost|generates|posts|reports|makes|earns|books|delivers|contributes|records|brings\s+in|loses)\b",
    re.IGNORECASE)
# "Transmission, where profits almost doubled to £292.1m, is carrying the group": a business line the sentence opens
# with, the figure said of it in a clause (not a place: "London, where …")
_LINE_WHERE = re.compile(r"\s*((?-i:[A-Z])[\w-]+(?:\s+(?:and|&|(?-i:[A-Z])[\w-]+)){0,3}),\s+where\b")
# ("Access Solutions, by far the larger of dormakaba's two segments, grew …": one of the parts, named so)
_PART_NAMED_SO = re.compile(r"\s*((?:[\w&-]+\s+){1,3}[\w&-]+),\s+(?:(?:the|its|a)\s+(?:[\w-]+\s+)?"
                            r"(?:unit|division|segment|business|arm|operations)"
                            r"|(?:by\s+far\s+)?(?:the|one\s+of\s+the)\s+(?:[\w'’&-]+\s+){0,4}?"
                            r"(?:segments|divisions|units|businesses|business\s+areas))\b", re.IGNORECASE)
# A dividend's kind, in its cue ("final dividend") or just before it ("the full-year payout", "its final cash dividend")
_KINDS = r"(interim|final|special|full-year|full\s+year|annual|total|quarterly)"
_DIVIDEND_KIND = re.compile(rf"{_KINDS}\b", re.IGNORECASE)
_DIVIDEND_KIND_BEFORE = re.compile(rf"\b{_KINDS}\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_DIVIDEND_NAMED = re.compile(rf"\b{_KINDS}\s+(?:cash\s+)?(?:dividend|payout|distribution)s?\b", re.IGNORECASE)
_THAT_ONE = re.compile(r"\s*(?:the|this|that)\s+", re.IGNORECASE)  # opening the sentence
_CONTRIBUTED = re.compile(r"\bcontribut(?:ed|ing|es|e)\s+(?:(?:about|around|roughly|some|nearly|almost|more\s+than"
                          r"|less\s+than|an\s+estimated)\s+)?$", re.IGNORECASE)
_WHOLE_WORDS = frozenset("core main overall entire whole combined global total group company's".split())


def metric_of(cue: Cue) -> str | None:
    """The metric a cue names; UNTRACKED_FLOW or UNTRACKED_LEVEL for a flow or level of no metric (the assembler
    keeps no metric)."""
    return None if cue.kind in (NO_METRIC, TAKINGS) else cue.kind


def _past_conversion(text: str, cue: Cue, m: MoneyMention) -> bool:
    """A cue after the amount's conversion in parentheses: "€2.42 billion (about $2.7 billion) fine"."""
    conversion = _CONVERSION_AFTER.match(text, m.end)
    return conversion is not None and cue.start >= conversion.end()


def _governs(text: str, cue: Cue, m: MoneyMention) -> bool:
    """Whether the cue is the head of the amount: a noun right after it, or a cue before it with only linking
    words between ("revenue rose 18% to X", "a valuation of X", "raised X")."""
    if cue.start >= m.end:
        conversion = _CONVERSION_AFTER.match(text, m.end)
        start = conversion.end() if conversion and conversion.end() <= cue.start else m.end
        return _AFTER_GAP.fullmatch(text, start, cue.start) is not None and not _is_verb(text, cue)
    return _BEFORE_GAP.fullmatch(text, cue.end, m.start) is not None


def _is_verb(text: str, cue: Cue) -> bool:
    """"raised", "values", "invested" are verbs; "debt financing", "funding", "earnings" are nouns."""
    if cue.kind == TAKINGS:
        return True
    first = text[cue.start:cue.end].split()[0].lower()
    return first not in _ING_NOUNS and first not in _BASIS_WORDS and bool(_VERB_CUE.search(first))


def _attachment_rank(text: str, cue: Cue, m: MoneyMention) -> int:
    """0 a noun or a measuring verb that heads the amount ("a dividend of X", "valued at X"), 1 a noun after it
    ("X in debt financing"), 2 an action verb ("raised X") or a noun that only stands near it ("in its Series C
    at a $2bn valuation": the valuation heads the $2bn)."""
    if cue.start >= m.end:
        return 1
    if _is_verb(text, cue) or text.startswith(("to ", "To "), cue.start):  # "plans to spend X of capital expenditure"
        return 0 if cue.kind in _MEASURES else 2
    return 2 if _AT_GAP.match(text, cue.end, m.start) or _WITH_GAP.match(text, cue.end, m.start) else 0
