"""Who a figure is about: organisations found from evidence in the copy, people set aside, references resolved.

The default pack knows no company by name. A capitalised name is an organisation when the copy says so:
a legal form or organisation word ("Lumo Bank AS", "Kelpie Robotics"), an apposition ("Adyen, the Dutch
payments company,"), a descriptor in front ("carmaker Toyota"), a possessive business noun ("Klarna's
revenue"), an acting verb ("Klarna raised"), a ticker ("(NASDAQ: XYZ)"). A name with a person's title
("chief executive Jane Doe", "Jane Doe, the founder") is a person and never a subject. Short forms
("Samsung" after "Samsung Electronics") and acronyms in parentheses merge into the first full name;
"the company", "the lender", "it", "its" resolve to the organisation in focus where they stand.
An alias table (user configuration) adds real synonyms ("Meta" = "Facebook").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from claimcheck.mentions.currencies import table
from claimcheck.mentions.patterns import guarded, trie
from claimcheck.mentions.sentences import PARAGRAPH_BREAK, Sentences
from claimcheck.pack import pack_dir

# Capitals of the Latin alphabets, not only ASCII ones: "Ørsted", "Škoda", "Électricité".
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper() and c.lower() != c)
# A word of a name may join its parts with "&", "'", "." or "-", or "+" ("Kuehne+Nagel").
# A founder's initials open a name: "J.M. Smucker", "H.B. Fuller" (not a place's: "U.S. Steel" is two words here)
_INITIALS = r"(?!U\.S\.|U\.K\.)(?:[A-Z]\.){2,3}"
_INITIALS_TOKEN = rf"{_INITIALS}(?=[ \t]+[A-Z][a-z])"
_TOKEN = rf"(?:{_INITIALS_TOKEN}|[{UPPER}][\w&'’.+-]*[\w]|[{UPPER}](?![\w'’])|\d[\w]*[A-Za-z][\w]*)"
# The small words of Romance and Dutch or German names, between two capitalised words: "Banco do Brasil", "Banco
# de Chile", "Cementos del Bajío", "Pieter van der Walt" are each one name, not two.
_PARTICLES = ("de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "van", "von")
# … and "n" ("Pick n Pay", "Pick 'n' Pay" written plain)
_PARTICLE = rf"(?:{'|'.join(_PARTICLES)}|n)[ \t]+(?:(?:la|der|den|los|las)[ \t]+)?"
# A capitalised name, read as NAME_PLAIN reads, with the first token's first character consumed before the
# lookbehind (which then looks one character further back): a pattern that opens with a character set lets
# `re` skip in C to the next capital or digit.
NAME_PLAIN = rf"(?<![\w&'’.@/-]){_TOKEN}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|{_PARTICLE}|&[ \t]+|&(?=Co\b)|&(?=[A-Z]))?{_TOKEN})*"
_FIRST_TOKEN = rf"(?:[{UPPER}\d](?<![\w&'’.@/-].)(?:(?<=[A-Z])(?!(?<=U)\.[SK]\.)\.(?:[A-Z]\.){{1,2}}(?=[ \t]+[A-Z][a-z])|(?<=[{UPPER}])(?:[\w&'’.+-]*[\w]|(?![\w'’]))|(?<=\d)[\w]*[A-Za-z][\w]*))"
# "Natura &Co"; "M    &S", an HTML "M&amp;S" decoded (ingest.prose)
_NAME = re.compile(rf"{_FIRST_TOKEN}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|{_PARTICLE}|&[ \t]+|&(?=Co\b)|&(?=[A-Z]))?{_TOKEN})*")
_BASED = re.compile(r"(?:[Tt]he\s+)?[\w.-]+-based\s+")  # at a name's start: "(The) Edinburgh-based …"
# A brand's name with a small letter first and a capital after it: "easyJet", "eBay", "mBank", "iFood" (a word of
# two or more small letters after the capital: not a unit, "kWh", nor initials, "mRNA", "eVTOL")
# a word in small letters opening a sentence or a paragraph before a verb or a possessive: a name so written (not
# after an abbreviation's point: "U.S. tariffs", "Inc. said"; "nobody got any. voestalpine closed its …")
_LOWER_AFTER = (r"([a-z]{4,})(?=['’]s\b|[ \t]+(?:is|was|has|had|said|says|will|would|plans|reported|posted|expects|raised"
                r"|sold|made|added|also|now|still|and)\b|[ \t]+[a-z]{2,}(?:ed|s)\b|,)")
# (each branch opens with its character, the abbreviations checked behind the point: a scan ten times faster than
# the same lookbehinds tried at every character)
_LOWER_OPENS = re.compile(
    r"(?:[.!?](?<![A-Z][.!?])(?<!\b[A-Z][a-z][.!?])(?<!\bInc[.!?])(?<!\bCo[.!?])(?<!\bCorp[.!?])(?<!\bLtd[.!?])"
    r"(?<!\bNo[.!?])(?<!\bSt[.!?])(?<!\bvs[.!?])"
    # a scale's abbreviation before its currency: "326 mill. euro, down", "3,6 mrd. kroner"
    r"(?<!\bmill[.!?])(?<!\b[mM]rd[.!?])(?<!\b[mM]io[.!?])(?<!\bmia[.!?])(?<!\bmld[.!?])"
    r"[\"'”’)]*[ \t]+|\n[ \t]*\n[ \t]*)" + _LOWER_AFTER)
_LOWER_OPENS_TEXT = re.compile(r"[ \t]*" + _LOWER_AFTER)  # … or the text itself
_CAMEL_NAME = re.compile(r"(?<![\w&'’.@/-])[a-z]{1,4}[A-Z][a-z]{2,}[a-z0-9]*(?![\w&@/-])")
_GLUED = re.compile(r"\b(\w{1,3}) &(\w{1,3})\b")  # "M &S" of an HTML "M&amp;S" is "M&S" ("Natura &Co" stays)
# the exchanges a ticker is written with: "(NYSE: ACME)", "(PSE: MER)", "(PSX: ENGRO)", "(EGX: COMI)"
_EXCHANGES = ("NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|HKEX|SIX|XETRA|Euronext|OMX|TYO|KRX|NSE|BSE|SGX|OTC"
              "|PSE|PSX|IDX|SET|JSE|NGX|EGX|BMV|BIST|WSE|GPW|TASE|TWSE|KOSDAQ|SZSE|SSE|DFM|ADX|QSE|NZX|BVC|BVL|CSE|DSE"
              "|Tadawul|B3")
_TICKER = re.compile(rf"^\s*\((?:{_EXCHANGES})"
                     r"\s*:\s*[A-Z0-9.]{1,8}\)")
# … and the symbol, a short name the copy may go on to use ("Manila Electric Co. (PSE: MER)" … "MER: Core net up 22%")
_TICKER_SYMBOL = re.compile(rf"\s*\((?:{_EXCHANGES})\s*:\s*([A-Z][A-Z0-9]{{1,7}})(?:\.[A-Z0-9]{{1,3}})?\)")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&]{1,7})\)")
# "Fomento Económico Mexicano, the conglomerate (better) known as FEMSA": the name the copy then uses
# a brand that writes its kind in small letters, then its acronym or a possessive: "Attijariwafa bank (ATW)"
_KIND_IN_SMALL_LETTERS = re.compile(r"[ \t]+(bank|group)(?=[ \t]*\([A-Z][A-Z0-9&]{1,7}\)|['’]s\b)")
_KIND_THEN_ACRONYM = re.compile(r"[ \t]+(?:bank|group)[ \t]*\(([A-Z][A-Z0-9&]{1,7})\)")
_KNOWN_AS = re.compile(rf",\s*(?:(?:the|a|an)\s+[^,.;()]{{0,60}}?\s+)?(?:(?:better|also|commonly|widely|popularly)\s+)?known"
                       rf"\s+as\s+([{UPPER}][\w&'’.-]*[\w&](?:\s+[{UPPER}][\w&'’.-]*[\w&]){{0,3}})")
# "led by X", "backed by X", "an investment from X": a party to a deal, a person only with a title.
_PARTY_BEFORE = guarded(
    r"(?:led\s+by|co-led\s+by|backed\s+by|investors?\s+(?:including|such\s+as|like)|participation\s+(?:of|from)"
    r"|partnership\s+with|investment\s+(?:from|by|in)|stake\s+in|invest(?:s|ed|ing)?\s+in|acquired\s+by|bought\s+by"
    r"|funding\s+from|acquisition\s+of|(?:agreed|deal|offer|bid)\s+to\s+(?:buy|acquire)|takeover\s+of"
    r"|(?:\d|million|billion|trillion|bn|m|mn)\s+(?:stake\s+)?(?:in|into))\s+(?:the\s+)?$",
    re.IGNORECASE)
# a cause in a clause of its own, before the name: "… as the State Bank of Pakistan cut its policy rate"
CAUSE_BEFORE = re.compile(r"(?<![\w-])(?:as|because|since)\s+(?:the|its|their)\s+$")
# The last word of a trading venue's name: where shares trade, never whose figure it is nor the story's focus
VENUE_WORDS = frozenset({"Exchange", "Nasdaq", "NYSE", "Bourse", "Euronext"})
SHOUTED_WORD = 4  # a word this long in a line of capitals is no acronym: the line is set in capitals
HEADLINE_BREAKS = (":", "–", "—", ".", "?")  # where a headline's own subject may start again (not "|" or " - ": the outlet)
HEADLINE_SUBJECT_WORDS = 3  # words before a headline's subject ("What", "Why Investors Love", "Vale, BHP")
# Evidence, weakest to strongest: a person's strong evidence (a title) beats an organisation's weak one.
PERSON_WEAK, ORG_WEAK, PERSON, ORG_STRONG = 1, 2, 3, 4
EVIDENCE_TRIES = 12  # a name the copy has said nothing about in twelve mentions is not read further
# The last word before a name decides which of the patterns below can match at all (a cheap first test).
_PARTY_LAST = frozenset("of in by with including as like from into acquire buy".split())
_PLACE_LAST = frozenset("in at near across throughout outside around".split())
_ASIDE_LAST = frozenset("by from investor investors including alongside as of at customer customers client clients "
                        "partner partners rival rivals competitor competitors peer peers like than the on in to although though "
                        "whereas as".split())
# SENTENCE_END_PLAIN, with one opening character set (`re` skips in C to the next candidate)
SENTENCE_END_PLAIN = r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n"
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|(?<=\n)\s*\n)")
_NON_SPACE = re.compile(r"\S+")
# "The maker of Surf Excel and Lifebuoy put …": a name "of" governs is not who acts (the verb is its head
# noun's); not "with": "with General Catalyst in talks to lead" is General Catalyst acting
_OBJECT_BEFORE = re.compile(r"\bof\s+(?:[A-Z][\w&'’.-]*\s+){0,3}?(?:(?:and|or|&)\s+)?$")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY_WORDS = frozenset(_WEEKDAYS.split("|")) | {"Today", "Yesterday", "Tomorrow"}
# A line in capitals whose head ends in a colon ("ASSA ABLOY: "A QUALITY COMPOUNDER""); not a dateline, which a
# sentence follows ("MUMBAI: Kotak Mahindra Bank reported …"), nor "SYDNEY —"
_SHOUTED_HEAD = re.compile(r"^[ \t#*]*([A-Z][A-Z&'’.-]+(?:[ \t]+[A-Z][A-Z&'’.-]+){0,3})[ \t]*:(?=[^a-z\n]*$)", re.MULTILINE)
# "858m", "2000s", "3rd", and a figure with a letter symbol glued to it ("R50.21", "Ps.62", "Rp5,400"): no name
# (not "M1", "A1")
_FIGURE_WORD = re.compile(r"\d[\d.,]*(?:k|m|mn|bn|b|tn|bil|mil|s|st|nd|rd|th)?"
                          r"|[A-Z][A-Za-z]{0,2}(?:\.\d+|\d{1,3}[.,]\d+|\d+(?=bil|mil|bn|mn))(?:[.,]\d+)*(?:bil|mil|bn|mn|m|b)?")
_CURRENCY_CODES = frozenset(table().codes)
# the currency symbols written in letters ("KSh", "Rs", "zł", "Dh"), alone or glued to a figure ("Rs10", "KSh4bn"):
# money, never a company ("board declares Rs10 dividend", "KCB's KSh 4 mid-year payout")
_LETTER_SYMBOLS = frozenset(s.rstrip(".") for s in table().symbols if s.replace(".", "").isalpha() and len(s) >= 2)
_SYMBOL_FIGURE = re.compile(rf"(?:{'|'.join(sorted(map(re.escape, _LETTER_SYMBOLS), key=lambda s: (-len(s), s)))})\.?"
                            r"\d[\d.,]*(?:k|m|mn|bn|b|tn|bil|mil)?")
# The countries, nationalities and business cities of the currency table (CLDR and the newsroom overlay), as one
# word: "Sudan's networks", "Ireland lost EUR 2.15 a kilo" speak of a place, never of a company
_PLACES = frozenset(cue for entry in table().currencies.values() for cue in entry["cues"]
                    if " " not in cue and not cue.isupper())
_LINE_LEAD = re.compile(r"[ \t]*(?:[-*•]\s+)?[*_]*")  # what may stand before a round-up's lead name on its line
_TICKER_BEFORE = guarded(rf"\b(?:{_EXCHANGES})\s*:\s*$")
# Words that may end a name without being evidence of an organisation ("Lumora AI").
_NAME_ENDINGS = frozenset({"AI"})
# "First-quarter", "Full-year", "Q2", "FY25", "H1", "FY24's": words of a period, never of a name.
_PERIOD_TOKEN = guarded(r"(?i:quarter|year|half|month)|^(?:Q[1-4]|H[12]|FY\d*|[1-4]Q|[12]H|[1-4]T\d\d|[12]S\d\d)(?:['’]s)?\W*$"
                        # "3QCY24", "1HFY25", "9MCY24", "9M24": a broker's compact period
                        r"|^(?:1[01]|[1-9])[QHM](?:CY|FY)?(?:19|20)?\d{2}(?:['’]s)?\W*$"
                        # "the October-December quarter", "April–June", "the April-to-June quarter": months joined
                        r"|^(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"[-–](?:to[-–])?(?:January|February|March|April|May|June|July|August|September|October|November|December)\W*$")
# "The Consumer Domestic segment, which includes Arm & Hammer laundry detergent and cat litter, TheraBreath mouthwash
# and …": the brands a part of the company is said to include, deep in its list, are no subject of its figures
_LISTED_AS_PART = guarded(r"\b(?:includes|include|included|such\s+as)\s+(?:[^.;:!?()\d$€£¥₹]{1,80}?(?:,|\band))?\s*$")
_AND_GAP = re.compile(r"\s+and\s+|,\s+")
# a dateline that names the agency filing the story: "SAO PAULO, Feb 26, 2025 (Atlantico Press Agency) -"
_DATELINE_AGENCY = re.compile(r"^[ \t*_]*[A-Z][A-Z .'’-]{1,40},[^\n()]{0,40}\(([^()\n]{2,60})\)[ \t]*[-–—]", re.MULTILINE)
# the place a story is filed from ("TAINAN - For a company that …", "NAIROBI, March 28 -") and the place a company
# is said to be based in ("the Tainan-based company"): places of the story, never organisations ("Tainan's food giant")
_DATELINE_PLACE = re.compile(r"^[ \t*_]*([A-Z][A-Z.'’-]{1,30}(?: [A-Z][A-Z.'’-]{1,30}){0,3})(?=,|[ \t]+[-–—])",
                             re.MULTILINE)
_BASED_PLACE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s{1,3}([A-Z][\w'’.]{1,30}(?: [A-Z][\w'’.]{1,30}){0,2})"
                          r"-(?:based|headquartered)\b")
_SAID = re.compile(r"^,?\s+(?:said|says|told|added|explained|wrote|argued|noted)\b")
# a company named after a person speaks of its own results: "Hugo Boss said on Thursday it expects operating profit
# to recover", "Ralph Lauren reported that its sales rose" (a person's "it would take years" names no results)
_ITS_RESULTS = re.compile(
    r"\s{1,3}(?:said|says|reported|reports|posted|announced|expects|forecast|lifted|raised|cut)\b[^.;:\n]{0,40}?"
    r"\b(?:it|its)\s{1,3}(?:expects?\s{1,3}|(?:[a-z-]{1,20}\s{1,3}){0,2})"
    r"(?:profits?|sales|revenues?|dividends?|earnings|margins?|shares|stores|outlook|guidance|results)\b")
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-Z]")
# `(?:#+\s*)?`, not `#*\s*`: two spaces-runs side by side split a file of blank lines every way (quadratic)
# (a masthead above the dateline is skipped: in capitals, "HELVETIA MARKETS BRIEF" / "Published: 31 July 2025", or
# any short line when a headline follows the dateline: "Harbourline News Service" / "Published: 3 April 2025" /
# "Mitsubishi Corp Pledges Record Buyback …")
_HEADLINE = re.compile(r"\A\s*(?:[^\na-z]{3,80}\n(?=[ \t]*(?:Published|Date|By)\b)"
                       r"|[^\n]{3,60}\n(?=[ \t]*(?:Published|Date)\b[^\n]*\n\s*[^\n]{3,140}(?:\n|$))"
                       # a masthead and its section of three words at most, then a blank line: "THE BOUREGREG
                       # REVIEW | Industry" (not a headline and its outlet: "… | Sierra Madre Business Journal")
                       r"|[^\n|]{3,60}(?:[ \t]\|[ \t][^\s|]+(?:[ \t][^\s|]+){0,2}){1,2}[ \t]*\n[ \t]*\n)?"
                       r"(?:(?:Published|Date|By)\b[^\n]*\n\s*)*"
                       r"(?:#+\s*)?([^\n]{3,140}?)[ \t]*(?:\n|$)")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|across|throughout|outside|around|based\s+in|headquartered\s+in)\s+$")
# "a site in Branchburg, New Jersey, from Eli Lilly": the region of the place before it, set off by commas
_REGION_BEFORE = re.compile(r"\b(?:in|at|near|based\s+in|headquartered\s+in)\s+[A-Z][\w'’.-]{1,30}(?:\s+[A-Z][\w'’.-]{1,30}){0,2}"
                            r",[ \t]{1,3}$")
_REGION_AFTER = re.compile(r"[ \t]*(?:[,.;:)]|$)")
_SHARES_OF = re.compile(r"(?:shares|stock)\s+(?:of|in)\s+$", re.IGNORECASE)
# what a deal sells or buys, right before its name: "the sale of SDLG", "a stake in Kotak General Insurance"
# ("the purchase, agreed on Wednesday, of WuXi Biologics' plant": an aside between the noun and its object)
_SOLD = (r"stake\s+in|(?:sale|disposal|purchase|acquisition|takeover|addition|integration|merger|amalgamation)"
         r"(?:,[^,;.]{1,40},)?\s+of")  # ("the merger of Fauji Fertilizer Bin Qasim into FFC": the one merged in)
_SOLD_BEFORE = guarded(rf"(?:{_SOLD})\s+(?:the\s+)?$", re.IGNORECASE)
#: The verbs of a cause of someone else's figure ("driven by", "helped by"), and what such a cause counted ("aided
#: by a full quarter of Indus Towers' numbers", "helped by a recovery at Techcombank"): shared with claims/parties.py
CAUSE_VERBS = r"(?:driven|helped|boosted|lifted|supported|powered|fuell?ed|aided)"
CAUSE_COUNTED = rf"{CAUSE_VERBS}\s+by\s+(?:a|an|the)(?:\s+[a-z][\w-]*){{1,3}}\s+(?:of|at|in)"
# … also the second of two causes: "helped by an extra trading week and by Boxer"
_SECOND_CAUSE = rf"(?:{CAUSE_VERBS}\s+by|thanks\s+to)\s+(?:[\w-]+\s+){{1,6}}?and\s+(?:by|to)"
# … and the last of a list of causes: "helped by cellular contracts, retail credit and Flash"
# (not ", and" : "helped by higher prices, and Acme's revenue rose …" opens a clause of its own)
LISTED_CAUSE = guarded(rf"\b{CAUSE_VERBS}\s+by\s+(?:[\w'’-]+,?\s+){{1,8}}?(?<!,\s)and\s+(?:by\s+)?(?:the\s+)?$")
# … and where a change came from: "The perimeter effect of 2.7 points came mostly from Courvoisier, the cognac house"
_CAME_FROM = r"(?:came|comes|coming)\s+(?:(?:mostly|mainly|largely|chiefly|partly|entirely|all)\s+)?from"
_CAUSED_BY = guarded(rf"\b(?:{CAUSE_COUNTED}|{CAUSE_VERBS}\s+by|{_SECOND_CAUSE}|{_CAME_FROM})\s+(?:the\s+)?$"
                     r"|\bthanks\s+to\s+(?:the\s+)?$",
                     re.IGNORECASE)
# "whose stakes in national carmaker Perodua", "its holding in the lender": a company held, a party to the sentence
# (with a description between), never its subject
_HELD_IN = guarded(r"\b(?:stakes?|holdings?|shareholdings?)\s+in\s+(?:(?:the|its|their|a|an)\s+)?(?:[a-z][\w-]*\s+){0,3}$",
                   re.IGNORECASE)
# "the joint venture between Koç Holding and Ford Motor Co": the owners of the venture the story is about, parties
# named in passing, never its subject
_VENTURE_OF = guarded(r"\b(?:joint[\s-]+venture|JV|venture|partnership|tie-up|alliance)\s+(?:between|of|with|owned\s+by)"
                      r"\s+(?:(?:the|its)\s+)?$", re.IGNORECASE)
# the group a unit the copy describes is part of, or its owner: "The Lagos-based unit of South Africa's Standard Bank
# Group earned …", "controlled by Britain's Imperial Brands": not the one the story is about
PART_OF = guarded(r"\b(?:(?:unit|subsidiary|arm|affiliate|division)[ \t]+of|(?:controlled|owned|majority-owned)[ \t]+by)"
                  r"[ \t]+(?:(?:[A-Z][\w-]*[ \t]+)?[A-Z][\w-]*['’]s[ \t]+)?$")
# where a filing went: "the annual report it filed with the U.S. Securities and Exchange Commission", "accounts lodged
# with the Companies Registry": a regulator or registry, never the filer whose figures follow
_FILED_WITH = guarded(r"\b(?:filed|files|filing|lodged|lodges|submitted|submits)[ \t]+(?:it[ \t]+)?with[ \t]+(?:the[ \t]+)?"
                      r"(?:[A-Z][\w.-]*[ \t]+)?$")
# a name set before a noun as what it qualifies: "Strip out the Almarai income", "the Hartwall deal", "the Almarai
# years": a holding, a deal or an era named after another organisation, no sentence's subject
_ATTRIBUTIVE_BEFORE = re.compile(r"(?<![\w-])[Tt]he[ \t]$")
_ATTRIBUTIVE_AFTER = re.compile(r"[ \t](?:stake|stakes|income|shares|holding|holdings|deal|deals|sale|years|era|transaction"
                                r"|contribution|acquisition|purchase|merger|takeover|disposal|investment|dividends?)\b")
# ", " between a name and the description that glosses it ("SDLG, the Chinese wheel-loader brand")
_APPOSED = re.compile(r"[ \t]{0,3},[ \t]{1,3}")
# legal forms written in small letters after a name (Iceland's, Czechia's and Slovakia's, the former Yugoslavia's,
# Poland's), Iceland's perhaps after a word of the name in small letters ("Arion banki hf."): not read as words of the
# name (the point taken whole: "a.s.a.p." is none)
_SMALL_LEGAL_FORM = re.compile(r"[ \t]{1,3}(?:(?:[a-zà-ž]{3,12}[ \t]{1,3})?e?hf|a\.s|s\.r\.o|d\.d|d\.o\.o"
                               r"|sp\.[ \t]?z[ \t]?o\.o)\.?+(?![\w])")
# "a stake in Kotak General Insurance to Zurich Insurance": the buyer of what a party to a deal sells is a party too
_SOLD_TO_GAP = re.compile(r"[ \t]{1,3}to[ \t]{1,3}(?:the[ \t]{1,3})?")
# … and the buyer of a part the copy does not name as an organisation: "the sale of the Application Modernization and
# Connectivity (AMC) unit to Rocket Software"
_SOLD_TO_BEFORE = guarded(r"\b(?:sale|disposal|divestment|divestiture)\s+of\s+(?:its|the|a|an)\s+[^.;:!?]{1,90}?"
                          r"\s+to\s+(?:the\s+)?$", re.IGNORECASE)
# ", ", " and ", ", as well as ", " & " between two names (fullmatch); each run of spaces is read once
# (and the parenthesis that opens the short form the copy defines for it: "the merger of Fauji Fertilizer Bin Qasim
# Limited (FFBL) into FFC")
_LIST_GAP = guarded(r"(?:\s*+,)?\s++(?:and|as\s++well\s++as)\s*+|\s*+[,&(]\s*+")
# initials the copy defines for words in lower case: "Replacement cost operating profit (RCOP)"
_TERM_ACRONYM = re.compile(r"\b[a-z][a-z-]{2,30}[ \t]{1,3}\(([A-Z][A-Z0-9&]{1,7})\)")
# … or names after them: "earnings before interest, tax and material items, known as EBITS" (not after a
# descriptor: "the conglomerate better known as FEMSA" names a company)
_TERM_KNOWN_AS = re.compile(r"\b([a-z][a-z-]{2,30}),[ \t]{1,3}(?:(?:also|commonly|better|widely)[ \t]{1,3})?"
                            r"known[ \t]{1,3}as[ \t]{1,3}([A-Z][A-Z0-9&]{1,7})\b")
# an initial or a capitalised word right before a name: the end of a longer name ("J Sainsbury")
_IN_LONGER_NAME = re.compile(r"(?<![\w.])[A-Z][\w.&]{0,8}[ \t]$")
# "Jerónimo Martins, the Portuguese owner of Poland's Biedronka discount chain and of Pingo Doce": what it owns
# (the names after it in its clause) are parts of it
_OWNER_OF = re.compile(r"[ \t]{0,3},[ \t]{1,3}(?:the|a)[ \t]{1,3}(?:[\w-]+[ \t]{1,3}){0,3}?(?:owner|parent|operator)"
                       r"[ \t]{1,3}of[ \t]{1,3}")
# "**Tandil Partners** moved to neutral with a target of $105", "**Sempione Capital** (hold, target €5.70)", "UBS
#: upgraded the stock to buy": a broker's rating, whose figures are the rated company's (shared with claims/parties.py)
#: an analyst's ratings of a stock
RATINGS = (r"(?:buy|sell|hold|neutral|overweight|underweight|outperform|underperform|equal[- ]weight|market[- ]perform"
            r"|sector[- ]perform|accumulate|reduce|strong\s+buy)")
# who gathered a consensus, named before it: "beating the SEK 16.11 billion expected in the LSEG poll", "the FactSet
# consensus": a source of other people's forecasts, never the story's focus
# who polled the analysts, or whose data the copy cites: "expected in the LSEG poll", "LSEG data showed analysts …"
POLL_AFTER = re.compile(r"[ \t]{1,3}(?:poll|polls|consensus|survey|compilation"
                        r"|data[ \t]{1,3}(?:showed|shows|show|compiled|suggested|suggests|indicated|indicates))\b",
                        re.IGNORECASE)
RATED_AFTER = re.compile(
    rf"[*_]{{0,2}}[ \t]{{0,3}}(?:\([ \t]{{0,3}}{RATINGS}\b"
    rf"|[ \t](?:moved|moves|upgraded|upgrades|downgraded|downgrades|cut|cuts|raised|raises|lifted|lifts|kept|keeps"
    rf"|reiterated|reiterates|rates|rated|initiated|initiates|started|starts|resumed|resumes)[ \t]{{1,3}}"
    rf"(?:(?:the[ \t]{{1,3}})?(?:stock|shares|it|its[ \t]{{1,3}}rating|coverage|the[ \t]{{1,3}}company)[ \t]{{1,3}})?"
    rf"(?:(?:to|at|with|from)[ \t]{{1,3}}(?:an?[ \t]{{1,3}})?)?{RATINGS}\b)", re.IGNORECASE)
# "Biedronka, which accounts for 70.7% of group sales", "Biedronka generated 70.7% of the group's €26.5 billion": a
# name whose clause gives its share of the group is a part of it
# "Private, the segment hit hardest by the weather", "By segment, Private delivered …": a name the copy calls a part
# ("Access Solutions, by far the larger of dormakaba's two segments, grew …": the larger of them)
_PART_APPOSED = re.compile(r"[ \t]{0,3},\s{1,3}(?:the\s{1,3}(?:[\w-]+\s{1,3}){0,2}?segment\b"
                           r"|(?:by\s{1,3}far\s{1,3})?(?:the|one\s{1,3}of\s{1,3}the)\s{1,3}"
                           r"(?:[\w'’&-]+\s{1,3}){0,4}?(?:segments|divisions|business\s{1,3}areas)\b)",
                           re.IGNORECASE)
_BY_SEGMENT = re.compile(r"\b[Bb]y[ \t]{1,3}segment[ \t]{0,3},[ \t]{1,3}$")
# "The Access Solutions segment, which generates …", "its Energy Markets division": a name the copy gives a reporting
# part's word, after "the", "its" or an owner's name, is that part of the company
_PART_NAMED = re.compile(r"\s{1,3}(?:segment|division|business\s{1,3}area|operating\s{1,3}segment)\b", re.IGNORECASE)
_PART_OWNER = re.compile(r"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir)|['’]s?)\s{1,3}$")
# "revenue from Azure and other cloud services", "Intelligent Cloud, home to Azure": a name the copy calls one of a
# kind of thing sold, or a thing a part of the company holds, is a product, none of the story's organisations
_ONE_OF_A_KIND_SOLD = re.compile(
    r"[ \t]{1,3}and[ \t]{1,3}other[ \t]{1,3}(?:[\w-]+[ \t]{1,3}){0,2}?(?:services|products|brands|apps|applications"
    r"|platforms|games|titles|drugs|medicines|treatments|vaccines|models|devices|gadgets|consoles|phones|handsets"
    r"|offerings|software|tools|chips|cars|vehicles|beers|drinks|labels)\b", re.IGNORECASE)
_HOME_TO = re.compile(r"\bhome[ \t]{1,3}to[ \t]{1,3}$", re.IGNORECASE)
# "Sales of the PC game Aion rose 53%", "the maker of the Lineage online role-playing games": a name the copy gives the
# kind of thing it is, right before it or a few words after, is a product (and so is a numbered or lettered edition
# of it: "Lineage M", "Aion 2"), none of the story's organisations
# (a kind in the singular right before the name: "the games Tencent publishes" is a clause; a plural after the name and
# a word of description: "the Pfizer vaccine", "The Novartis drug Entresto" name their maker)
_PRODUCT_KIND = r"(?:game|title|drug|film|movie|franchise|console|handset|vaccine|medicine|shooter|sequel)"
_PRODUCT_BEFORE = re.compile(rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir)[ \t]{{1,3}}(?:[\w-]+[ \t]{{1,3}}){{0,2}}?{_PRODUCT_KIND}[ \t]{{1,3}}$")
_PRODUCT_AFTER = re.compile(rf"(?:[ \t]{{1,3}}[a-z][\w-]*){{1,2}}?[ \t]{{1,3}}{_PRODUCT_KIND}s\b")
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)[ \t]{1,3}$")
_EDITION = re.compile(r"[ \t](?:[A-Z]{1,2}|\d{1,2}[A-Z]?|[IVX]{1,4})$")
_SHARE_OF_GROUP = re.compile(
    r"(?:[ \t]{0,3},[ \t]{1,3}(?:which|that)[ \t]{1,3})?[ \t]{1,3}(?:also[ \t]{1,3})?"
    r"(?:accounts?|accounted|generated|generates|makes?[ \t]{1,3}up|made[ \t]{1,3}up|contributes?|contributed"
    r"|represents?|represented|brings?[ \t]{1,3}in|brought[ \t]{1,3}in)[ \t]{1,3}(?:for[ \t]{1,3})?"
    r"(?:(?:about|around|nearly|almost|some|over|more[ \t]{1,3}than|roughly|just[ \t]{1,3}(?:over|under))[ \t]{1,3})?"
    r"\d{1,2}(?:\.\d{1,2})?[ \t]{0,2}(?:%|per[ \t]?cent|percent)[ \t]{1,3}of[ \t]{1,3}(?:the[ \t]{1,3})?"
    r"(?:group|company|parent)(?:['’]s)?\b", re.IGNORECASE)
# "…, the group's petrochemical flagship", "…, its digital bank": a part of another organisation
# two capitalised words, the second a name on its own ("Chidinma Okafor"; `_Reader._people_named_in_full`)
_TWO_WORD_NAME = re.compile(r"\b([A-Z][\w'’-]+)[ \t]([A-Z][\w'’-]+)\b")
# a description set off by commas after a name: "HD Hyundai Samho, a smaller sister yard in South Jeolla province,"
# (or what it does: "HD Hyundai Mipo, which specialises in mid-sized vessels,"); not one that makes it a part of another
# ("Boxer, the discount chain that was floated", "Sea Logistics, the largest unit,") or describes a firm by what it thinks
# ("Causeway Research, which rates the stock a buy,")
_ASIDE_AFTER = re.compile(r"[ \t]{0,3},[ \t]{1,3}(?:an?|which[ \t]{1,3}(?:specialises|specializes|makes|builds|produces"
                          r"|sells|supplies|designs|manufactures|mines|drills))[ \t]"
                          r"(?![^,;:()\n]{0,70}?\b(?:unit|units|division|segment|arm|subsidiary|business|brand|chain"
                          r"|property|operations?|group['’]s|company['’]s|its|their)\b)[^,;:()\n]{1,70},")
_UNIT_APPOSITION = re.compile(r"\s{0,3},\s{1,3}(?:the\s{1,3}(?:group|company|firm|bank|conglomerate|parent)['’]s|its)"
                              r"\s{1,3}(?:[\w-]+\s{1,3}){0,3}?(?:unit|arm|subsidiary|division|flagship|business|bank"
                              # "Flash, the group's payments platform", "Panda, its supermarket chain"
                              r"|affiliate|brand|operator|platform|chain|app|marketplace)\b"
                              # "MegaMex, the U.S. joint venture that sells …": a venture the company shares
                              r"|\s{0,3},\s{1,3}(?:the|a|its|their)\s{1,3}(?:[\w.-]+\s{1,3}){0,2}?joint[-\s]venture\b"
                              # (not "Smith, the joint venture's chief executive", "Tengiz, a joint venture project")
                              r"(?!['’]s|[\s-]{1,3}(?:project|partner|partners|field|market|agreement|deal|stake)\b)")
# … and before it: "the noodle subsidiary, Indofood CBP", "its listed unit Tata Technologies"
_UNIT_BEFORE = re.compile(r"\b(?:its|the(?:\s{1,3}(?:group|company|firm|bank|parent)['’]s)?)\s{1,3}(?:[\w-]+\s{1,3}){0,3}?"
                          # "the flagship Parque Arauco Kennedy": a mall, store or brand of the company it is named after
                          r"(?:unit|arm|subsidiary|division|affiliate|flagship)\s{0,3},?\s{1,3}$")
# A name introduced as a party to someone else's deal does not take the focus of the story.
_INVESTOR_CUE = guarded(
    r"(?:led\s+by|co-led\s+by|backed\s+by|from|investors?|including|alongside|such\s+as|participation\s+of"
    r"|acquired\s+by|bought\s+by|customers?|clients?|partners?|rivals?|competitors?|peers?|like|than"
    # its owner: "Logista, the distributor … that is controlled by Britain's Imperial Brands"
    r"|(?:controlled|owned|majority-owned|majority\s+owned)\s+by(?:\s+[A-Z][a-z]+['’]s)?"
    r"|(?:analysts?|economists?|strategists?|researchers?|brokers?|partner|director|head\s+of\s+[\w\s]{1,30}?)\s+at"
    r"|(?:listed|listing|trading|trade|trades|debut|debuted|float|floated)\s+(?:on|in)"
    # a cause of someone else's figure: "revenue rose …, driven once again by T-Mobile US, the group's subsidiary"
    rf"|{CAUSE_VERBS}(?:\s+[a-z]+){{0,2}}?\s+by|thanks\s+to"
    # … the second of two causes: "helped by an extra trading week and by Boxer, the discount chain"
    rf"|{_SECOND_CAUSE}"
    # … and what it counted: "aided by a full quarter of Indus Towers' numbers"; "Six months of Bin Qasim's sales now
    # sit inside FFC's income statement": a stretch of another's figures counted in the subject's
    rf"|{CAUSE_COUNTED}|(?:months|quarters|weeks)\s+of"
    # who gathered a consensus, or whom a figure is attributed to: "analysts surveyed by LSEG had expected",
    # "Analysts had expected $10.26 billion, according to FactSet"
    r"|(?:surveyed|polled|compiled|gathered|tracked)\s+by|according\s+to"
    # a concession about another: "…, although the Bank of Canada has now cut its policy rate"
    r"|although|though|whereas|even\s+as"
    # what a deal sells or buys: "a gain on the sale of a majority stake in Kotak General Insurance"
    rf"|{_SOLD})"
    r"\s+(?:the\s+)?$", re.IGNORECASE)


# Abbreviations that may open a company's name ("Dr. Reddy's", "Dr. Martens", "St. James's Place")
_ABBREVIATED_OPENERS = frozenset({"Dr", "St"})
# an adjective of who owns or runs it, opening a sentence before a name: "State-run Canara Bank" (not "Co-operative Bank")
_ADJECTIVE_OPENER = re.compile(r"[A-Z][a-z]+-(?:run|owned|controlled|backed|listed|based|led|funded|held|operated"
                               r"|focused|registered|headquartered)")
_LOWER_COMPOUND = re.compile(r"[\w&'’.+]+-[a-z][a-z-]*")  # "Bought-back", "Mexico-listed": its last part in lower case
_COURTESY_TITLES = frozenset({"Mr", "Mrs", "Ms"})  # as a name's first word ("Mr." ends no word of a name)
_NEXT_WORD = re.compile(r",?[ \t]+([\w.]+)")
# Words that may open a sentence before a name but are never part of it, even of "European Space Agency".
_ONE_LINE_GAP = r"(?:[ \t]+\n?|\n)[ \t]*"  # space between two words of one paragraph: one line break at most
_LEADING_WORDS = frozenset(
    "the in on at by for and but or of to from with as if so while when after before since under over about despite "
    "although meanwhile however last next this that these those its their our his her also both all some many most "
    "each other another such read see according analysts investors shares what why how where who which unlike like "
    "besides beyond against than via through rival rivals peer peers competitor competitors fellow "
    # "Because Siemens AG still holds …", "Revenue of Acme Robotics was …": a conjunction or a measure opening the
    # sentence before a name that ends in a legal form or an organisation's word
    "because though unless until whether including excluding once even only just still yet then now today "
    "yesterday earlier later revenue revenues sales profit profits earnings turnover "
    # "Much of Ethio Telecom's revenue …", "Half of Kestrel Foods' sales …": a share of what the name owns
    "much half part none few".split())


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name or reference at `text[start:end]` standing for the organisation `name`."""

    start: int
    end: int
    name: str
    kind: str  # "alias", "organisation" or "reference"


class LegalForms:
    """Legal forms that end a company's name: the pack's list, and the international terms of the cleanco
    package (`sro`, `Oyj`, `Kft`, `SARL`, `Ltda`, `Pte`, `Bhd` …) written as a name's last word, capitalised.
    cleanco's two-letter terms and its words that are also common words, codes, names or places ("UK", "EU",
    "Company", "Private"; "Ong" and "Teo", surnames; "Sha" of Hong Kong's "Sai Sha") are left to the pack's list,
    which says which of them count."""

    _SKIPPED = frozenset({"company", "private", "ent", "etat", "unlimited", "cic", "cio", "sha", "ong", "teo", "sal",
                          "sep", "vat", "dat", "ans", "sem", "ses", "gte", "fie", "stg", "tov", "sae"})

    def __init__(self, own: Iterable[str]) -> None:
        self.own = frozenset(own)
        self.terms = frozenset(t for t in _cleanco_terms() if len(t) >= 3 and t not in self._SKIPPED)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        if word in self.own:
            return True
        return word[0].isupper() and word.lower().replace(".", "") in self.terms


@lru_cache(maxsize=1)
def _cleanco_terms() -> frozenset[str]:
    """cleanco's one-word legal terms (normalised: lower case, no dots)."""
    from cleanco.clean import prepare_default_terms  # deferred: only when a vocabulary is built

    return frozenset(parts[0] for size, parts in prepare_default_terms() if size == 1)


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of `rules/organisations.toml`, compiled once per run."""

    legal_forms: "LegalForms"
    dropped_words: frozenset[str]
    parent_words: frozenset[str]
    place_words: frozenset[str]
    place_phrases: dict[str, list[tuple[str, ...]]]  # by first word
    places: frozenset[str]  # the place words and the places of several words, written out ("New Zealand")
    organisation_words: frozenset[str]
    generic_name_words: frozenset[str]  # words any country's bank or body bears: a name of them alone needs its place
    authority_nouns: frozenset[str]  # what a regulator, court or ministry is described as: it takes no focus
    organisation_openings: frozenset[str]
    legal_forms_before: frozenset[str]
    investor_words: frozenset[str]
    not_names: frozenset[str]
    first_names: frozenset[str]
    descriptor: re.Pattern[str]
    descriptor_words: frozenset[str]
    titles: frozenset[str]
    apposition: re.Pattern[str]
    lead_description: re.Pattern[str]
    modifier: re.Pattern[str]
    title_after: re.Pattern[str]
    actor_after: re.Pattern[str]
    possession_after: re.Pattern[str]
    reference: re.Pattern[str]
    titled_name: re.Pattern[str]  # "retailer Mr Price": a descriptor noun, then a name that opens with "Mr"

    @classmethod
    def load(cls, data: dict) -> "Vocabulary":
        def alt(words: list[str]) -> str:
            return trie(set(words))

        descriptors = alt(data["descriptors"])
        titles = alt(data["person_titles"])
        return cls(
            legal_forms=LegalForms(w.rstrip(".") for w in data["legal_forms"]),
            dropped_words=frozenset(data["dropped_words"]),
            parent_words=frozenset(data.get("parent_words", [])),
            place_words=frozenset(data.get("place_words", [])),
            place_phrases=_by_first_word(data.get("place_phrases", [])),
            places=frozenset(data.get("place_words", [])) | frozenset(data.get("place_phrases", [])),
            organisation_words=frozenset(data["organisation_words"]),
            generic_name_words=frozenset(data.get("generic_name_words", [])) | frozenset(data["organisation_words"]),
            authority_nouns=frozenset(w.lower() for w in data.get("authority_descriptors", [])),
            organisation_openings=frozenset(data.get("organisation_openings", [])),
            legal_forms_before=frozenset(data.get("legal_forms_before", [])),
            investor_words=frozenset(data["investor_words"]),
            not_names=frozenset(w.rstrip(".") for w in data["not_names"]["words"]),
            first_names=frozenset(data.get("first_names", {}).get("words", [])),
            descriptor=re.compile(rf"(?:{descriptors})", re.IGNORECASE),
            descriptor_words=frozenset(w.lower() for w in data["descriptors"]),
            titles=frozenset(t.lower() for t in data["person_titles"]),
            apposition=re.compile(
                rf"^\s*,\s+(?:the|a|an|its|which\s+is\s+(?:a|an|the)|[A-Z][\w.&-]*['’]s)\s+"
                # the noun heads the apposition: not "AL, the figure the company looks at" (a clause about another)
                rf"(?:(?!(?:the|a|an|that|which|its)\s)[\w.&'’-]+\s+){{0,5}}?"
                # (and not a possessive: "Cables, the company's biggest segment" is a part of the company)
                rf"(?P<noun>{descriptors})s?(?![\w'’-])"
                # (nor the subject of the next clause: "rebuilding a tunnel under Baltimore, the network was running")
                rf"(?!\s+(?:was|is|were|are|has|had|have|will|would|could)\b)", re.IGNORECASE),
            # "**Ericsson.** The Swedish maker of network gear reported": a round-up's name and its description
            # (`[*_]*(?:[.:][*_]*)?`: two star runs side by side would split a long run of stars every way)
            lead_description=re.compile(
                rf"^[*_]*(?:[.:][*_]*)?\s+The\s+(?:[\w.&'’-]+\s+){{0,4}}?(?P<noun>{descriptors})s?(?![\w-])"),
            modifier=re.compile(rf"^[ \t]+(?:[a-z][\w-]*[ \t]+){{0,2}}(?:{descriptors})s?(?![\w-])"),
            # `\s*` inside each branch: `\s*` before `\s+\(` split a long run of spaces every way
            title_after=re.compile(
                rf"^(?:\s*,\s+(?:(?:the|a|an|its|their|his|her|[\w&.-]+['’]s)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{titles})(?![\w-])"
                rf"|\s*,\s+who\b|\s+\((?:{titles})\))", re.IGNORECASE),
            actor_after=re.compile(rf"^[ \t]+(?:(?:has|have|had|also|then|now|recently|last\s+\w+|on\s+(?:{_WEEKDAYS})"
                                   rf"|today|yesterday|this\s+week)\s+)?(?:{alt(data['actor_verbs'])})(?![\w-])"),
            possession_after=re.compile(
                rf"^['’]s?\s+(?:(?:[\w-]+\s+)?(?:{alt(data['possessions'])})(?![\w-])|(?:[A-Z]{{0,3}}[$€£¥₹₩]|\d))", re.IGNORECASE),
            reference=re.compile(
                rf"(?=[IiWwOouTt])(?<![\w-])(?:(?P<pronoun>[Ii]ts|[Ii]t|[Ww]e|[Oo]ur|us)"
                # (in one paragraph: not "## The starting point\n\nThe group", a heading and its paragraph's reference)
                rf"|(?P<desc>[Tt]he{_ONE_LINE_GAP}(?:[\w-]+{_ONE_LINE_GAP}){{0,3}}?(?P<noun>{descriptors})))(?![\w-])"),
            titled_name=re.compile(rf"(?<![\w-])(?:{descriptors})s?[ \t]+((?-i:(?:Mr|Mrs|Ms)[ \t]+[A-Z][\w&'’.-]*[\w]))",
                                   re.IGNORECASE),
        )


def _by_first_word(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases of several words, split, under their first word (one dictionary look-up per name)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        found.setdefault(words[0], []).append(words)
    return found


class EntityTable:
    """The organisation vocabulary and the user's alias table; `document()` finds the entities of one text."""

    def __init__(self, aliases: dict[str, str], vocabulary: Vocabulary) -> None:
        self.aliases = aliases
        self.vocabulary = vocabulary
        parts = []
        for alias in sorted(aliases, key=len, reverse=True):
            escaped = re.escape(alias).replace(r"\ ", r"\s+")
            if alias.lower().startswith("the "):
                escaped = "[Tt]he" + escaped[3:]
            parts.append(escaped)
        self.pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])") if parts else None
        self._keys = {" ".join(a.split()).lower(): n for a, n in aliases.items()}

    @classmethod
    def load(cls, paths: list[Path] | None = None) -> "EntityTable":
        """The pack's vocabulary plus the alias files of the configuration (`[[entity]]` name/aliases)."""
        with open(pack_dir() / "organisations.toml", "rb") as fh:
            data = tomllib.load(fh)
        aliases: dict[str, str] = {}
        extra_not_names: list[str] = []
        for path in paths or []:
            with open(path, "rb") as fh:
                user = tomllib.load(fh)
            for entry in user.get("entity", []):
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    aliases[alias] = entry["name"]
            extra_not_names += user.get("not_entities", {}).get("words", [])
        data["not_names"]["words"] = [*data["not_names"]["words"], *extra_not_names]
        return cls(aliases, Vocabulary.load(data))

    def canonical(self, written: str) -> str:
        return self._keys.get(" ".join(written.split()).lower(), written)

    def document(
        self, text: str, title: str | None = None, sentences: Sentences | None = None,
        regions: list[tuple[int, int]] | None = None, outlet: str | None = None,
    ) -> "DocumentEntities":
        """The organisations, people and references of one (masked) document, read in `regions` (default: all of
        it; the assembler reads the lead and the paragraphs around figures, see sentences.story_regions). The
        `outlet` that published it (its metadata's) is no party to the story, whatever its page says of it."""
        return _Reader(self, text, title, sentences or Sentences(text), regions or [(0, len(text))], outlet).read()


@dataclass
class DocumentEntities:
    """Entity mentions of one document in text order, with the organisation in focus at any offset."""

    mentions: list[EntityMention]
    main: str | None
    _starts: list[int] = field(default_factory=list)
    _focus_at: list[int] = field(default_factory=list)
    _focus: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [m.start for m in self.mentions]

    def find(self, start: int, end: int) -> list[EntityMention]:
        """Mentions inside `[start, end)`."""
        i, j = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def set_focus(self, points: list[tuple[int, str]]) -> None:
        """Where each sentence's subject organisation takes the focus (offsets in order)."""
        self._focus_at = [p for p, _ in points]
        self._focus = [n for _, n in points]

    def focus(self, offset: int) -> str | None:
        """The organisation in focus before `offset`: the last sentence subject, else the main entity."""
        i = bisect_right(self._focus_at, offset) - 1
        return self._focus[i] if i >= 0 else self.main


class _Reader:
    """One pass over a document: candidate names, their evidence, people, organisations, references."""

    def __init__(
        self, table: EntityTable, text: str, title: str | None, sentences: Sentences, regions: list[tuple[int, int]],
        outlet: str | None = None,
    ) -> None:
        self.outlet = _outlet_key(outlet) if outlet else None
        self.sentences = sentences
        self.regions = regions
        self._stripped_names: dict[str, str] = {}
        self._title_lines: dict[int, bool] = {}  # a line's start -> whether it is set in title case
        self._lower: dict[str, bool] = {}  # word -> whether the copy writes it in lower case somewhere
        self._formal: dict[str, bool] = {}  # "Dr. Martens" -> whether a legal form follows it somewhere
        self._described: set[str] | None = None  # names opening with "Mr" with a descriptor noun before them somewhere
        self._shouted: frozenset[str] | None = None
        self.table = table
        self.v = table.vocabulary
        self.text = text
        heading = _HEADLINE.search(text)  # a headline at the top of the body, as in a pasted or plain-text story
        if heading and _TWO_SENTENCES.search(heading.group(1)) and not _is_title_case(heading.group(1)):
            heading = None  # a first line of two sentences is copy, not a headline (unless set in title case)
        self.title = " ".join(_headline(t) for t in (title, heading.group(1) if heading else None) if t)

    def read(self) -> DocumentEntities:
        text, v = self.text, self.v
        candidates = self._candidates()
        if self.outlet:  # "| Sierra Madre Business Journal" in the page's title and masthead: the publisher
            candidates = [c for c in candidates if _outlet_key(c[2]) != self.outlet]
        agencies = {_outlet_key(m.group(1)) for m in _DATELINE_AGENCY.finditer(text, 0, 3000)} if "(" in text[:3000] else ()
        if agencies:  # "SAO PAULO, Feb 26, 2025 (Atlantico Press Agency) -": the agency that filed the story
            candidates = [c for c in candidates if _outlet_key(c[2]) not in agencies]
        places: set[str] = set()
        filed_from: set[int] = set()
        for line in _DATELINE_PLACE.finditer(text, 0, 3000):
            places.add(line.group(1).title())
            if text[line.end():line.end() + 4].lstrip()[:1] in ("-", "–", "—"):
                filed_from.add(line.start(1))  # "NEWARK — …": the place itself (not "CSL, the maker of …")
        if "-based" in text or "-headquartered" in text:
            places.update(m.group(1) for m in _BASED_PLACE.finditer(text))
        if " of " in text:  # "agreed to pay the state of Alagoas R$1.2 billion": a place, wherever else it stands
            places.update(m.group(1) for m in _STATE_OF.finditer(text))
        if " in " in text:  # "a new line at Oulu in northern Finland": a town of a place the copy names
            places.update(town for m in _IN_A_REGION.finditer(text) if m.group(2) in self.v.places
                          and not _acts_somewhere(text, town := m.group(1)))
        places.update(self._home_towns(candidates))
        if places:
            candidates = [c for c in candidates if c[2] not in places and c[0] not in filed_from]
        terms = {m.group(1) for m in _TERM_ACRONYM.finditer(text)} if "(" in text else set()
        if "known as" in text:  # a search over every lower-case word of the text, only where it can match
            terms.update(m.group(2) for m in _TERM_KNOWN_AS.finditer(text) if m.group(1) not in v.descriptor_words)
        if terms:  # "Replacement cost operating profit (RCOP)": a measure's initials, not an organisation's
            candidates = [c for c in candidates if c[2] not in terms]
        strength: dict[str, int] = {}  # name -> strongest evidence seen anywhere in the document
        descriptors: dict[str, set[str]] = {}
        acronyms: dict[str, str] = {}
        known_as: set[str] = set()
        previous: tuple[int, int, str] | None = None
        tried: Counter[str] = Counter()
        for s, e, name in candidates:
            tried[name] += 1
            known = strength.get(self._stripped(name))
            # (a person by a given name alone may yet prove a company named after one: its first mentions are read)
            if known == ORG_STRONG or (strength.get(name) == PERSON and not (
                    tried[name] <= 3 and name.split()[0] in v.first_names)) or (known == ORG_WEAK and tried[name] > 2) or (
                    tried[name] > EVIDENCE_TRIES and name not in strength):
                previous = (s, e, name)
                continue  # nothing more to learn about it, or nothing said of it in its first mentions
            kind, noun = self._evidence(s, e, name)
            if kind is None and previous and strength.get(previous[2]) == PERSON and _AND_GAP.fullmatch(text, previous[1], s) \
                    and len(name.split()) > 1:
                kind = PERSON  # "co-founders Valentin Stalf and Maximilian Tayenthal"
            previous = (s, e, name)
            if kind is None:
                continue
            key = name if kind in (PERSON, PERSON_WEAK) else self._stripped(name)
            strength[key] = max(strength.get(key, 0), kind)
            if kind in (PERSON, PERSON_WEAK):
                continue
            if _UNIT_DESCRIBED.match(text, e) and not _opens_sentence(text, s):
                # "… and Integrated Retail, the supermarket business that now includes …, by 10%": a part of the story's
                # company named in passing (one that opens its sentence may open a paragraph about it)
                descriptors.setdefault(key, set()).update(("unit", PART))
            if noun:
                descriptors.setdefault(key, set()).add(noun.lower())
                if _BOUGHT_APPOSED.match(text, e):
                    descriptors[key] |= {"unit", BOUGHT}  # "Widerøe, the regional carrier bought last year": a part now
            acronym = _ACRONYM.match(text, e) or (_KNOWN_AS.match(text, e) if text.startswith(",", e) else None) \
                or _KIND_THEN_ACRONYM.match(text, e) or _TICKER_SYMBOL.match(text, e)
            if acronym:
                short = self._stripped(acronym.group(1).rstrip("."))
                acronyms[short] = key
                if acronym.re is _KNOWN_AS:
                    known_as.add(short)  # "…, better known as FEPSA": the name the copy goes on to use
        self._evidence_elsewhere(candidates, strength, descriptors)
        self._people_named_in_full(strength)
        persons = {n for n, k in strength.items() if k in (PERSON, PERSON_WEAK) and not (
            strength.get(self._stripped(n), 0) > strength[n])}
        persons |= {n.split()[-1] for n in persons}  # "Tamm said" after "chief executive Mari Tamm"
        evidenced = [n for n, k in strength.items() if k in (ORG_STRONG, ORG_WEAK) and not (
            k == ORG_WEAK and strength.get(n) is not None and n in persons)]
        evidenced = [n for n in evidenced if n not in persons or strength[n] == ORG_STRONG]
        # "J.M. Smucker Co. … Smucker said", with "chief executive Mark Smucker": the last word of a name its founder's
        # initials open is the company's short name, not the executive's surname
        founders = {last for n in evidenced if (last := n.rsplit(" ", 1)[-1]) != n
                    and _FOUNDERS_INITIALS.fullmatch(n, 0, len(n) - len(last) - 1)}
        evidenced += [n for n in founders if n not in evidenced]
        persons -= set(evidenced)
        if any(_INITIALISM.fullmatch(n) for n in evidenced):
            # "Kelso Orbital Works (KOW) reported …": the name its initials stand for, when they are an organisation's
            for s, e, name in candidates:
                acronym = _ACRONYM.match(text, e)
                if acronym and acronym.group(1) in evidenced and key_initials(key := self._stripped(name), acronym.group(1)) \
                        and key not in evidenced and name not in persons:
                    evidenced.append(key)
                    acronyms[acronym.group(1)] = key
        for n, full in _initialisms({c[2] for c in candidates}, evidenced).items():
            acronyms.setdefault(n, full)  # "ESA" for "European Space Agency": initials name the same body
        counts = Counter(self._stripped(n) for _, _, n in candidates if n not in persons)
        opening: dict[str, int] = {}  # where each name is first written
        in_prose: set[str] = set()  # names written at least once where no capitalised word follows (no headline)
        for s, e, n in candidates:
            if n not in persons:
                key = self._stripped(n)
                opening.setdefault(key, s)
                after = text[e:e + 3].lstrip()
                if not after or not after[0].isupper():
                    in_prose.add(key)
        opening = {n: at for n, at in opening.items() if n in in_prose}
        # "the Emirates Group … Emirates Skylift": a name the copy writes with a group's word is the group, and
        # its longer forms are its units, not other names of it
        groups = {self._stripped(n) for _, _, n in candidates if n.rsplit(" ", 1)[-1] in v.parent_words}
        evidenced += _place_units(evidenced, counts, self.v.places)
        # "PTT Global Chemical, the group's petrochemical flagship": a unit of another, never one name with it
        units = {self._stripped(n) for s, e, n in candidates
                 if _UNIT_APPOSITION.match(text, e) or _UNIT_BEFORE.search(text, max(0, s - 80), s)}
        canonical = self._families(evidenced, counts, acronyms, opening, groups, known_as, units)
        descriptors = {canonical.get(n, n): nouns for n, nouns in descriptors.items()}
        mentions = self._alias_mentions()
        taken = [(m.start, m.end) for m in mentions]
        for s, e, name in candidates:
            org = canonical.get(self._stripped(name)) if name not in persons else None
            if org and not (taken and any(a < e and s < b for a, b in taken)):
                mentions.append(EntityMention(s, e, org, "organisation"))
        mentions.sort(key=lambda m: m.start)
        # "By segment, Private delivered …", "Private, the segment hit hardest": a part of the company the copy names
        # as such is none of the story's organisations (its figures are the company's), nor a product it names as one
        # ("Azure and other cloud services")
        segments = {m.name for m in mentions if _PART_APPOSED.match(text, m.end)
                    or _BY_SEGMENT.search(text, max(0, m.start - 16), m.start)
                    or _ONE_OF_A_KIND_SOLD.match(text, m.end) or _HOME_TO.search(text, max(0, m.start - 12), m.start)
                    or (_PART_NAMED.match(text, m.end) and _PART_OWNER.search(text, max(0, m.start - 8), m.start)
                        and not self._named_whole(m.name, mentions))}  # ("the Pick n Pay segment" of Pick n Pay)
        products = {m.name for m in mentions if strength.get(m.name) != ORG_STRONG and (
            _PRODUCT_BEFORE.search(text, max(0, m.start - 40), m.start)
            or (_PRODUCT_AFTER.match(text, m.end) and _THE_BEFORE.search(text, max(0, m.start - 8), m.start)))}
        if products:  # … and their editions ("Lineage M", "Aion 2")
            segments |= products | {m.name for m in mentions
                                    if (edition := _EDITION.search(m.name)) and m.name[:edition.start()] in products}
        if segments:
            mentions = [m for m in mentions if m.name not in segments]
        names = {m.name for m in mentions}
        # investors, and the exchanges shares trade on ("ended the session on the National Stock Exchange"):
        # parties to the story, never its focus
        # (a name that is the word alone is named so, not described: "Equity", the group of "Equity Group Holdings")
        investors = frozenset(n for n in names if " " in n and (n.split()[-1] in v.investor_words
                                                                  or n.split()[-1] in VENUE_WORDS))
        # … and one the copy introduces as another's shareholder ("Empresas Públicas de Medellín (EPM), the
        # city-owned utility that is ISA's second-largest investor", "Ecopetrol, ISA's controlling shareholder")
        # (not the one the headline names: "Ecopetrol, ISA's controlling shareholder, reported …" under "Ecopetrol …")
        investors |= {m.name for m in mentions if _SHAREHOLDER_APPOSED.match(text, m.end)
                      and not (self.title and m.name.split()[0] in self.title)}
        counts = Counter(m.name for m in mentions)
        if self.title:
            # the headline names what the story is about: the names it writes whole ("Grupa Azoty's third quarter" is
            # not about "Grupa Azoty Polyolefins"), else those whose first word it has
            whole = [n for n in counts if _occurrences_any(self.title, (n,))]
            for name in whole or [n for n in counts if n.split()[0] in self.title]:
                counts[name] += 2
        aside: set[int] = set()
        sold: set[int] = set()  # the asides that a deal sells or buys ("the sale of SDLG"), or that are causes or holdings
        leading: set[int] = set()  # the asides that open their sentence
        for i, m in enumerate(mentions):
            tail = text[max(0, m.start - 30):m.start].split()
            if (tail and tail[-1].lower() in _ASIDE_LAST and _INVESTOR_CUE.search(text, max(0, m.start - 60), m.start)) or (
                _HELD_IN.search(text, max(0, m.start - 60), m.start)) or _VENTURE_OF.search(text, max(0, m.start - 40), m.start) \
                    or PART_OF.search(text, max(0, m.start - 60), m.start) \
                    or _FILED_WITH.search(text, max(0, m.start - 40), m.start) \
                    or LISTED_CAUSE.search(text, max(0, m.start - 100), m.start) \
                    or (_ATTRIBUTIVE_BEFORE.search(text, max(0, m.start - 4), m.start) and _ATTRIBUTIVE_AFTER.match(text, m.end)) \
                    or RATED_AFTER.match(text, m.end) or POLL_AFTER.match(text, m.end) \
                    or _LISTED_AS_PART.search(text, max(0, m.start - 100), m.start) or (
                labels_a_deal(text, m.start, m.end)) or (
                _SOLD_TO_BEFORE.search(text, max(0, m.start - 120), m.start)) or (
                i and mentions[i - 1].start in aside and (_LIST_GAP.fullmatch(self.text, mentions[i - 1].end, m.start)
                                                          or _SOLD_TO_GAP.fullmatch(self.text, mentions[i - 1].end, m.start))
            ):  # "investors including Nvidia, a16z and General Catalyst": the whole list
                aside.add(m.start)
                if tail and _opens_sentence(text, text.rindex(tail[-1], 0, m.start)):
                    leading.add(m.start)  # "Rival Infosys, which reported on Thursday, added to the gloom."
                if _SOLD_BEFORE.search(text, max(0, m.start - 30), m.start) or _CAUSED_BY.search(
                        text, max(0, m.start - 60), m.start) or _HELD_IN.search(text, max(0, m.start - 60), m.start) \
                        or _VENTURE_OF.search(text, max(0, m.start - 40), m.start):
                    # … and a cause or a holding named in passing ("helped by a recovery at Techcombank, the bank
                    # in which Masan holds a stake"): its description is no subject either (not "a message from
                    # ASML, the Dutch lithography specialist, which reported …": that one speaks)
                    sold.add(m.start)
        first = {m.name: m.start for m in reversed(mentions)}
        in_focus = {m.name for m in mentions if m.start not in aside}
        parts = self._parts(mentions)
        pool = [n for n in counts if n not in investors and n in in_focus] or list(counts)
        pool = [n for n in pool if n not in parts] or pool  # "Biedronka, which accounts for 70.7% of group sales"
        main = max(pool, key=lambda n: (counts[n], -first[n])) if pool else None
        mentions, focus = self._with_references(mentions, descriptors, investors, main, aside, leading, sold,
                                                groups, parts)
        found = DocumentEntities(mentions=mentions, main=main)
        found.set_focus(focus)
        return found

    def _evidence_elsewhere(self, candidates: list[tuple[int, int, str]], strength: dict[str, int],
                            descriptors: dict[str, set[str]]) -> None:
        """Names read in the regions without evidence there: their mentions in the rest of the text may have it
        ("Vellin, the state agency," three paragraphs before its budget)."""
        inside = [(a, b) for a, b in self.regions]
        for name in {n for _, _, n in candidates if n not in strength and self._stripped(n) not in strength}:
            outside = (x for x in _occurrences(self.text, name) if not any(a <= x[0] < b for a, b in inside))
            for at, end in islice(outside, EVIDENCE_TRIES):
                kind, noun = self._evidence(at, end, name)
                if kind is not None:
                    key = name if kind in (PERSON, PERSON_WEAK) else self._stripped(name)
                    strength[key] = max(strength.get(key, 0), kind)
                    if noun and kind not in (PERSON, PERSON_WEAK):
                        descriptors.setdefault(key, set()).add(noun.lower())
                    break

    def _people_named_in_full(self, strength: dict[str, int]) -> None:
        """One-word names read as acting ("Okafor expects the board to propose …") that the copy names in full as a
        person elsewhere, outside the paragraphs read ("said Chidinma Okafor, head of research at …", in a quote's
        paragraph with no figure): the person's full name gets its evidence, so that the surname is theirs."""
        names = {n for n, k in strength.items() if k == ORG_WEAK and " " not in n and n.isalpha()}
        if not names:
            return
        written: dict[str, list[re.Match[str]]] = {}  # one pass over the text for all the names
        for full in _TWO_WORD_NAME.finditer(self.text):
            if full.group(2) in names:
                written.setdefault(full.group(2), []).append(full)
        for name in sorted(names):
            tried = 0
            for full in written.get(name, ()):
                kind, _ = self._evidence(full.start(), full.end(), full.group(0))
                if kind == PERSON:  # (a title or a given name says so; not "Saudi Aramco said", a weak sign)
                    strength[full.group(0)] = max(strength.get(full.group(0), 0), kind)
                    break
                tried += 1
                if tried >= EVIDENCE_TRIES:
                    break

    def _named_whole(self, name: str, mentions: list[EntityMention]) -> bool:
        """Whether the copy writes `name` twice or more without a part's word after it ("Pick n Pay raised R12.5
        billion", "Pick n Pay itself" beside "the Pick n Pay segment"): the company, whose own name its core business
        shares."""
        whole = sum(1 for m in mentions if m.name == name and not _PART_NAMED.match(self.text, m.end))
        return whole >= 2

    def _home_towns(self, candidates: list[tuple[int, int, str]]) -> set[str]:
        """One-word names the copy writes as a place ("jobs here in Luton", "in Luton,") and in front of a company's
        description ("the Luton company", "the Cincinnati company"): the company's town, never the company."""
        text, v = self.text, self.v
        described = {name for s, e, name in candidates if " " not in name
                     and text.endswith(("the ", "The "), max(0, s - 4), s) and v.modifier.match(text[e:e + 60])}
        if not described:
            return set()
        return described & {m.group(1) for m in _IN_A_PLACE.finditer(text)}

    def _stripped(self, name: str) -> str:
        known = self._stripped_names.get(name)
        if known is None:
            if self.table.pattern is not None and self.table.pattern.fullmatch(name):
                known = self.table.canonical(name)
            else:
                known = normalize_name(name, self.v)
            self._stripped_names[name] = known
        return known

    def _families(self, evidenced: list[str], counts: Counter[str], acronyms: dict[str, str],
                  opening: dict[str, int] | None = None, groups: frozenset[str] | set[str] = frozenset(),
                  known_as: AbstractSet[str] = frozenset(), units: AbstractSet[str] = frozenset()) -> dict[str, str]:
        """Each name that is an organisation, or a longer or shorter form of one ("Samsung Electronics" and
        "Samsung", "European Space Agency" and "ESA"; not an exchange's first word: "Nairobi" of "Nairobi Securities
        Exchange" is the city), to its canonical name: the form the copy uses most
        (on a tie, the longer), or the full name of first reference (`_Families.canonical`). A short form that
        would also shorten another organisation ("Deutsche" of two banks) joins neither, unless one of them is a
        group's full name ("Kavera" of "Kavera Industries" and "Kavera Retail": `_parent`)."""
        families = _Families()
        places = self.v.places
        defined = set(acronyms.values())  # names the copy gives initials of its own ("Grupa Azoty Polyolefins (GAP)")

        def a_unit(short: str, long: str) -> bool:
            """A longer name that the copy defines initials for after it has named the shorter one alone ("Grupa Azoty
            … Grupa Azoty Polyolefins (GAP)"): a unit of that organisation, not its full name."""
            return long in defined and opening is not None and opening.get(short, len(self.text)) < opening.get(long, 0)

        for org in evidenced:
            families.add(org)
            longer = [n for n in counts if n.startswith(org + " ") and not _joined_on(n, org) and not a_unit(org, n)
                      and not _place_unit(org, n, places) and n not in units and not (org in groups and n not in groups)]
            if longer and not all((widest := max(longer, key=len)).startswith(n) for n in longer):
                # "Kavera" of "Kavera Industries", "Kavera Retail" and "Kavera Digital": the group's full name
                # only, or none (a group and its units are several organisations)
                parent = _parent(org, longer, self.v.parent_words)
                longer = [n for n in longer if parent is not None and (n.startswith(parent) or parent.startswith(n))]
            for n in longer:
                families.join(org, n)
            for n in counts:
                if n.startswith(org + " "):
                    continue
                if org.startswith(n + " ") and not _joined_on(org, n) and org not in units and not a_unit(n, org) \
                        and _bare(n) not in self.v.not_names and org.rsplit(" ", 1)[-1] not in VENUE_WORDS \
                        and not _place_unit(n, org, places) \
                        and not (n in groups and org not in groups) and (not any(
                    o.startswith(n + " ") and not (o.startswith(org) or org.startswith(o)) for o in evidenced
                ) or org == _parent(n, evidenced, self.v.parent_words)):
                    families.join(org, n)
        endings: Counter[str] | None = None  # last and first words of the names of several words, when needed
        openings: Counter[str] = Counter()
        for org in evidenced:  # "Bharti Airtel" … "Airtel", "Grupo Vessa" … "Vessa": the last word alone, when
            # no other name ends or starts with it and it is not another name's acronym ("Coca-Cola FEMSA", a unit
            # of "Fomento Económico Mexicano, better known as FEMSA")
            last = org.rsplit(" ", 1)[-1]
            if last != org and counts.get(last) and _bare(last) not in self.v.not_names | self.v.organisation_words \
                    and last not in self.v.legal_forms and last not in acronyms:
                if endings is None:
                    endings = Counter(w[-1] for n in counts if len(w := n.split()) > 1)
                    openings = Counter(w[0] for n in counts if len(w := n.split()) > 1)
                if endings[last] == 1 and not openings[last]:
                    families.join(org, last)
        for acronym, org in acronyms.items():
            families.join(org, acronym)
        return families.canonical(counts, opening, {s: n for s, n in acronyms.items() if s not in known_as},
                                  self.v.places, self.v.generic_name_words)

    # -- candidates and evidence
    def _candidates(self) -> list[tuple[int, int, str]]:
        """Capitalised names, without leading or trailing words that are never names, and the names a brand writes
        with a small letter first ("easyJet", "eBay", "mBank"), in the order of the text."""
        found = self._capitalised()
        text = self.text
        camel = [(m.start(), m.end(), m.group(0)) for a, b in self.regions for m in _CAMEL_NAME.finditer(text, a, b)
                 if m.group(0) not in self.v.not_names]
        if camel:  # a thing sold by the unit is counted: "iPhone sales … most iPhones sold": a product, no company
            counted = {n for _, _, n in camel if n.endswith("s") and n[:-1] + " " in text or n + "s" in text}
            camel = [c for c in camel if c[2] not in counted]
        lower = self._lower_brands()
        if lower:
            camel = camel + lower
        return sorted(found + camel) if camel else found

    def _lower_brands(self) -> list[tuple[int, int, str]]:
        """Names a company writes all in small letters ("voestalpine", "flynas", "dnata"): a word of the copy that
        opens a sentence or a paragraph in small letters before a verb or a possessive ("… shares. flynas is
        issuing …"), which English words never do, written so at least twice and never with a capital."""
        text, v = self.text, self.v
        words = {m.group(1) for m in _LOWER_OPENS.finditer(text)}
        if (first := _LOWER_OPENS_TEXT.match(text)) is not None:
            words.add(first.group(1))
        words -= v.not_names | v.descriptor_words
        found = []
        for word in words:
            places = list(_occurrences(text, word, _COMPOUND_JOINERS))  # ("flynas's revenue" too)
            if len(places) < 2 or _occurrences_any(text, (word.capitalize(), word.upper())):
                continue
            found += [(a, b, word) for a, b in places if any(x <= a < y for x, y in self.regions)]
        return found

    def _capitalised(self) -> list[tuple[int, int, str]]:
        """Capitalised names, without leading or trailing words that are never names."""
        text, v = self.text, self.v
        skip = v.not_names
        found = []
        heads: dict[int, tuple[int, str, bool]] = {}  # a one-word name's start -> the place word trimmed before it
        single: dict[str, tuple[str, int]] = {}  # a one-word name -> (its bare form or "", its length)
        deferred: list[tuple[int, int, int]] = []  # names on a title-case line: (where in `found`, start, end)
        for a, b in self.regions:
            for m in _NAME.finditer(text, a, b):
                start = m.start()
                if ":" in text[max(0, start - 12):start] and _TICKER_BEFORE.search(text, max(0, start - 12), start):
                    continue  # "(NASDAQ: CRRW)": the symbol marks the company before it
                word = m.group(0)
                if word in _ABBREVIATED_OPENERS and text.startswith(". ", m.end()):
                    continue  # "Dr. Reddy's Laboratories": read with the name after it (`_after_abbreviation`)
                if start >= 4 and text[start - 2] == "." and text[start - 1] == " " \
                        and (named := self._after_abbreviation(start, m.end())) is not None:
                    found.extend(named)
                    continue
                if (" " in word or "\t" in word) and _ADJECTIVE_OPENER.fullmatch(word.split()[0]):
                    # "State-run Canara Bank", "Family-controlled Haldor Group": an adjective opening the sentence, no
                    # word of the name after it
                    rest = word[len(word.split()[0]):].lstrip()
                    start, word = m.end() - len(rest), rest
                if " " not in word and "\t" not in word:  # one word: the common case, decided once per word
                    known = single.get(word)
                    if known is None:
                        bare = _bare(word)
                        never = bare in skip or len(bare) < 2 or _FIGURE_WORD.fullmatch(bare) or _PERIOD_TOKEN.search(bare) \
                            or bare in _CURRENCY_CODES or bare in _LETTER_SYMBOLS or _SYMBOL_FIGURE.fullmatch(bare) \
                            or _LOWER_COMPOUND.fullmatch(bare)
                        # "CZK 30.5 billion", "KSh 4", "Rs10": a currency, never a company; "Bought-back shares", "Mexico-listed",
                        # "A-shares": a compound word, not a name
                        if not never and bare != word.rstrip(".,;:") and self._named_with_s(bare):
                            bare = word.rstrip(".,;:").replace("’", "'")  # "Lowe's", "McDonald's"
                        known = single[word] = ("" if never else bare,
                                                len(bare) if word.replace("’", "'").startswith(bare) else len(word))
                    if known[0] and not (self._on_title_line(start, m.end()) and self._lower_words(known[0])):
                        found.append((start, start + known[1], known[0]))
                    continue
                if word.isupper() and any(len(w) >= SHOUTED_WORD for w in word.split()):
                    continue  # "HELVETIA MARKETS BRIEF", "SIKA LIFTS ITS FORECAST": a masthead or a headline in capitals
                end = m.end()
                if _LOWER_COMPOUND.fullmatch(_bare(word.split()[-1])):
                    # "the São Paulo-listed shares", "Hong Kong-listed": a place made an adjective, no name (what
                    # stands before such a last word is read alone: "Sun Pharma's March-quarter profit")
                    end = start + len(word.rstrip()) - len(word.split()[-1])
                    word = text[start:end].rstrip()
                    end = start + len(word)
                    if not word or word in self.v.places:
                        continue
                if self._on_title_line(start, end):  # "L&T Posts 25% Jump …", "Target Slashes Its Outlook"
                    deferred.append((len(found), start, end))  # cut once the names elsewhere are known
                    continue
                found.extend(self._trimmed(start, end, heads))
        if deferred:
            found = self._title_case_names(found, deferred, heads)
        if heads:
            # "the Emirates Group … Emirates SkyCargo": a place word that heads a company's own name is that company,
            # and the rest after it one of its units; "Alibaba Group … Because Alibaba": the rest is a company
            # already. Not "Canadian Tire Corp. Ltd.": there the place word is only the first of the name's own two
            groups = {body[0] for _, _, name in found if len(body := _name_body(name, v)) == 1 and body != name.split()}
            found = _place_names(found, heads, self._lower_words, groups, lambda at: _opens_sentence(text, at), text)
        return self._joined(found) if " and " in text or " for " in text else found

    def _joined(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Two candidates "A and B" or "A for B" that are one name: "OQ Exploration and Production", "Foshan Haitian
        Flavouring and Food" (a name of several words, then one word the copy never writes alone), "Oil and Gas
        Development Company" (one word never written alone, then a name that ends in an organisation word or a legal
        form), "United Bank for Africa" (an organisation word, "for", a place). Not "Goldman Sachs and Morgan
        Stanley", "Southeast Asia and Europe", "Grace Leung and Daniel Ho", "a bid for Carrefour": two of them."""
        text, v = self.text, self.v
        pairs: Counter[tuple[str, str, str]] = Counter()
        for (_, e, left), (s2, _, right) in zip(found, found[1:]):
            joiner = text[e:s2]
            if joiner in (" and ", " for "):
                pairs[(left, joiner, right)] += 1
        if not pairs:
            return found
        alone = Counter(name for _, _, name in found)
        joined = set()
        for (left, joiner, right), n in pairs.items():
            lw, rw = left.split(), right.split()
            if left in v.places or right in v.legal_forms or lw[0] in v.first_names:
                continue
            if joiner == " for ":
                place = " ".join(w for w in rw if _bare(w).rstrip(".") not in v.legal_forms)
                if len(lw) >= 2 and _bare(lw[-1]) in v.organisation_words and place in v.places:
                    joined.add((left, joiner, right))  # "United Bank for Africa (Plc)"
            elif right in v.places:
                continue
            elif len(rw) == 1 and len(lw) >= 2 and alone[right] == n and right not in v.first_names:
                joined.add((left, joiner, right))  # "OQ Exploration and Production"
            elif len(lw) == 1 and len(rw) >= 2 and alone[left] == n and (
                    _bare(rw[-1]) in v.organisation_words or _bare(rw[-1]) in v.legal_forms):
                joined.add((left, joiner, right))  # "Oil and Gas Development Company"
        if not joined:
            return found
        out: list[tuple[int, int, str]] = []
        skip = False
        for (s, e, left), nxt in zip(found, [*found[1:], None]):
            if skip:
                skip = False
                continue
            if nxt is not None and (left, text[e:nxt[0]], nxt[2]) in joined:
                out.append((s, nxt[1], f"{left}{text[e:nxt[0]]}{nxt[2]}"))
                skip = True
            else:
                out.append((s, e, left))
        return out

    def _on_title_line(self, s: int, e: int) -> bool:
        """Whether `text[s:e]` stands on a line set in title case (decided once per line)."""
        text = self.text
        begin = text.rfind("\n", 0, s) + 1
        known = self._title_lines.get(begin)
        if known is None:
            end = text.find("\n", e)
            known = self._title_lines[begin] = _is_title_case(text[begin:end if end >= 0 else len(text)])
        return known

    def _lower_words(self, word: str) -> bool:
        """Whether the copy writes `word` in lower case somewhere ("cold" of "Cold October, Warm Profits: …"): on
        a title-case line, such a word is no name (a search of the text per word asked, remembered)."""
        known = self._lower.get(word)
        if known is None:
            known = self._lower[word] = next(_occurrences(self.text, word.lower()), None) is not None
        return known

    def _after_abbreviation(self, s: int, e: int) -> list[tuple[int, int, str]] | None:
        """A name after "Dr." or "St.": the abbreviation opens a company's name that ends in an organisation word
        or a legal form ("Dr. Reddy's Laboratories", "St. James's Place plc"), or that the copy always writes with
        its "'s" and at least once not as a possessive ("Dr. Reddy's said"); else it is a person's title or a
        saint's, and the name after it stands alone ("Dr. Anil Mehta")."""
        text, v = self.text, self.v
        opener = text.rfind(" ", 0, s - 2) + 1
        if text[opener:s - 2] not in _ABBREVIATED_OPENERS:
            return None
        words = text[s:e].split()
        last = _bare(words[-1])
        if len(words) > 1 and (last in v.organisation_words or last in v.legal_forms):
            return self._trimmed(opener, e) or None
        if len(words) > 1:
            return None
        if text.startswith(("'s", "’s"), e - 2):
            return [(opener, e, text[opener:e].replace("’", "'"))] if self._named_with_s(text[opener:e - 2]) else None
        return [(opener, e, text[opener:e])] if self._formal_somewhere(text[opener:e]) else None

    def _described_somewhere(self, name: str) -> bool:
        """Whether the copy puts a descriptor noun right before `name` somewhere ("retailer Mr Price")."""
        if self._described is None:
            self._described = {" ".join(m.group(1).split()).removesuffix("'s").removesuffix("’s")
                               for m in self.v.titled_name.finditer(self.text)}
        return name in self._described

    def _formal_somewhere(self, name: str) -> bool:
        """Whether the copy writes `name` with a legal form after it somewhere ("Dr. Martens plc")."""
        known = self._formal.get(name)
        if known is None:
            text, forms = self.text, self.v.legal_forms
            known = self._formal[name] = any(
                (nxt := _NEXT_WORD.match(text, end)) is not None and _bare(nxt.group(1)).rstrip(".") in forms
                for _, end in _occurrences(text, name))
        return known

    def _named_with_s(self, bare: str) -> bool:
        """Whether a company's name ends in "'s" ("Lowe's", "McDonald's"): the copy never writes it without, and
        at least once not as a possessive (a verb, a comma or a full stop after it: "Lowe's said", "at Lowe's.")."""
        text, alone = self.text, False
        for start, end in _occurrences(text, bare):
            if not text.startswith(("'s", "’s"), end):
                if _IN_LONGER_NAME.search(text, max(0, start - 12), start):
                    continue  # "J Sainsbury", the formal name, beside the "Sainsbury's" the copy goes on to use
                return False  # "Klarna raised", "Klarna's revenue": a possessive of the name "Klarna"
            after = end + 2
            alone = alone or after == len(text) or text[after] in ".,;:)" \
                or self.v.actor_after.match(text[after:after + 60]) is not None
        return alone

    def _capitalised_inside(self, word: str) -> bool:
        """Whether the copy writes `word`, capitalised, inside a sentence somewhere (not on a title-case line,
        where every word is): a proper name."""
        return any(not _opens_sentence(self.text, at) and not self._on_title_line(at, end)
                   for at, end in _occurrences(self.text, word))

    def _in_prose(self, name: str) -> bool:
        """Whether the copy writes `name` off the title-case lines, with no capitalised word after it ("Grupo
        Bimbo closed 2024"), anywhere in the text (not only in the regions read)."""
        text = self.text
        return any((not (after := text[end:end + 3].lstrip()) or not after[0].isupper())
                   and not self._on_title_line(at, end) for at, end in _occurrences(text, name, _NAME_JOINERS))

    def _title_case_names(self, found: list[tuple[int, int, str]], deferred: list[tuple[int, int, int]],
                          heads: dict[int, tuple[int, str, bool]]) -> list[tuple[int, int, str]]:
        """A name of three words or more on a line set in title case ("Target Slashes Its Outlook After A
        First-Quarter Miss") is cut to its longest start that the copy writes as a name elsewhere ("Target"); with
        none, before its first word that the copy writes in lower case elsewhere. Capitals there mark no name."""
        text = self.text
        elsewhere = {name for _, _, name in found}
        elsewhere |= {self._stripped(n) for n in elsewhere}
        out: list[tuple[int, int, str]] = []
        done = 0
        for at, s, e in deferred:
            out.extend(found[done:at])
            done = at
            words = list(_NON_SPACE.finditer(text, s, e))
            first = 0
            keep = self._named_part(words, 0, elsewhere)
            for later in range(1, len(words)) if keep is None else ():
                # "Brokers Weigh KBank's Bigger Payout Promise …": a name the copy writes elsewhere, inside
                if words[later].group(0)[0].isupper() and (
                        keep := self._named_part(words, later, elsewhere, anywhere=False)) is not None:
                    first = later
                    break
            if keep is None:
                keep = next((k for k in range(1, len(words)) if self._lower_words(_bare(words[k].group(0)))),
                            len(words))
                # "Brokers Lift Targets on Adani Ports …": words the copy never writes as a name off the
                # title-case lines are no name
                out.extend(n for n in self._trimmed(words[first].start(), words[keep - 1].end(), heads)
                           if self._in_prose(text[n[0]:n[1]]))
                continue
            out.extend(self._trimmed(words[first].start(), words[keep - 1].end(), heads))
        out.extend(found[done:])
        return out

    def _named_part(self, words: list[re.Match[str]], first: int, elsewhere: set[str], anywhere: bool = True) -> int | None:
        """The end (in words) of the longest run from `words[first]` that the copy writes as a name elsewhere (a
        candidate name; `anywhere`: or in prose, before a word in lower case)."""
        start = words[first].start()
        return next((k for k in range(len(words), first, -1)
                     if any(n in elsewhere or (anywhere and self._in_prose(n))
                            for _, _, n in self._trimmed(start, words[k - 1].end()))), None)

    def _trimmed(self, s: int, e: int, heads: dict[int, tuple[int, str, bool]] | None = None) -> list[tuple[int, int, str]]:
        """A name of several words, without a place in front ("Edinburgh-based") or words that are never names.
        A single place word trimmed from a one-word rest ("Swiss" of "Swiss Re") goes into `heads`."""
        text, v = self.text, self.v
        based = _BASED.match(text, s, e)
        if based:  # "Edinburgh-based Kelpie Robotics": the place is not part of the name
            s = based.end()
        words = [w for w in _NON_SPACE.finditer(text, s, e)]
        while words and _PERIOD_TOKEN.search(words[0].group(0)):  # "First-quarter EBITDA", "Q2"
            words.pop(0)
        while words and _PERIOD_TOKEN.search(words[-1].group(0)):
            words.pop()
        for phrase in v.place_phrases.get(words[0].group(0), ()) if words else ():
            # "United Arab Emirates" is a place, not a name "Emirates"
            if len(words) >= len(phrase) and all(_bare(w.group(0)) == p for w, p in zip(words, phrase)):
                del words[:len(phrase)]
                break
        if len(words) > 1 and words[0].group(0) in _COURTESY_TITLES:
            # "retailer Mr Price … Mr Price said": a company whose name opens with a courtesy title, when the copy
            # describes it somewhere as a company (not "Mr Blair said", a person)
            e = words[-1].end() - (2 if text.endswith(("'s", "’s"), s, words[-1].end()) else 0)
            name = " ".join(text[words[0].start():e].split()).rstrip(".")
            if self._described_somewhere(name):
                return [(words[0].start(), e, name)]
        named_body = len(words) > 1 and (_bare(words[-1].group(0)) in v.organisation_words
                                         or _bare(words[-1].group(0)) in v.legal_forms  # "Canadian National Railway Co."
                                         or _of_a_place(words, v))  # "State Bank of India"
        trimmed = []
        if len(words) > 1 and words[0].group(0).endswith(("'s", "’s")) and _bare(words[0].group(0)) in v.places:
            trimmed.append(words.pop(0))  # "Nigeria's Access Bank": the place the company is of, not its name
        while words and (words[0].group(0) in ("of", "&") or (_bare(words[0].group(0)) in v.not_names and (
            not named_body or _bare(words[0].group(0)).lower() in _LEADING_WORDS
        ))):  # "The European Space Agency": "The" goes, "European" stays; "Shares of Carrow": "Shares", then "of"
            trimmed.append(words.pop(0))
        while words and _PERIOD_TOKEN.search(words[0].group(0)):  # "In 1S24 CSAV booked": "In", then the period
            words.pop(0)
        rest = len(words)
        while words and _bare(words[-1].group(0)) in v.not_names | {"of", "&"} and not (
            len(words) > 2 and words[-2].group(0) in ("of", "the") and words[-1].group(0)[:1].isupper()  # "Bank of the West"
        ) and not (
            len(words) > 1 and (_bare(words[-1].group(0)) in v.organisation_words
                                or _bare(words[-1].group(0)) in v.legal_forms
                                or _bare(words[-1].group(0)) in v.investor_words  # "Macquarie Asset Management"
                                or _bare(words[-1].group(0)) in _NAME_ENDINGS  # "Lumora AI"
                                or (_bare(words[-1].group(0)) in v.place_words  # "Air Canada", "Tata Steel UK"
                                    and _named_before_place(words, v.not_names)))  # "Diageo North America"
        ):
            words.pop()
        owner = next((i for i, w in enumerate(words[:-1]) if w.group(0).endswith(("'s", "’s"))), None)
        if owner is not None and not (_bare(words[-1].group(0)) in v.organisation_words
                                      or _bare(words[-1].group(0)) in v.legal_forms):
            # "GoTo's Losses Shrink Towards Zero": a headline's possessive ends the name ("Sainsbury's Bank" does not)
            del words[owner + 1:]
        if not words:
            return []
        if heads is not None and trimmed and len(words) == 1 and (rest == 1 or owner is not None):
            # "Swiss Re"; "What Tokyo Electron's Reset …" (a leading word before the place, a possessive after)
            head = trimmed[-1]
            word = head.group(0)
            before = _bare(trimmed[-2].group(0)) if len(trimmed) > 1 else ""
            if word.isalpha() and word[0].isupper() and word[1:].islower() and word.lower() not in v.titles and (
                    len(trimmed) == 1 or ((before.lower() in _LEADING_WORDS or before in _DAY_WORDS)
                                          and word.lower() not in _LEADING_WORDS)):
                # (also after a day: "On Wednesday Korea Zinc announced …")
                heads[words[0].start()] = (head.start(), word, _within_sentence(text, head.start()))
        s, e = words[0].start(), words[-1].end()
        if text[e - 1] == "." and not _bare(text[s:e]).split()[-1] in v.legal_forms:
            e -= 1
        if text.endswith(("'s", "’s"), s, e):
            e -= 2
        name = _GLUED.sub(r"\1&\2", " ".join(text[s:e].split()).rstrip("."))
        return [(s, e, name)] if len(name) > 1 and not _FIGURE_WORD.fullmatch(name) else []

    def _evidence(self, s: int, e: int, name: str) -> tuple[int | None, str | None]:
        """How strongly this occurrence says organisation or person (the constants above), and the descriptor
        noun the copy gave it. Cheap tests first: most names are decided by their own words."""
        text, v = self.text, self.v
        if name.isalpha() and name.islower():
            return ORG_STRONG, None  # a name written all in small letters (`_lower_brands`): a brand by its writing
        parts = name.split()
        last = _bare(parts[-1])
        if " of " in name and _WHO_AFTER.match(text, e) and parts[0] not in v.organisation_openings \
                and _bare(parts[0]) not in v.organisation_words:
            return PERSON, None  # "Bram Visser of Keizersgracht Capital, who rates the shares a buy": a person and
            # the firm he works for (not "Bank of Georgia, who …")
        if len(parts) > 1 and last in _LAW_WORDS:
            return None, None  # "pleaded guilty to Bank Secrecy Act violations": a law, whatever words it opens with
            # (and "the Hang Seng Index fell": a market's index)
        if len(parts) == 2 and last in v.legal_forms and _bare(parts[0]) in v.not_names and _NUMBERED.match(text, e):
            return None, None  # "under Ind AS 116": an accounting standard and its number, not a company "Ind" with a
            # legal form (not "Nasdaq Inc reported", "Total SA said")
        if _SMALL_LEGAL_FORM.match(text, e):
            return ORG_STRONG, None  # "Íslandsbanki hf.", "Arion banki hf.", "Kofola a.s.": a legal form in small letters
        if len(parts) > 1 and (last in v.legal_forms or last in v.organisation_words or parts[0] in v.organisation_openings
                               or parts[0] in v.legal_forms_before):
            return ORG_STRONG, None
        if len(parts) == 1 and (last in v.legal_forms or last in _PLACES):
            return None, None  # "PT Bank Mandiri (Persero) Tbk": a legal form alone names no one; nor does a place
        if len(parts) > 1 and parts[1][:1].isdigit() and parts[0] in table().currencies:
            return None, None  # "the EGP 251bn sold at SouthMED": an amount in a currency's code, no name
        if len(parts) == 2 and parts[0] in ("Class", "Series") and len(parts[1]) <= 2 and parts[1].isupper():
            return None, None  # "$1.21 per Class B share", "its Series C round": a share class or a round, no one
        if len(parts) == 1 and name.endswith("ed") and text.startswith(" by ", e):
            return None, None  # "Compiled by Karim Abdel-Aziz": a byline's verb
        if self.table.pattern is not None and self.table.pattern.fullmatch(name):
            return ORG_STRONG, None
        if len(parts) in (2, 3) and parts[0] in v.first_names:
            if _ITS_RESULTS.match(text, e) and not v.title_after.match(text, e, e + 120) \
                    and not _titled(*self._words_before(s)[2:], v.titles):
                return ORG_STRONG, None  # "Hugo Boss said on Thursday it expects operating profit to recover"
            return PERSON, None
        if len(parts) == 1 and name.lower() in v.titles:
            return None, None  # "**Analyst note summary.**": a person's title alone names no one
        if len(parts) in (3, 4) and parts[0].lower() in v.titles and parts[1] in v.first_names:
            return PERSON, None  # "Analyst Tobias Rehberg keeps his rating": a title opening a sentence
        after = text[e:e + 120]
        if v.title_after.match(after):
            return PERSON, None
        raw, words, adjacent, lowered = self._words_before(s)
        if _titled(adjacent, lowered, v.titles):
            return PERSON, None
        if text.endswith(("the ", "The "), max(0, s - 4), s) and v.modifier.match(after):
            return None, None  # "the Porto payments company": a place or kind in front of a description
        apposition = v.apposition.match(after) or self._described_next(s, len(parts), after)
        if apposition:
            return ORG_STRONG, apposition.group("noun")
        if _UNIT_APPOSITION.match(after):
            return ORG_STRONG, None  # "PTT Global Chemical, the group's petrochemical flagship": a unit (not a
            # segment: "Cables, the company's biggest segment" is a line of business)
        if adjacent and lowered and not words[-1].endswith((",", ".")) and lowered[-1] in v.descriptor_words \
                and not (lowered[-1] in v.authority_nouns and words[-1].endswith(("'s", "’s"))):
            # "carmaker Toyota", "the Swedish fintech Klarna" ("… companies. Free"); not what a public body owns: "the
            # government's Mudaraba instrument" is its programme or instrument, unless the copy says more of it
            return ORG_STRONG, lowered[-1]
        if _TICKER.match(after) or self._ticker_after_form(after):
            return ORG_STRONG, None
        if (kind := _KIND_IN_SMALL_LETTERS.match(after)) and name not in v.places:
            return ORG_STRONG, kind.group(1)  # "Attijariwafa bank (ATW)", "Attijariwafa bank's": the brand's own noun
        if after.startswith(",") and _AT_OPENING.search(text, max(0, s - 8), s) and name not in v.places:
            return ORG_WEAK, None  # "At Crop Science, EBITDA fell …": the business whose figures follow
        before = text[max(0, s - 80):s]
        last = lowered[-1] if lowered else ""
        if last in _PARTY_LAST and (_SHARES_OF.search(before) or _PARTY_BEFORE.search(before)):
            return ORG_WEAK, None
        if last in _PLACE_LAST and _PLACE_BEFORE.search(before):
            return None, None  # "prosecutors in Braunschweig fined": a place, whatever it does
        if _REGION_BEFORE.search(before) and _REGION_AFTER.match(after):
            return None, None  # "in Branchburg, New Jersey, from …": the place's region
        if _INDEX_AFTER.match(after) or (adjacent and lowered and lowered[-1] == "benchmark"):
            return None, None  # "among the Ibovespa's biggest losers", "the benchmark Nikkei": a market's index
        if _OWN_PRONOUN.match(after) and (_opens_sentence(text, s) or text.endswith("\n", 0, s)):
            return PERSON, None  # "Nadia Hassan lifted her 12-month target price": the subject whose target is hers
            # is a person (not the object: "kept ICICI as his top pick")
        if v.possession_after.match(after) or (v.actor_after.match(after) and not _OBJECT_BEFORE.search(raw)):
            if len(parts) == 1 and name.endswith("s") and not name.isupper() and _opens_sentence(text, s) \
                    and not self._capitalised_inside(name):
                # "Items sold in Brazil …", "Subscriptions rose …": a plural noun opening a sentence (not "Emirates
                # reported" in copy that writes "Emirates" inside a sentence too)
                return None, None
            if len(parts) == 1 and self._lower_words(name):
                return None, None  # '"Diabetes grows faster …"' in copy about "the diabetes division": a unit's word
            return ORG_WEAK, None
        aside = _ASIDE_AFTER.match(after)
        if aside is not None and len(parts) > 1 and v.actor_after.match(after[aside.end():]) \
                and not v.title_after.match(after):
            # "HD Hyundai Samho, a smaller sister yard in South Jeolla province, made an operating profit of …": what
            # the name does, past a description of it
            return ORG_WEAK, None
        if len(name) > 2 and self._heads_the_title(name) and not (len(parts) == 1 and self._lower_words(name)):
            return ORG_WEAK, None  # the headline is about it (not "Record milk price caps …" of "a record")
        if name.upper() in self._shouted_heads() \
                and (len(name) > 3 or len(name) == 3 and name.isupper() and _used_thrice(self.text, name)):
            return ORG_WEAK, None  # 'ASSA ABLOY: "A QUALITY COMPOUNDER …"', "UTE: THE RELIABLE ONE" (three letters only
            # where the prose writes them again, in capitals): a head in capitals names the subject
        if _SAID.match(after) and 2 <= len(name.split()) <= 3:
            return PERSON_WEAK, None  # "Jane Doe said": a person unless the copy says otherwise elsewhere
        return None, None

    def _words_before(self, s: int) -> tuple[str, list[str], bool, list[str]]:
        """The text before a name at `s`, its last three words, whether only a space stands between the last of them
        and the name (no punctuation ending it), and the words in lower case without a possessive."""
        raw = self.text[max(0, s - 40):s]
        words = raw.split()[-3:]
        adjacent = bool(words) and raw.endswith((" ", "\t")) and not raw[-2:-1].isspace() and words[-1][-1] not in ":;!?)]\"”"
        lowered = [w.lower().rstrip(".,").removesuffix("'s").removesuffix("’s") for w in words]
        return raw, words, adjacent, lowered

    def _ticker_after_form(self, after: str) -> bool:
        """"Empire Company (TSX: EMP.A)": the ticker after the legal form the name was read without."""
        word = _NEXT_WORD.match(after)
        if word is None or after.startswith(","):
            return False
        bare = _bare(word.group(1)).rstrip(".")
        # a word the name's reading trims from its end ("Company", "Ltd", "Group")
        return (bare in self.v.legal_forms or bare in self.v.dropped_words or bare in self.v.not_names) \
            and _TICKER.match(after[word.end():]) is not None

    def _described_next(self, s: int, words: int, after: str) -> re.Match[str] | None:
        """"**Ericsson.** The Swedish maker of network gear …" (a round-up's lead on its line), "… led by Walmart.
        The US retailer …" (in one paragraph); not "… an analyst in Warsaw.\n\nThe bank's largest shareholder"."""
        described = self.v.lead_description.match(after)
        line = self.text.rfind("\n", 0, s) + 1
        if described is not None and _LINE_LEAD.fullmatch(self.text, line, s):
            # a round-up's lead is marked (bold, a bullet) or a name of more words; one plain word that is a
            # sentence of its own is an answer or a heading ("Plenty. The group reported …", "Extrusions. The
            # division's …")
            marked = not self.text[line:s].isspace() and s > line or after[:1] in "*_"
            return described if marked or words > 1 else None
        if described is None:
            return described
        if "\n" in after[:described.start("noun")] or _PLACE_BEFORE.search(self.text, max(0, s - 30), s) \
                or _CITED_BEFORE.search(self.text, max(0, s - 24), s):
            return None  # (nor "… according to FactSet. The parka maker's …": the story's company, not the source)
        return described

    def _shouted_heads(self) -> frozenset[str]:
        """The words in capitals that open a line before a colon ("ASSA ABLOY: …"), read once."""
        if self._shouted is None:
            self._shouted = frozenset(" ".join(m.group(1).split()) for m in _SHOUTED_HEAD.finditer(self.text))
        return self._shouted

    def _heads_the_title(self, name: str) -> bool:
        """Whether a headline names `name` where it names its subject: anywhere in sentence case; in title case,
        where capitals mark nothing, within its first words or those of a part after a colon or dash ("After the
        Cut: What Tokyo Electron's Reset Says …"; not "… as SRS Carries the Second Quarter", "… Puts the Spotlight
        on Execution"), and as a word of its own (not "Data" of "Schneider's Data-Centre Premium …")."""
        title = self.title
        if name not in title:
            return False
        found = list(_occurrences(title, name, _COMPOUND_JOINERS))
        if found and not _is_title_case(title):
            return True  # in sentence case a capital marks a name wherever it stands ("Why the market sold Infosys")
        for at, _ in found:
            part = max(title.rfind(mark, 0, at) for mark in HEADLINE_BREAKS) + 1
            if len(title[part:at].split()) <= HEADLINE_SUBJECT_WORDS:
                return True
        return False

    def _alias_mentions(self) -> list[EntityMention]:
        pattern = self.table.pattern
        if pattern is None:
            return []
        return [EntityMention(m.start(), m.end(), self.table.canonical(m.group(0)), "alias")
                for a, b in self.regions for m in pattern.finditer(self.text, a, b)]

    # -- references
    def _parts(self, mentions: list[EntityMention]) -> dict[str, str | None]:
        """The organisations the copy makes parts of a group, with the group when it names it: what "the Portuguese
        owner of Poland's Biedronka discount chain and of Pingo Doce" owns, and a name whose clause gives its share
        of the group ("Biedronka, which accounts for 70.7% of group sales", "generated 70.7% of the group's €26.5
        billion"). A part is not the story's organisation while the group is named, and "the group" is not it."""
        text = self.text
        parts: dict[str, str | None] = {}
        for i, m in enumerate(mentions):
            owner = _OWNER_OF.match(text, m.end)
            if owner is not None:
                clause = min((k for k in (text.find(c, owner.end(), owner.end() + 160) for c in ",;.\n") if k >= 0),
                             default=owner.end() + 160)  # the end of the owner's description
                for later in mentions[i + 1:]:
                    if later.start >= clause:
                        break
                    if later.name != m.name:
                        parts[later.name] = m.name
            share = _SHARE_OF_GROUP.match(text, m.end)
            if share is not None:
                parts.setdefault(m.name, None)
        return parts

    def _with_references(
        self, mentions: list[EntityMention], descriptors: dict[str, set[str]], investors: frozenset[str],
        main: str | None, aside: set[int], leading: AbstractSet[int] = frozenset(), sold: AbstractSet[int] = frozenset(),
        groups: AbstractSet[str] = frozenset(), parts: dict[str, str | None] | None = None,
    ) -> tuple[list[EntityMention], list[tuple[int, str]]]:
        """References resolved in one pass in text order, and the focus points of the story.

        Each sentence's subject is its first organisation that is not a party to someone else's deal. A
        reference points to its own sentence's subject when it has one before it; a description ("the
        lender") to the organisation the copy described so; a pronoun opening a sentence ("Its") to a rival
        that opened the sentence before (`leading`: "Rival Infosys … added to the gloom. Its profit fell");
        else to the subject of the latest sentence that had one (the focus); else to the main entity. "The group"
        after a unit is the group it is a unit of: in a place, or the main entity when the copy writes it as a
        group (`groups`: "Equity Group Holdings" … "Equity Bank Kenya's net profit fell. Across the group, …")."""
        text = self.text
        taken = [(m.start, m.end) for m in mentions]
        starts = [a for a, _ in taken]
        references = []
        for r in (r for a, b in self.regions for r in self.v.reference.finditer(text, a, b)):
            i = bisect_left(starts, r.start())
            if any(a < r.end() and r.start() < b for a, b in taken[max(0, i - 1):i + 1]):
                continue
            if r.group("pronoun") in ("It", "it") and _EXPLETIVE_IT.match(text, r.end()):
                continue  # "It is easy to forget that ITC reported …": no company
            references.append(r)
        items = [(m.start, 0, k) for k, m in enumerate(mentions)] + [(r.start(), 1, k) for k, r in enumerate(references)]
        if main is not None and any(descriptors.get(n, set()) & _UNIT_NOUNS for n in descriptors):
            # a new paragraph: a unit in focus ("Lloyd, the consumer durables business Havells bought, …") gives the
            # focus back to the story's organisation
            items += [(b.end(), -1, -1) for a, z in self.regions for b in PARAGRAPH_BREAK.finditer(text, a, z)]
        items.sort()
        subject_of: dict[int, str] = {}
        focus_points: list[tuple[int, str]] = []
        focus: str | None = None
        resolved = []
        # (a region opens a sentence too: the end of the one before it may lie outside every region)
        ends = sorted({*(m.end() for a, b in self.regions for m in _SENTENCE_END.finditer(text, a, b)),
                       *(a for a, _ in self.regions[1:])})
        seen: set[str] = set()  # organisations named so far: a description points back, not ahead
        called_group = {g for g in groups if f"{g} Group" in text}  # "Shinhan Financial Group": "the group" itself
        party: EntityMention | None = None  # the last name read, when it is what a deal sells or buys
        opened_by: dict[int, str] = {}  # sentence -> the rival that opens it (`leading`)
        unit_until = -1  # a part of the story's company holds the focus for its own sentence only (this one)
        unit_name, unit_next = "", -1  # … and a pronoun opening the next sentence ("Its quarterly revenue …") is its
        for start, is_reference, k in items:
            if is_reference < 0:
                if main is not None and focus is not None and focus != main \
                        and descriptors.get(focus, set()) & _UNIT_NOUNS:
                    focus = main
                    focus_points.append((start, main))
                continue
            sentence = bisect_right(ends, start)  # which sentence, by a cheap split: only identity matters here
            if 0 <= unit_until < sentence:
                focus, unit_name, unit_next, unit_until = main, focus or "", unit_until + 1, -1
            if not is_reference:
                mention = mentions[k]
                name = mention.name
                seen.add(name)
                if mention.start in leading:
                    opened_by.setdefault(sentence, name)
                party = mention if mention.start in sold else None
                if name in investors or mention.start in aside or (
                        name != main and descriptors.get(name, set()) & self.v.authority_nouns) or (
                        name != main and CAUSE_BEFORE.search(text, max(0, mention.start - 12), mention.start)) or (
                        name != main and _CITED_BEFORE.search(text, max(0, mention.start - 24), mention.start)) or (
                        name != main and _LEFT_OUT_BEFORE.search(text, max(0, mention.start - 20), mention.start)):
                    continue  # (nor "after regulator Aneel changed the schedule": a regulator takes no focus; nor
                    # "as the State Bank of Pakistan cut its policy rate": a cause; nor "analysts had expected,
                    # according to FactSet": the source of a figure; nor "Stripping out Grupa Azoty Polyolefins, …":
                    # what the figure leaves out)
            else:
                r = references[k]
                noun = (r.group("noun") or "").lower()
                if party is not None and noun and _APPOSED.fullmatch(text, party.end, r.start()):
                    continue  # "the sale of SDLG, the Chinese wheel-loader brand": the party's description
                name = subject_of.get(sentence) or ""
                if not name and r.group("pronoun") and sentence == unit_next and unit_name:
                    name = unit_name  # "Aster, the business Verano bought in 2017, … Its quarterly revenue jumped"
                elif not name and r.group("pronoun") and sentence - 1 in opened_by and _opens_sentence(text, r.start()):
                    name = opened_by[sentence - 1]
                elif not name and r.group("pronoun") and sentence in opened_by:
                    name = opened_by[sentence]  # "Rival Al Rajhi Bank, which reported …, grew faster: its profit …"
                if name and noun and descriptors.get(name) and noun not in descriptors[name]:
                    name = ""  # "regulator BaFin fined the bank": the bank is not the regulator
                if not name and noun and not noun.startswith(("company", "firm", "group", "business")):
                    fitting = [n for n, nouns in descriptors.items() if noun in nouns and n in seen]
                    name = focus if focus in fitting else (fitting[0] if fitting else "")
                name = name or focus or main or ""
                if not name:
                    continue
                if noun.startswith("group") and parts and name in parts:  # "Biedronka generated 70.7% of the
                    name = parts[name] or (main if main is not None and main != name else name)  # group's €26.5bn"
                elif noun.startswith("group"):  # "Across the group" after "Sales at JB Hi-Fi New Zealand rose", or
                    # after "Equity Bank Kenya's net profit fell" in a story about Equity: the group the unit is of
                    name = _unit_parent(name, seen, self.v.places) or (
                        main if main is not None and main in groups and name.startswith(main + " ") else None) or (
                        # "Shinhan Investment Corp. disclosed a loss … the group earned": the organisation the copy
                        # names "… Group" whose first word the unit bears ("Shinhan Financial Group")
                        next((g for g in sorted(seen & called_group) if g != name
                              and g.split()[0] == name.split()[0]), name))
                resolved.append(EntityMention(r.start(), r.end(), name, "reference"))
            if sentence not in subject_of:
                subject_of[sentence] = name
                focus = name
                focus_points.append((start, name))
                if main is not None and name != main and descriptors.get(name, set()) & {BOUGHT, PART} \
                        and sentence < len(ends):
                    # "Widerøe, the regional carrier bought last year, contributed about NOK 2 billion. Profit before
                    # tax came to …": the group's again
                    cut = ends[sentence]
                    while cut > 0 and text[cut - 1].isspace():
                        cut -= 1  # (where its full stop ends: the next sentence may start at the space)
                    focus_points.append((cut, main))
                    unit_until = sentence
        focus_points.sort(key=lambda p: p[0])
        return sorted([*mentions, *resolved], key=lambda m: m.start), focus_points


def _titled(adjacent: bool, lowered: list[str], titles: AbstractSet[str]) -> bool:
    """A person's title right before a name ("chief executive Jane Doe", "analysts Mari Tamm"), from
    `_Reader._words_before`."""
    if not (adjacent and lowered):
        return False
    one, two, three = lowered[-1], " ".join(lowered[-2:]), " ".join(lowered[-3:])
    return one in titles or one.removesuffix("s") in titles or two in titles or two.removesuffix("s") in titles \
        or three in titles


# what a part of an organisation is described as ("Lloyd, the consumer durables business Havells bought")
_UNIT_NOUNS = frozenset({"unit", "units", "division", "arm", "subsidiary", "business", "brand", "segment", "affiliate"})

# "It is easy to forget that …", "It was not clear whether …", "It is worth noting": an "it" that stands for nothing
_EXPLETIVE_IT = re.compile(
    r"\s+(?:is|was|'s|’s|seems|seemed|appears|appeared|remains|remained|will\s+be|would\s+be)\s+(?:not\s+)?"
    r"(?:(?:so|too|very|also|still|now|all)\s+)?(?:easy|hard|clear|unclear|worth|possible|impossible|important|difficult"
    r"|tempting|fair|true|notable|striking|surprising|telling|early|no\s+(?:surprise|secret|wonder|accident))\b",
    re.IGNORECASE)


# a column's or desk's name that opens a title before a colon: "Nordic Retail Desk: Clas Ohlson's margin story …"
_RUBRIC_OPENING = re.compile(r"(?:[A-Z][\w&'’-]*\s+){0,4}(?:Desk|Column|Brief|Briefing|Notebook|Diary|Digest|Roundup"
                             r"|Explainer|Letter)\s*:\s+")


def _headline(title: str) -> str:
    """The headline of a title that a rubric or the outlet's name flanks with a bar: its longest part ("Emerging
    Markets Desk | Turkey's banks find foreign lenders willing to wait longer", "Banorte's profit beats forecasts
    | Sierra Madre Business Journal"), without a rubric that opens it before a colon ("Nordic Retail Desk: …")."""
    title = max(title.split(" | "), key=len) if " | " in title else title
    rubric = _RUBRIC_OPENING.match(title)
    return title[rubric.end():] if rubric else title


def _outlet_key(name: str) -> str:
    """An outlet's name as compared with a candidate's: "The Sierra Madre Business Journal's" is "sierra madre
    business journal"."""
    words = _bare(name).lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _bare(word: str) -> str:
    return word.rstrip(".,;:").removesuffix("'s").removesuffix("’s")


def normalize_name(name: str, vocabulary: Vocabulary) -> str:
    """A company name without its legal form, a trailing Group/Holdings, or trailing punctuation."""
    name = " ".join(name.split()).rstrip(".,")
    words = name.split()
    if len(words) > 1 and words[0] in vocabulary.legal_forms_before:
        del words[0]  # "PT Indofood Sukses Makmur"
    while len(words) > 1:
        if _bare(words[-1]).rstrip(".") in vocabulary.legal_forms or words[-1] in vocabulary.dropped_words:
            words.pop()
        elif len(words) > 3 and words[-2] in _PARTICLES and _bare(words[-3]).rstrip(".") in vocabulary.legal_forms:
            del words[-2:]  # "SAB de CV": a legal form's own particle and what follows it
        else:
            break
    return " ".join(words).rstrip(",") or name


def merge_short_forms(counts: Counter[str], not_names: frozenset[str] = frozenset()) -> dict[str, str]:
    """Across a corpus, each organisation name to the form its documents use most: "Lumora AI" in one article
    and "Lumora" in three others are one company, and so are "L&T" and "Larsen & Toubro" (`_initialisms`).
    `counts` says how often each name is a claim's subject or counterparty. A short form that would shorten two organisations ("Deutsche" of two banks) merges neither,
    unless only one of them is a group's full name ("Reliance Industries", not "Reliance Retail": `_parent`)."""
    families = _Families()
    names = sorted(counts, key=len)
    places = _pack_words("place_words") | _pack_words("place_phrases")  # once, not per name
    for name in names:
        families.add(name)
        words = name.split()
        for n in range(1, len(words)):
            short = " ".join(words[:n])
            if short not in counts or short in not_names:
                continue
            if _place_unit(short, name, places):
                continue  # "Tata Steel UK" is the group's unit in Britain, not another form of "Tata Steel"
            longer = [o for o in counts if o.startswith(short + " ")]
            if all(o.startswith(name) or name.startswith(o) for o in longer) or name == _parent(
                    short, longer, _pack_words("parent_words")):
                families.join(short, name)
    for short, full in _initialisms(counts, counts).items():  # "L&T" in one article, "Larsen & Toubro" in another
        families.join(full, short)
    # (not a word every kind of company ends with: "Telecom" of "Globe Telecom" is no name of it)
    generic = not_names | _pack_words("organisation_words") | _pack_words("legal_forms")
    for last, full in _last_words(counts, generic).items():  # "Bharti Airtel" in one article, "Airtel" in another
        families.join(full, last)
    for short, full in _contractions(counts).items():  # "Magazine Luiza" in one article, "Magalu" in another
        families.join(full, short)
    for name in names:  # "Casey's" in one article, "Casey" (its possessive read off) in another
        bare = without_possessive(name)
        if bare != name and bare in counts:
            families.join(name, bare)
    spellings: dict[str, list[str]] = {}  # "Islandsbanki" on a wire that writes no accents, "Íslandsbanki" elsewhere
    for name in names:
        spellings.setdefault(_unaccented(name), []).append(name)
    sizes = Counter(families.find(n) for n in names)
    for same in spellings.values():  # (the name is the spelling used most, as for any other forms)
        if sum(1 for root in {families.find(n) for n in same} if sizes[root] > 1) > 1:
            continue  # "Muller" of "Muller Industries" and "Müller" of "Müller Milch": two companies' forms, joined by none
        for other in same[1:]:
            families.join(same[0], other)
    return {n: c for n, c in families.canonical(counts).items() if n != c}


def _used_thrice(text: str, name: str) -> bool:
    """Whether `name` stands as a word of its own three times or more (a head and the prose that goes on using it)."""
    return len(list(islice(_occurrences(text, name), 3))) == 3


def _unaccented(name: str) -> str:
    """The name without its accents, in its own case ("Íslandsbanki" -> "Islandsbanki"; "GAP" stays apart from "Gap")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def without_possessive(name: str) -> str:
    """A name whose own spelling ends as a possessive ("Casey's", "McDonald's", "Sainsbury’s") without it: the form
    that copy writing "Casey's net income" leaves when it reads the possessive off."""
    return name[:-2] if len(name) > 3 and name[-2:] in ("'s", "’s") else name


def contraction_keys(name: str) -> tuple[str, ...]:
    """The keys a contraction and the name it contracts share: a name of several words has one (the first two
    letters of its first word and the first letter of its second), a one-word name one per letter it may continue
    with ("Magalu": "~mag", "~maa", "~mal", "~mau"), in that order, each once (the claim store writes them in it,
    the same whatever the process)."""
    words = [w.lower() for w in name.split() if w.lower() not in _SMALL_WORDS]
    if len(words) >= 2:
        return (f"~{words[0][:2]}{words[1][0]}",)
    if len(words) == 1 and len(name) >= 4 and not _INITIALISM.fullmatch(name):
        low = words[0]
        return tuple(dict.fromkeys(f"~{low[:2]}{low[k]}" for k in range(2, len(low))))
    return ()


def _contractions(names: Iterable[str]) -> dict[str, str]:
    """Each one-word name to the one name of several words it contracts, the start of each of its words in turn
    ("Magalu" of "Magazine Luiza", "ThaiBev" of "Thai Beverage", "Singtel" of "Singapore Telecommunications"),
    when only one name has it. Names are looked up by `contraction_keys`, not compared pairwise."""
    names = list(names)
    by_key: dict[str, list[str]] = {}
    for name in names:
        if " " in name:
            for key in contraction_keys(name):
                by_key.setdefault(key, []).append(name)
    found: dict[str, str] = {}
    for short in names:
        if " " in short:
            continue
        fits = [full for key in contraction_keys(short) for full in by_key.get(key, ()) if _contracts(short.lower(), full)]
        if len(fits) == 1:
            found[short] = fits[0]
    return found


def _contracts(short: str, full: str) -> bool:
    """`short` is the start of each word of `full` in turn (two letters at least of the first, the rest of one),
    perhaps with a plural "s" after them ("Implats")."""
    words = [w.lower() for w in full.split() if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    ends = {0}  # where in `short` the words read so far can end
    for k, word in enumerate(words):
        least = 2 if k == 0 else 1
        ends = {at + n for at in ends for n in range(least, min(len(word), len(short) - at) + 1)
                if short.startswith(word[:n], at)}
        if not ends:
            return False
    # (and a plural "s" after them, as Johannesburg copy writes "Implats" of "Impala Platinum")
    return len(short) in ends or (len(short) >= 6 and short.endswith("s") and len(short) - 1 in ends)


def _last_words(names: Iterable[str], not_names: frozenset[str]) -> dict[str, str]:
    """Each one-word name to the one name of several words it ends ("Airtel" of "Bharti Airtel"), when no other
    name ends with it or starts with it ("Suzuki" of "Maruti Suzuki" and "Suzuki Motor" is neither)."""
    names = list(names)
    ends: dict[str, list[str]] = {}
    opens: set[str] = set()
    for name in names:
        if " " in name:
            first, *_, last = name.split()
            ends.setdefault(last, []).append(name)
            opens.add(first)
    openings = _pack_words("organisation_openings")
    return {n: ends[n][0] for n in names if " " not in n and len(ends.get(n, ())) == 1 and n not in opens
            and _bare(n) not in not_names
            # (initials only after a group's or bank's opening word: "EPM" of "Grupo EPM", not "BofA" of any name)
            and (not _INITIALISM.fullmatch(n) or ends[n][0].split()[0] in openings and len(ends[n][0].split()) == 2)}


_INITIALISM = re.compile(r"[A-Z](?:&?[A-Z]){1,5}")  # "ESA", "M&S", "L&T", "JFC"
LEGAL_INITIALS = ("", "L", "C", "G", "H")  # initials that end with the legal form's or the group word's: Limited, Corporation, Group, Holdings
_SMALL_WORDS = frozenset("of and the for de du des la le y".split())


def _initials(name: str) -> str:
    """The initials of a name of several words: "Marks & Spencer" -> "M&S", "Jollibee Foods Corporation" -> "JFC"."""
    return "".join(w[0] for w in name.split() if w.lower() not in _SMALL_WORDS)


def initials_of(name: str) -> str | None:
    """The initials a name of several words can be written as ("L&T" of "Larsen & Toubro"), or None."""
    if " " not in name:
        return None
    short = _initials(name)
    return short if _INITIALISM.fullmatch(short) else None


_GROUP_WORDS = frozenset({"Holding", "Holdings", "Group"})
_COMPANY_WORDS = frozenset({"Company", "Co", "Co."})


def initial_forms(name: str) -> tuple[str, ...]:
    """The initials a name of several words can be written as: `initials_of`, and those that leave out a group's word
    and write "Company" as "CO" ("GTCO" of "Guaranty Trust Holding Company"), each once."""
    first = initials_of(name)
    if first is None:
        return ()
    words = [w for w in name.split() if w.lower() not in _SMALL_WORDS]
    core = [w for w in words if w not in _GROUP_WORDS]
    forms = [first, "".join(w[0] for w in core)]
    if len(core) > 2 and core[-1] in _COMPANY_WORDS:
        forms.append("".join(w[0] for w in core[:-1]) + "CO")
    return tuple(dict.fromkeys(f for f in forms if _INITIALISM.fullmatch(f)))


def key_initials(name: str, short: str) -> bool:
    """Whether `short` is the initials of `name` (`initial_forms`), or those and its legal form's letter ("BEL")."""
    return any(short == initials + legal for initials in initial_forms(name) for legal in LEGAL_INITIALS)


def _initialisms(names: Iterable[str], full: Iterable[str]) -> dict[str, str]:
    """Each short form written in capitals ("L&T") to the one full name of several words whose initials it is
    ("Larsen & Toubro"), when only one has them: the copy's own shorthand for a company it names in full."""
    names = list(names)
    found = _headed_initialisms(names, full)
    shorts = [n for n in names if _INITIALISM.fullmatch(n)]
    if not shorts:
        return found
    owners: dict[str, set[str]] = {}
    for name in full:
        for short in initial_forms(name):
            for legal in LEGAL_INITIALS:  # "BEL" of "Bharat Electronics" (Limited), "ONGC" (Corporation)
                owners.setdefault(short + legal, set()).add(name)
    return found | {s: next(iter(owners[s])) for s in shorts if len(owners.get(s, ())) == 1}


def _headed_initialisms(names: Iterable[str], full: Iterable[str]) -> dict[str, str]:
    """Each name whose last word is the initials of the rest of one full name that opens with the same words ("Hyundai
    E&C" of "Hyundai Engineering & Construction"), when only one full name has them."""
    full = list(full)
    found: dict[str, str] = {}
    for name in names:
        head, _, tail = name.rpartition(" ")
        if not head or not _INITIALISM.fullmatch(tail) or name in found:
            continue
        owners = {n for n in full
                  if n.startswith(head + " ") and n != name and tail in initial_forms(n[len(head) + 1:])}
        if len(owners) == 1:
            found[name] = owners.pop()
    return found


def _joined_on(name: str, start: str) -> bool:
    """Whether `name` goes on from `start` with "&" or "and": "Hyundai Engineering & Construction" is no longer form of
    "Hyundai Engineering" (its affiliate), nor "Procter & Gamble" of "Procter"."""
    return name[len(start) + 1:].startswith(("& ", "and "))


def _parent(short: str, names: Iterable[str], parent_words: frozenset[str]) -> str | None:
    """Of the names a short form shortens, the one that adds a single word of a group's full name to it
    (`parent_words`), when only one does: "Reliance" of "Reliance Industries", not of "Reliance Retail" or
    "Reliance Intelligence", its units."""
    size = short.count(" ") + 2
    found = [n for n in names if n.startswith(short + " ") and n.count(" ") + 1 == size
             and n.rsplit(" ", 1)[1] in parent_words]
    return found[0] if len(found) == 1 else None


_COMPASS = frozenset({"North", "South", "East", "West", "Latin", "Central", "Middle"})


def _name_body(name: str, v: Vocabulary) -> list[str]:
    """A name's words without the organisation words and legal forms that end it: "Emirates Group" -> Emirates;
    "Canadian Tire Corp. Ltd." -> Canadian Tire."""
    words = name.split()
    while len(words) > 1 and (_bare(words[-1]) in v.organisation_words or _bare(words[-1]) in v.legal_forms):
        words.pop()
    return words


def _of_a_place(words: list[re.Match[str]], v: Vocabulary) -> bool:
    """The name ends in an organisation's word "of" a place ("State Bank of India", "National Bank of Egypt"): the
    words before it name the organisation too, whatever they would mean alone ("State", "National")."""
    bare = [_bare(w.group(0)) for w in words]
    at = len(bare) - 1
    while at > 0 and (bare[at] in v.places or bare[at] in _COMPASS):
        at -= 1
    return 1 < at < len(bare) - 1 and bare[at] == "of" and bare[at - 1] in v.organisation_words


def _named_before_place(words: list[re.Match[str]], not_names: frozenset[str]) -> bool:
    """A word that can be a name stands before the place that ends `words` ("Diageo North America"; not "in
    North America", "New York")."""
    at = len(words) - 2
    while at >= 0 and _bare(words[at].group(0)) in _COMPASS:
        at -= 1
    return at >= 0 and _bare(words[at].group(0)) not in not_names


def _place_units(evidenced: list[str], counts: Counter[str], places: frozenset[str]) -> list[str]:
    """"Sales at JB Hi-Fi New Zealand rose …" after "JB Hi-Fi reported …": an organisation's name and a place is
    its unit there, an organisation too (by the name's leading words, one look-up each)."""
    known = set(evidenced)
    return [name for name in counts if name not in known and _unit_parent(name, known, places) is not None]


def _unit_parent(name: str, known: AbstractSet[str], places: frozenset[str]) -> str | None:
    """The organisation `name` is the unit of in a place ("JB Hi-Fi" of "JB Hi-Fi New Zealand"), if it is known."""
    words = name.split()
    return next((short for k in range(len(words) - 1, 0, -1)
                 if (short := " ".join(words[:k])) in known and _place_unit(short, name, places)), None)


def _place_unit(short: str, name: str, place_words: frozenset[str]) -> bool:
    """`name` is `short` and a place: "Tata Steel UK", "Flipkart India", "Diageo North America", "JB Hi-Fi New
    Zealand", the group's unit there (`place_words` holds the places of several words too)."""
    rest = name[len(short):].split()
    return name.startswith(short + " ") and bool(rest) and (" ".join(rest) in place_words or rest[-1] in place_words
                                                            and all(w in place_words or w in _COMPASS for w in rest[:-1]))


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The pack's places, one word or several ("Morocco", "South Africa"): a figure's part when a sentence opens with
    one ("Morocco brought in MAD 19.1 billion")."""
    return _pack_words("place_words") | _pack_words("place_phrases")


@lru_cache(maxsize=16)  # the lists `merge_short_forms` reads: more than four
def _pack_words(key: str) -> frozenset[str]:
    """A word list of the pack (`parent_words`, `place_words`), for merging names across a corpus (where no
    user vocabulary is loaded)."""
    with open(pack_dir() / "organisations.toml", "rb") as fh:
        return frozenset(tomllib.load(fh).get(key, []))


# "At Crop Science, …" opening a sentence or a paragraph
_AT_OPENING = re.compile(r"(?:^|[.!?]\s|\n)[ \t]{0,3}At\s{1,3}$")


def _opens_sentence(text: str, at: int) -> bool:
    """`text[at:]` starts a sentence or a paragraph."""
    before = text[max(0, at - 4):at].rstrip()
    return not before or before[-1] in ".!?\n\"“"


# a founder's initials opening a company's name ("J.M. Smucker", "J.B. Hunt", "H.B. Fuller"; not a place's: "U.S. Steel")
_FOUNDERS_INITIALS = re.compile(_INITIALS)
_DEAL_LABEL_AFTER = re.compile(r"\s+(?:share\s+)?(?:exchange|swap|transaction|deal|takeover|acquisition|merger|buyout"
                               r"|spin-?off)\b")
_LABEL_BEFORE = re.compile(r"(?:\bthe|['’]s)\s+$", re.IGNORECASE)


def labels_a_deal(text: str, start: int, end: int) -> bool:
    """The name at `text[start:end]` labels a deal ("the Nutresa exchange", "last year's Nutresa share swap",
    "Excluding the Nutresa transaction, profit was …"): it names no party that acts, nor whose figure follows."""
    return _DEAL_LABEL_AFTER.match(text, end) is not None and _LABEL_BEFORE.search(text, max(0, start - 8), start) is not None
# "the Ibovespa's biggest losers", "the FTSE 100's best performers": what a share index has
_INDEX_AFTER = re.compile(r"['’]s\s+(?:biggest|best|worst|top|largest|heaviest)\s+(?:losers|gainers|fallers|risers|"
                          r"performers|decliners|advancers|drags|weights)\b")
_WHO_AFTER = re.compile(r",\s+who\s")
# "jobs here in Luton", "in Luton, the airport": a one-word name where something is (`_home_towns`)
# a place the copy names as one: "the state of Alagoas", "the province of Gauteng", "the emirate of Sharjah"
_STATE_OF = re.compile(r"\b[Tt]he[ \t]+(?:state|province|city|county|region|municipality|emirate|prefecture)[ \t]+of[ \t]+"
                       r"([A-Z][\w'’-]*\w(?:[ \t][A-Z][\w'’-]*\w)?)")
LEFT_OUT = r"excluding|stripping\s+out|leaving\s+out|not\s+counting|without"  # what a figure leaves out ("Excluding X, …")
_LEFT_OUT_BEFORE = re.compile(rf"\b(?:{LEFT_OUT})\s+(?:the\s+)?$", re.IGNORECASE)
_NUMBERED = re.compile(r"[ \t]+\d")  # "Ind AS 116": a standard's number after it
# whom a figure is attributed to: "according to FactSet", "data compiled by LSEG", "a poll by Refinitiv"
_CITED_BEFORE = re.compile(r"\b(?:according\s+to|compiled\s+by|data\s+from|polled\s+by|poll\s+by|estimates\s+from)"
                           r"\s+(?:the\s+)?$", re.IGNORECASE)
# "at Oulu in northern Finland", "a mill in Kvarnsveden in Sweden": a one-word name where something is, in a place
# (a part of the place named: not "strikes at Volkswagen in Germany")
_IN_A_REGION = re.compile(r"\b(?:in|at|near|outside)[ \t]{1,3}([A-Z][\w'’-]*\w)[ \t]{1,3}in[ \t]{1,3}(?:the[ \t]{1,3})?"
                          r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)ern"
                          r"|central)[ \t]{1,3}([A-Z][\w'’-]*\w)")
# a name that acts or owns somewhere in the copy ("Heineken said", "Nokia's profit"): a company, wherever else it stands
_ACTS = re.compile(r"['’]s\b|[ \t]+(?:said|says|reported|reports|posted|posts|expects|announced)\b")


def _acts_somewhere(text: str, name: str) -> bool:
    """Whether the copy writes `name` as one that acts or owns (`_ACTS`), at one of its first occurrences."""
    return any(_ACTS.match(text, end) for _, end in islice(_occurrences(text, name), EVIDENCE_TRIES))
_IN_A_PLACE = re.compile(r"\b(?:in|near|outside)[ \t]{1,3}([A-Z][\w'’-]*\w)(?=[ \t]*[.,;:)]|[ \t]+(?:and|or|on|in|for)\b)")
# the last word of a law's name, or of a market's index ("the Hang Seng Index", "the FTSE 100 Index"): no organisation
_LAW_WORDS = frozenset({"Act", "Acts", "Directive", "Ordinance", "Statute", "Index", "Indices"})
# a name, its verb and a pronoun of a person: "Nadia Hassan lifted her target", "Omar Said cut his forecast"
_OWN_PRONOUN = re.compile(r"\s+(?:[a-z]+\s+){1,2}(?:her|his|himself|herself)\b")  # as the name grammar reads them (`_INITIALS_TOKEN`)


BOUGHT = "@bought"  # the descriptor of a company the copy says was bought: a part of the story's company
PART = "@part"  # … and of a name the copy sets off as a line of its business (`_UNIT_DESCRIBED`)
# a name set off as a line of the company's business: "Integrated Retail, the supermarket business that …" (not "the
# Kenyan unit of South Africa's Absa Group", "the ethanol business Shell owns with Cosan", "the health care business
# that 3M spun off": a company of its own, which a story may be about)
_UNIT_DESCRIBED = re.compile(r"[ \t]{0,3},[ \t]{1,3}the[ \t]{1,3}(?:[\w-]+[ \t]{1,3}){0,3}?(?:business|division|unit|arm"
                             r"|segment)\b(?![-'’]|[ \t]+of\b|[ \t]+[A-Z]|[^,.;\n]{0,60}?\b(?:spun|spin-?off|demerged|jointly"
                             r"|joint|listed|owns?[ \t]+with)\b)")
# a company the story's company bought, glossed so: "Widerøe, the regional carrier bought last year, contributed …"
_BOUGHT_APPOSED = re.compile(r"\s*,\s+(?:the|a|an|its)\s+[^,.;:()]{0,60}?\b(?:(?:it|which\s+it|that\s+it)\s+)?"
                             r"(?:bought|acquired|purchased|took\s+over|taken\s+over)\b", re.IGNORECASE)
_SHAREHOLDER_APPOSED = re.compile(
    r"\s*(?:\([^()]{1,16}\)\s*)?,\s+(?:(?:the|a|an)\s+[^,.;:()]{0,60}?(?:that|which)\s+(?:is|was)\s+"
    r"(?:also\s+)?)?(?:the\s+)?[A-Z][\w&.'’ -]{0,40}?['’]s?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:investor|shareholder|owner|stakeholder)s?\b")


class _Families:
    """Union-find over names; a family's canonical name is its most used member (on a tie, the longer), or the
    longer form the copy opens with ("Mistral AI … Mistral … Mistral": the name of first reference)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, name: str) -> None:
        self.parent.setdefault(name, name)

    def find(self, name: str) -> str:
        self.add(name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def canonical(self, counts: Counter[str], opening: dict[str, int] | None = None,
                  spelled: dict[str, str] | None = None, places: frozenset[str] = frozenset(),
                  generic_words: frozenset[str] = frozenset()) -> dict[str, str]:
        """Each member to its family's name; `opening`: where each name is first written, if known; `spelled`:
        each short form the copy defined to the name it spells out; `places` and `generic_words` (the pack's
        `generic_name_words` and organisation words): for a short form in them only ("National Bank"), the name "of"
        a place it shortens."""
        spelled = spelled or {}
        groups: dict[str, list[str]] = {}
        for name in self.parent:
            groups.setdefault(self.find(name), []).append(name)
        result = {}
        for members in groups.values():
            best = max(members, key=lambda n: (counts.get(n, 0), len(n), n))
            full = [n for n in members if n.startswith(best + " ") and counts.get(n, 0) >= 2]
            if opening is not None and full:
                best = max(full, key=lambda n: (counts.get(n, 0), len(n), n))
            if opening:
                first = min((n for n in members if n in opening), key=opening.__getitem__, default=best)
                if first.startswith(best + " ") and counts.get(first, 0) >= 2:
                    best = first  # the full name, written first and again, then shortened
                elif (_INITIALISM.fullmatch(best) and best in initial_forms(first)) or spelled.get(best) == first:
                    best = first  # "Marks & Spencer (M&S)", "Bharat Electronics Ltd (BEL)": the name of first
                    # reference, then the short form it defined
            if generic_words and all(w in generic_words for w in best.split()):
                # "National Bank of Canada … National Bank": words any country's bank could bear name it only with
                # its place (not "Commonwealth Bank")
                best = next((n for n in members if n.startswith(best + " of ") and all(
                    w in places or w in _COMPASS for w in n[len(best) + 4:].split())), best)
            # "Smucker's outlook … J.M. Smucker Co. forecast … Smucker": a founder's initials are part of the name
            best = next((n for n in members if n.endswith(" " + best)
                         and _FOUNDERS_INITIALS.fullmatch(n, 0, len(n) - len(best) - 1)), best)
            result.update(dict.fromkeys(members, best))
        return result


_NAME_JOINERS = "_&'’-"  # characters that continue a name's word ("Grupo Bimbo-owned" is not "Grupo Bimbo")
_COMPOUND_JOINERS = "_&-"  # "Data-Centre" holds no name "Data" (a possessive "KBank's" still names KBank)


def _occurrences_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of `words` stands in `text` as a whole word."""
    return any(next(_occurrences(text, w, _COMPOUND_JOINERS), None) is not None for w in words)


def _occurrences(text: str, word: str, joiners: str = "") -> Iterator[tuple[int, int]]:
    """Where `word` stands in `text` as a whole word (no letter or digit, nor one of `joiners`, on either side):
    a search in C, then a look at two characters."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in joiners)) \
                and (end == len(text) or not (text[end].isalnum() or text[end] in joiners)):
            yield at, end
        at = text.find(word, end)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Short words that title case may leave in lower case ("Profit Slides as Costs Bite")
_TITLE_SMALL = frozenset("a an the and or but nor of in on at to for by as vs via with from into over per".split())
_LONG_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]{4}")  # longer than any of _TITLE_SMALL


def _is_title_case(line: str) -> bool:
    """A line of four words or more with no word in lower case but short ones: a headline set in title case."""
    if _LONG_LOWER_WORD.search(line):
        return False  # a line of prose, decided in one scan
    words = _TITLE_WORD.findall(line)
    return len(words) >= 4 and all(w[0].isupper() or w in _TITLE_SMALL for w in words)


def _within_sentence(text: str, at: int) -> bool:
    """Whether a word at `at` stands inside a sentence: after a word or a comma on the same line, not at a
    line's or a sentence's start."""
    before = text[max(0, at - 3):at].rstrip(" \t")
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def _place_names(found: list[tuple[int, int, str]], heads: dict[int, tuple[int, str, bool]],
                 written_lower: Callable[[str], bool],
                 groups: set[str], opens_sentence: Callable[[int], bool], text: str) -> list[tuple[int, int, str]]:
    """A place word is part of a name whose rest the copy never writes without one: "Swiss Re" and "Munich Re",
    "Korean Air" are names, where "German Volkswagen" in copy that also writes "Volkswagen" only places one.
    The word must be a proper one: capitalised inside a sentence somewhere, or never written in lower case, as
    "Because" is. Not a word that heads a company's own name here, nor before one: `groups` are the first words
    of names that end in an organisation word ("Emirates Group", "Alibaba Group"). The rest opening a sentence,
    where a capital marks nothing, and written in lower case elsewhere, is not written alone ("Kenya Power" and
    "Power lost between the plants and the meters" in copy about "independent power producers"). Counted over the
    document's candidates, so the test is linear in them. The rest right after a word that heads it elsewhere is
    headed by it there too, wherever the reader found it ("# British Land's September half", a headline)."""
    heads = {s: h for s, h in heads.items() if h[1] not in groups}
    words_of: dict[str, set[str]] = {}
    for s, _, name in found:
        if s in heads:
            words_of.setdefault(name, set()).add(heads[s][1])
    for s, _, name in found:
        if s not in heads:
            word = next((w for w in words_of.get(name, ()) if text.endswith(w + " ", 0, s)), None)
            if word is not None:
                heads[s] = (s - len(word) - 1, word, False)
    alone: Counter[str] = Counter(name for s, _, name in found
                                  if s in heads or " " in name or not opens_sentence(s) or not written_lower(name))
    after: Counter[str] = Counter(name for s, _, name in found if s in heads)
    inside = {name for s, _, name in found if s in heads and (heads[s][2] or not written_lower(heads[s][1]))}
    out = []
    for s, e, name in found:
        head = heads.get(s)
        if head is not None and after[name] == alone[name] and name in inside and name not in groups:
            out.append((head[0], e, f"{head[1]} {name}"))
        else:
            out.append((s, e, name))
    return out
