"""Builds `currencies.json`, the currency table the money grammar reads, from CLDR (through Babel).

Run `make currencies` (`python claimcheck/mentions/currency_data.py`: a script, so that it runs even when the
committed table is stale) after upgrading Babel; `tests/test_currencies.py` checks
that the committed file is what this module generates, and that the table in docs/intervals.md is too.
Babel is only needed here: at run time the grammar loads the JSON (a few milliseconds), not CLDR.

What CLDR does not say, newsrooms do: the overlay below adds their spellings ("kronor", "reais",
"Deutschmarks", "Mex$"), the subunits, bitcoin, the euro's fixed conversion rates for the currencies it
replaced, and which reading an ambiguous spelling gets when the copy gives no clue.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("currencies.json")
AS_OF = dt.date(2026, 1, 1)  # "in use": legal tender in some territory on this day (fixed, so builds agree)

#: Currencies the euro replaced: units per euro, fixed for ever by Council Regulation, and the day their
#: notes stopped being legal tender (after which a bare "francs" no longer means French francs).
EURO_FIXED: dict[str, tuple[float, str]] = {
    "ATS": (13.7603, "2002-02-28"), "BEF": (40.3399, "2002-02-28"), "DEM": (1.95583, "2002-02-28"),
    "ESP": (166.386, "2002-02-28"), "FIM": (5.94573, "2002-02-28"), "FRF": (6.55957, "2002-02-17"),
    "IEP": (0.787564, "2002-02-09"), "ITL": (1936.27, "2002-02-28"), "LUF": (40.3399, "2002-02-28"),
    "NLG": (2.20371, "2002-01-28"), "PTE": (200.482, "2002-02-28"), "GRD": (340.750, "2002-02-28"),
    "SIT": (239.640, "2007-01-14"), "CYP": (0.585274, "2008-01-31"), "MTL": (0.429300, "2008-01-31"),
    "SKK": (30.1260, "2009-01-16"), "EEK": (15.6466, "2011-01-14"), "LVL": (0.702804, "2014-01-14"),
    "LTL": (3.45280, "2015-01-15"), "HRK": (7.53450, "2023-01-14"),
}

#: Spellings business desks use that CLDR's English names lack (lower case; code or candidate codes).
NEWSROOM_NAMES: dict[str, str | list[str]] = {
    "sterling": "GBP", "pounds sterling": "GBP", "pound sterling": "GBP", "quid": "GBP",
    "renminbi": "CNY", "rmb": "CNY", "yuan renminbi": "CNY", "american dollars": "USD", "u.s. dollars": "USD",
    "u.s. dollar": "USD", "greenbacks": "USD", "kronor": "SEK", "krona": "SEK", "swedish crowns": "SEK",
    "swedish crown": "SEK", "danish crowns": "DKK", "danish crown": "DKK", "norwegian crowns": "NOK",
    "norwegian crown": "NOK", "czech crowns": "CZK", "czech crown": "CZK", "icelandic crowns": "ISK",
    "crowns": ["SEK", "NOK", "DKK", "CZK", "ISK"],  # "33 billion crowns" after "Danish crowns": the copy's clue decides
    "kronur": "ISK", "kroner": ["NOK", "DKK"], "krone": ["NOK", "DKK"], "reais": "BRL",
    # each other's kroner as Scandinavian desks name them, and Spanish desks' dollars and pounds ("1.814 millones de
    # dólares", "270 millones de libras")
    "svenske kroner": "SEK", "svenska kronor": "SEK", "norske kroner": "NOK", "norska kronor": "NOK",
    "danske kroner": "DKK", "danska kronor": "DKK", "dólares": "USD", "dólar": "USD", "libras": "GBP",
    "dólares canadienses": "CAD", "dólares australianos": "AUD", "dólares estadounidenses": "USD",
    "libras esterlinas": "GBP", "libras egipcias": "EGP",
    "brazilian reais": "BRL", "roubles": "RUB", "rouble": "RUB", "russian roubles": "RUB",
    "zlotys": "PLN", "zloty": "PLN", "zlotych": "PLN", "korunas": "CZK", "koruny": "CZK",
    "naira": "NGN", "nigerian naira": "NGN", "rupiah": "IDR", "ringgit": "MYR", "malaysian ringgit": "MYR",
    "emirati dirhams": "AED", "uae dirhams": "AED", "dirhams": ["AED", "MAD"], "shekels": "ILS",
    "new shekels": "ILS", "deutsche marks": "DEM", "deutsche mark": "DEM", "deutschmarks": "DEM",
    "deutschmark": "DEM", "d-marks": "DEM", "d-mark": "DEM", "german marks": "DEM", "marks": ["DEM", "FIM"],
    "guilders": "NLG", "guilder": "NLG", "pesetas": "ESP", "peseta": "ESP", "lire": "ITL",
    "italian lire": "ITL", "escudos": ["PTE", "CVE"], "drachmas": "GRD", "drachmae": "GRD", "markkaa": "FIM",
    "markkas": "FIM", "finnish marks": "FIM", "punts": "IEP", "irish punts": "IEP", "schillings": "ATS",
    "austrian schillings": "ATS", "belgian francs": "BEF", "luxembourg francs": "LUF",
    "bitcoin": "BTC", "bitcoins": "BTC",
    "dolar": "USD",  # Turkish copy: "243 milyon dolar" (no English word)
    # the two CFA francs, West and Central African, written alike: the story's country decides ("Dakar", "Senegal":
    # XOF; "Yaoundé", "Cameroon": XAF), else the West African, the larger
    "cfa francs": ["XOF", "XAF"], "cfa franc": ["XOF", "XAF"],
    "đồng": "VND",  # Vietnamese copy keeps the diacritics: "8,000 đồng a share" (unlike "dong", no English word)
}
#: Symbols and prefixes newsrooms write that CLDR's locales do not list. Not "A $": "A $117 million loss" opens
#: a sentence with the article far more often than it writes Australian dollars ("A$", "AU$" stay).
NEWSROOM_SYMBOLS: dict[str, str] = {
    "U.S.$": "USD", "US $": "USD", "C$": "CAD", "C $": "CAD", "A$": "AUD", "AU$": "AUD",
    "HK $": "HKD", "S$": "SGD", "SG$": "SGD", "NZ$": "NZD", "NZ $": "NZD", "Mex$": "MXN", "MX$": "MXN",
    "CN¥": "CNY", "RMB": "CNY", "元": "CNY", "₿": "BTC", "XBT": "BTC", "DM": "DEM",
    "원": "KRW", "円": "JPY",  # after a figure and its Korean or Japanese scale: "7,272억 원", "1.2兆円"
    "N": "NGN",  # Nigerian copy writes the naira "N1.01 trillion" as often as "₦" (with a scale only: NEEDS_SCALE)
    "P": "PHP",  # Manila desks write the peso "P10.3 billion" (with a scale only: NEEDS_SCALE)
    "Php": "PHP", "PhP": "PHP",  # … and "Php10.3 billion"
    "E£": "EGP",  # Cairo desks write the Egyptian pound "E£55.2 billion" (CLDR lists only "EGP" and "£")
    "LE": "EGP",  # … and "LE4.28bn" (livre égyptienne; with a scale, or as a price)
    # Hong Kong and Thai copy after a figure and its scale: "2.35億港元", "9,700 ล้านบาท" (ล้าน: a million)
    "港元": "HKD", "港幣": "HKD", "美元": "USD", "บาท": "THB",
    # Latin American and Caribbean dollars and pesos as wire desks prefix them: "Ch$943.9 billion"
    "Ch$": "CLP", "CLP$": "CLP", "Col$": "COP", "COL$": "COP", "Ar$": "ARS", "AR$": "ARS", "RD$": "DOP",
    "J$": "JMD", "TT$": "TTD",
    # Gulf desks: the Qatari riyal "QR17.0 billion", "QR20.37"; the Saudi riyal "SR1.5 billion", the Kuwaiti,
    # Bahraini and Omani dinar and rial "KD1.2 billion", "BD50 million", "RO2 billion" (these with a scale only)
    "QR": "QAR", "SR": "SAR", "KD": "KWD", "BD": "BHD", "RO": "OMR",
    # Dhaka desks write the taka "Tk 3,630 crore", "Tk 26.89" (with a scale, or as a price)
    "Tk": "BDT", "Tk.": "BDT",
    # Lima desks write the sol "S/5,501 million" (CLDR lists "S/" for Peru's own locale only), once "S/."
    "S/": "PEN", "S/.": "PEN",
    # Bangkok desks write the baht "Bt6.34 billion", Istanbul desks the lira "TL 11.45 billion", Israeli desks
    # the shekel "NIS 7.5 billion" (these with a scale, or as a price: "Bt" is also a crop, "TL" a shorthand)
    "Bt": "THB", "TL": "TRY", "NIS": "ILS",
    # Nairobi desks write the Kenyan shilling "KSh 48.8 billion", "Kshs 4.00" (CLDR lists only "Ksh")
    "KSh": "KES", "Kshs": "KES", "KShs": "KES",
    # Hanoi and Ho Chi Minh City desks write the dong "VNĐ2,695 billion", "VNđ16.7 trillion" (CLDR lists "₫")
    "VNĐ": "VND", "VNđ": "VND",
    # the FT's house style for the Nordic crowns: "DKr20bn", "SKr5.4bn", "NKr1.2bn"
    "DKr": "DKK", "SKr": "SEK", "NKr": "NOK",
    # Casablanca desks write the Moroccan dirham "DH 20 per share", "DH 1.2 billion" (the UAE's is "Dh", "Dhs")
    "DH": "MAD",
    # Santiago desks price property, leases and bonds in the unidad de fomento: "UF 2,3 millones", "UF 0,52 per m²"
    "UF": "CLF",
    # Swiss desks write the franc "Fr. 1.1 Mrd.", "Fr. 15.50 a share" (with a scale, or as a price: "Fr." is a title too)
    "Fr.": "CHF",
}
#: Units of account a country's copy prices in beside its currency (CLDR lists them as no legal tender): the
#: name and plural desks write, the digits, and the cues of the country.
UNITS_OF_ACCOUNT: dict[str, tuple[str, str, int, list[str]]] = {
    "CLF": ("unidad de fomento", "unidades de fomento", 4, ["Chile", "Chilean", "Santiago"]),
}
#: Abbreviations several currencies share: the copy's clues decide, else DEFAULTS.
NEWSROOM_SHARED_SYMBOLS: dict[str, list[str]] = {
    "Rs": ["INR", "PKR", "LKR", "NPR", "MUR"], "Rs.": ["INR", "PKR", "LKR", "NPR", "MUR"],
    # the singular, "a dividend of Re 1 per share" (as a price or with a scale only: "Re" is a word too)
    "Re": ["INR", "PKR", "LKR", "NPR", "MUR"], "Re.": ["INR", "PKR", "LKR", "NPR", "MUR"],
    # East African desks write their shilling "Sh48.8 billion", "Sh4.25 a share": Kenyan by default, the
    # story's country ("Dar es Salaam", "Ugandan") otherwise
    "Sh": ["KES", "TZS", "UGX", "SOS"],
    # Mexican, Colombian and Argentine filings and the desks that follow them: "Ps.62,260.9 million", "Ps 21.0bn", "Ps
    # 199.4 trillion" of a Bogotá bank, "Ps. 87.7 billion" of a Buenos Aires one (with a scale, or as a price): Mexican
    # by default, the story's country otherwise
    "Ps.": ["MXN", "COP", "ARS"], "Ps": ["MXN", "COP", "ARS"],
    # Gulf desks write the UAE dirham "Dh7.8 billion", "Dhs500,000"; Moroccan copy in English writes its own
    # "Dh2.84 billion" too: the UAE's by default, the story's country ("Casablanca", "Moroccan") otherwise
    "Dh": ["AED", "MAD"], "Dhs": ["AED", "MAD"],
}
#: Clues CLDR has no names for: the cities business copy dates its stories from, for the currencies whose
#: bare names are shared ("kroner" from Oslo are Norwegian; a bare "$" beside "US$" in copy from Sydney). Country names and the adjectives of the
#: currencies' own names ("Norwegian", "South Korean") come from CLDR.
CITY_CUES: dict[str, list[str]] = {
    "NOK": ["Oslo", "Bergen", "Stavanger"], "DKK": ["Copenhagen", "Aarhus"], "SEK": ["Stockholm", "Gothenburg"],
    "ISK": ["Reykjavik", "Reykjavík"], "CHF": ["Zurich", "Geneva", "Basel", "Bern", "Lausanne", "Vevey"],
    "FRF": ["Paris", "Lyon", "Marseille"], "BEF": ["Brussels", "Antwerp"], "LUF": ["Luxembourg"],
    "MXN": ["Mexico City", "Monterrey", "Guadalajara"], "PHP": ["Manila", "Makati", "Cebu", "Filipino"],
    "ARS": ["Buenos Aires"], "CLP": ["Santiago"], "COP": ["Bogota", "Bogotá", "Medellin"],
    "PKR": ["Pakistani", "Karachi", "Lahore", "Islamabad"], "LKR": ["Sri Lankan", "Colombo"],
    "NPR": ["Nepali", "Nepalese", "Kathmandu"], "INR": ["Mumbai", "New Delhi", "Delhi", "Bengaluru", "Bangalore"],
    "PTE": ["Lisbon", "Porto"], "CVE": ["Praia"], "EGP": ["Cairo"], "KES": ["Nairobi"], "TZS": ["Dar es Salaam"],
    "UGX": ["Kampala"], "AED": ["Dubai", "Abu Dhabi", "Emirati"], "MAD": ["Casablanca", "Rabat", "Moroccan"],
    "SAR": ["Riyadh", "Jeddah"], "QAR": ["Doha"], "KWD": ["Kuwaiti"], "JOD": ["Amman"], "TND": ["Tunis"],
    "DZD": ["Algiers"], "ITL": ["Rome", "Milan", "Turin"], "TRY": ["Istanbul", "Ankara"],
    "AUD": ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "ASX"],
    "CAD": ["Toronto", "Montreal", "Vancouver", "Calgary", "Ottawa", "TSX", "Bay Street"],
    "NZD": ["Auckland", "Wellington", "Christchurch", "NZX"], "HKD": ["Kowloon", "HKEX", "Hang Seng"],
    "SGD": ["SGX"], "TWD": ["Taipei"],
    "DEM": ["Frankfurt", "Bonn", "Berlin", "Munich"], "FIM": ["Helsinki"], "RON": ["Bucharest"],
    "MDL": ["Chisinau"], "CZK": ["Prague"], "SKK": ["Bratislava"], "KRW": ["Seoul"],
    # the CFA franc's own letters ("1,655 CFA francs … from 1,575 francs": the bare francs are CFA francs, not a
    # neighbour's Guinean ones), and the cities of each zone
    "XOF": ["CFA", "FCFA", "Dakar", "Abidjan", "Bamako", "Ouagadougou", "Lomé", "Lome", "Cotonou", "Niamey", "BRVM",
            "Senegalese", "Ivorian", "Malian", "Burkinabe", "Togolese", "Beninese"],
    "XAF": ["CFA", "FCFA", "Douala", "Yaoundé", "Yaounde", "Libreville", "Brazzaville", "N'Djamena", "Bangui", "Malabo",
            "Cameroonian", "Gabonese", "Chadian"],
}
#: Clues in how the copy writes its figures: the scale words of one country's desks before "kr" ("23,0 mia. kr.",
#: "294 mio. kr." are Danish; "4,3 mdr kr", "860 Mkr" Swedish; "3,6 mrd. kr", "306 mill. kr" Norwegian; "7,2 ma.kr."
#: Icelandic): a story that
#: writes them prices in that krone, its per-share "16,94 kr." too, whatever neighbour it names.
NOTATION_CUES: dict[str, list[str]] = {
    "DKK": ["mia. kr", "mio. kr"], "SEK": ["mdr kr", "Mkr", "mdkr", "Mdkr"], "NOK": ["mrd. kr", "mill. kr"],
    "ISK": ["ma.kr", "m.kr", "ma. kr"],  # Icelandic: "7,2 ma.kr.", "470 m.kr."
}
#: Symbols the copy writes that CLDR does not list for a currency (or lists only in the local script): Amman's
#: "JD293 million", Montevideo's "$U 13.512,6 millones", Addis Ababa's "61.9 billion Br", Bridgetown's "BDS$76.8m"; and
#: East Africa's shillings
#: written "/-" after the figure ("724.6bn/-", "65/- per share"), whose country the copy's cues decide.
EXTRA_SYMBOLS: dict[str, tuple[str, ...]] = {"JOD": ("JD",), "UYU": ("$U",), "ETB": ("Br",), "BBD": ("BDS$", "Bds$"),
                                             "KES": ("/-",), "TZS": ("/-",), "UGX": ("/-",)}
#: Letter symbols CLDR lists that business copy uses as prefixes; other letter symbols ("den", "Le", "FC",
#: "K", "P") collide with words and abbreviations, so they are not read.
LETTER_SYMBOLS = ("Rp", "RM", "Ft", "Kč", "zł", "Ksh", "KSh", "TSh", "USh", "kr", "kr.", "R", "DM", "N", "Dh",
                  "Dhs", "P", "Php", "PhP", "QR", "SR", "KD", "BD", "RO", "Ps.", "Ps", "Re", "Re.", "S/", "S/.", "Bt",
                  "TL", "NIS", "Tk", "Tk.", "Sh", "Kshs", "KShs", "VNĐ", "VNđ", "DKr", "SKr", "NKr", "DH", "UF", "Fr.", "LE")

#: Subunits: the word, the factor to the main unit, and the currencies it can belong to (the first is the
#: default when the copy names no candidate).
SUBUNITS: dict[str, tuple[float, list[str]]] = {
    "cents": (0.01, ["USD", "EUR", "CAD", "AUD", "NZD", "HKD", "SGD", "ZAR"]),
    "cent": (0.01, ["USD", "EUR", "CAD", "AUD", "NZD", "HKD", "SGD", "ZAR"]),
    "¢": (0.01, ["USD", "CAD", "AUD", "NZD", "HKD", "SGD"]),  # "44.00¢ a gallon"
    "euro cents": (0.01, ["EUR"]), "euro cent": (0.01, ["EUR"]), "eurocents": (0.01, ["EUR"]),
    "us cents": (0.01, ["USD"]), "u.s. cents": (0.01, ["USD"]), "us cent": (0.01, ["USD"]),
    "u.s. cent": (0.01, ["USD"]), "hong kong cents": (0.01, ["HKD"]), "hong kong cent": (0.01, ["HKD"]),
    "hk cents": (0.01, ["HKD"]), "singapore cents": (0.01, ["SGD"]), "australian cents": (0.01, ["AUD"]),
    "canadian cents": (0.01, ["CAD"]), "new zealand cents": (0.01, ["NZD"]), "pence": (0.01, ["GBP"]), "penny": (0.01, ["GBP"]),
    "pennies": (0.01, ["GBP"]), "p": (0.01, ["GBP"]), "sen": (0.01, ["MYR"]), "kopeks": (0.01, ["RUB"]),
    "kopecks": (0.01, ["RUB"]), "kopek": (0.01, ["RUB"]), "kopeck": (0.01, ["RUB"]),
    "centimes": (0.01, ["CHF", "FRF"]), "centime": (0.01, ["CHF", "FRF"]), "paise": (0.01, ["INR"]),
    "satoshis": (1e-8, ["BTC"]), "satoshi": (1e-8, ["BTC"]), "sats": (1e-8, ["BTC"]),
    # the Gulf's and Africa's: "a dividend of 25 fils", "50 kobo", "75 halalas"
    "fils": (0.001, ["KWD", "BHD", "JOD", "AED"]), "kobo": (0.01, ["NGN"]), "halalas": (0.01, ["SAR"]),
    "halala": (0.01, ["SAR"]), "baisa": (0.001, ["OMR"]), "baisas": (0.001, ["OMR"]), "piastres": (0.01, ["EGP"]),
    "pesewas": (0.01, ["GHS"]), "pesewa": (0.01, ["GHS"]), "thebe": (0.01, ["BWP"]), "ngwee": (0.01, ["ZMW"]),
    "tambala": (0.01, ["MWK"]), "poisha": (0.01, ["BDT"]), "satang": (0.01, ["THB"]), "agorot": (0.01, ["ILS"]),
    # the peso's and the real's: "1.7 billion pesos, or 56 centavos a share" (Mexican unless the copy says otherwise)
    "centavos": (0.01, ["MXN", "PHP", "BRL", "ARS", "COP", "CLP"]), "centavo": (0.01, ["MXN", "PHP", "BRL", "ARS", "COP", "CLP"]),
}
#: A subunit worth another share of some of its currencies: the UAE's fils is a hundredth of a dirham, the
#: Kuwaiti, Bahraini and Jordanian fils a thousandth of a dinar.
SUBUNIT_FACTORS: dict[str, dict[str, float]] = {"fils": {"AED": 0.01}}

#: The reading of an ambiguous spelling when the copy names no candidate country (None: no currency is
#: guessed). `$` and "dollars" follow the outlet's country or the configured default, never the story's.
DEFAULTS: dict[str, str | None] = {
    "$": "USD", "dollar": "USD", "dollars": "USD", "¥": "JPY", "￥": "JPY", "£": "GBP", "pound": "GBP",
    "pounds": "GBP", "franc": "CHF", "francs": "CHF", "rupee": "INR", "rupees": "INR", "Rs": "INR",
    "Rs.": "INR", "Re": "INR", "Re.": "INR", "lira": "TRY", "liras": "TRY", "cents": "USD", "cent": "USD", "¢": "USD", "centimes": "CHF",
    "centime": "CHF", "kr": "SEK", "kr.": "DKK", "krona": "SEK", "mark": "DEM", "marks": "DEM",
    "C$": "CAD", "R": "ZAR", "DM": "DEM", "Rp": "IDR", "RM": "MYR", "Ft": "HUF", "yuan": "CNY", "won": "KRW",
    "real": "BRL", "reals": "BRL", "rand": "ZAR", "ruble": "RUB", "rubles": "RUB", "yen": "JPY", "P": "PHP",
    "SR": "SAR",  # the Seychelles rupee shares the letters; Saudi copy is the one that writes them
    "Dh": "AED", "Dhs": "AED",
    "Sh": "KES", "shilling": "KES", "shillings": "KES", "Ps": "MXN", "Ps.": "MXN",
    "cfa francs": "XOF", "cfa franc": "XOF",
}
#: Defaults no clue in the copy overrides: desks that mean another currency write it out ("CN¥", "yuan",
#: "E£", "Egyptian pounds", "C$"), so a story that mentions China keeps "¥" as yen.
FIRM_DEFAULTS = ("$", "dollar", "dollars", "¥", "￥", "£", "pound", "pounds")
#: Spellings that are English words: money only with a scale ("3 billion pounds", not "7 pounds" of weight,
#: "the side that won 3", "a real 5% gain", "7 marks out of 10"), or with a price word in the sentence.
NEEDS_SCALE = ("pound", "pounds", "crowns", "won", "real", "reals", "mark", "marks", "rand", "sol", "soles", "dong",
               "kip", "som", "lek", "lev", "leu", "lei", "lats", "lari", "dram", "loti", "tala", "vatu",
               "kina", "kyat", "pula", "taka", "manat", "denar", "dalasi", "ariary", "ouguiya", "leone",
               "dirham", "riyal", "rial", "R", "DM", "N", "P", "SR", "KD", "BD", "RO", "Ps.", "Ps", "Re", "Re.", "Bt",
               "TL", "NIS", "Tk", "Tk.", "UF", "Fr.", "LE",
               "JD", "Br")  # ("the JD 618 shopping festival", Belarus's "Br2,500" a month: not Jordan's or Ethiopia's money)
#: ISO codes that are English words or well-known abbreviations ("TOP 10", "ALL 3 models", "AMD 5%",
#: "CUP 2"): read only with a scale, and never in lower case.
CODES_NEED_SCALE = ("ALL", "TOP", "CUP", "MOP", "PEN", "SOS", "TRY", "GEL", "MAD", "BOB", "BAM", "AMD",
                    "CAD", "FUN", "LAK", "NIO", "PAB", "STD", "TMT", "KID", "CVE", "ERN", "GYD", "HTG",
                    "MRU", "SLE", "VES", "XAF", "XOF", "XPF", "XCD", "XCG", "ANG", "DOP", "BIF", "RON")
#: Last words of currency names that alone mean something else ("passed the 1 million mark").
NOT_BARE_NAMES = ("mark",)
#: Codes read in lower case too ("usd 5bn", "30 rmb"); other codes would collide with English words.
LOWER_CODES = ("usd", "eur", "gbp", "jpy", "cny", "inr", "chf", "rmb", "aud", "cad", "nzd", "hkd", "sgd",
               "sek", "nok", "dkk", "btc")


def _plain(text: str) -> str:
    """Lower case without accents ("króna" -> "krona")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def _in_use(territory_currencies: Any) -> dict[str, set[str]]:
    """Currency -> the territories where it is legal tender on AS_OF (or was, for the euro's predecessors)."""
    where: dict[str, set[str]] = {}
    for territory, spans in territory_currencies.items():
        for code, start, end, tender in spans:
            if not tender or (start and dt.date(*start) > AS_OF):
                continue
            if end and dt.date(*end) < AS_OF and code not in EURO_FIXED:
                continue
            where.setdefault(code, set()).add(territory)
    return where


def generate() -> dict[str, Any]:
    """The table, as a JSON-ready dict with sorted keys (so the committed file diffs cleanly)."""
    import babel
    from babel import Locale, localedata
    from babel.core import get_cldr_version, get_global
    from babel.numbers import get_currency_name, get_currency_precision

    en = Locale("en")
    where = _in_use(get_global("territory_currencies"))
    codes = sorted(c for c in where if len(c) == 3 and c.isalpha() and c in en.currencies
                   and not c.startswith("X") or c in ("XAF", "XOF", "XPF", "XCD"))
    currencies: dict[str, dict[str, Any]] = {}
    names: dict[str, set[str]] = {}
    symbols: dict[str, set[str]] = {}
    local = _local_symbols(localedata, Locale, where)
    for code, symbol in en.currency_symbols.items():  # the English symbols too ("¥" for JPY)
        if code in where and _readable(symbol, code):
            local.setdefault(code, set()).add(symbol)
    for code, written in EXTRA_SYMBOLS.items():
        local.setdefault(code, set()).update(written)
    for code in codes:
        name = get_currency_name(code, count=1, locale="en")
        plural = get_currency_name(code, count=2, locale="en")
        territories = sorted(where[code])
        adjective = " ".join(w for w in name.split()[:-1] if w != "CFA")  # "South Korean", "Norwegian"
        cues = sorted({en.territories[t] for t in territories if t in en.territories}
                      | ({adjective} if adjective[:1].isupper() and len(adjective) > 2 else set())
                      | set(CITY_CUES.get(code, ())) | set(NOTATION_CUES.get(code, ())))
        entry: dict[str, Any] = {
            "name": name, "plural": plural, "digits": get_currency_precision(code), "cues": cues,
            "symbols": sorted(local.get(code, ())),
        }
        if code in EURO_FIXED:
            entry["euro_rate"], entry["until"] = EURO_FIXED[code]
        currencies[code] = entry
        for spelling in {name, plural}:
            names.setdefault(_plain(spelling), set()).add(code)
            words = spelling.split()
            if len(words) > 1 and _plain(words[-1]) not in NOT_BARE_NAMES:  # "rand": ambiguous across countries
                names.setdefault(_plain(words[-1]), set()).add(code)
        for symbol in local.get(code, ()):
            symbols.setdefault(symbol, set()).add(code)
    for code, (name, plural, digits, cues) in UNITS_OF_ACCOUNT.items():
        currencies[code] = {"name": name, "plural": plural, "digits": digits, "cues": cues, "symbols": [],
                            "unit_of_account": True}
        for spelling in (name, plural):
            names.setdefault(spelling, set()).add(code)
    currencies["BTC"] = {"name": "bitcoin", "plural": "bitcoins", "digits": 8, "cues": [], "symbols": ["₿"],
                         "crypto": True}
    for spelling, code in NEWSROOM_NAMES.items():  # as written (what the grammar matches) and as looked up
        for key in {spelling, _plain(spelling)}:  # ("đồng" is "đong" without its accents: đ is a letter of its own)
            names.setdefault(key, set()).update([code] if isinstance(code, str) else code)
    for symbol, code in NEWSROOM_SYMBOLS.items():
        symbols.setdefault(symbol, set()).add(code)
    for symbol, shared in NEWSROOM_SHARED_SYMBOLS.items():
        symbols.setdefault(symbol, set()).update(shared)
    return {
        "source": f"CLDR {get_cldr_version()} through Babel {babel.__version__}: currencies in use on {AS_OF},"
                  " plus those the euro replaced, plus the newsroom overlay of claimcheck/mentions/currency_data.py",
        "currencies": currencies,
        "names": {k: _ordered(v, k) for k, v in sorted(names.items())},
        "symbols": {k: _ordered(v, k) for k, v in sorted(symbols.items())},
        "subunits": {k: {"factor": f, "currencies": c, **({"factors": SUBUNIT_FACTORS[k]} if k in SUBUNIT_FACTORS else {})}
                     for k, (f, c) in sorted(SUBUNITS.items())},
        "defaults": DEFAULTS,
        "firm_defaults": sorted(FIRM_DEFAULTS),
        "needs_scale": sorted(NEEDS_SCALE),
        "codes_need_scale": sorted(CODES_NEED_SCALE),
        "lower_codes": sorted(LOWER_CODES),
    }


def _ordered(codes: set[str], spelling: str) -> list[str]:
    """Candidates with the documented default first, then alphabetical (stable output)."""
    first = DEFAULTS.get(spelling)
    return sorted(codes, key=lambda c: (c != first, c))


def _local_symbols(localedata: Any, locale_cls: Any, where: dict[str, set[str]]) -> dict[str, set[str]]:
    """The symbols each currency has in the locales of the territories that use it ("₦" in en_NG).

    Signs are kept; of the letter symbols only LETTER_SYMBOLS (the others are words or abbreviations).
    """
    found: dict[str, set[str]] = {}
    for ident in localedata.locale_identifiers():
        try:
            loc = locale_cls.parse(ident)
        except (ValueError, LookupError):
            continue
        for code, territories in where.items():
            if loc.territory not in territories:
                continue
            symbol = loc.currency_symbols.get(code)
            if symbol and _readable(symbol, code):
                found.setdefault(code, set()).add(symbol)
    return found


def _readable(symbol: str, code: str) -> bool:
    """A sign ("₦", "NT$") with no letters of another script, or one of the LETTER_SYMBOLS."""
    if symbol == code or not symbol.strip("\u200b\u200f"):
        return False
    has_sign = any(unicodedata.category(ch) == "Sc" for ch in symbol)
    return has_sign and not any(ch.isalpha() and not ch.isascii() for ch in symbol) or symbol in LETTER_SYMBOLS


DOCS = Path(__file__).resolve().parents[2] / "docs" / "intervals.md"


def write(path: Path = TABLE) -> None:
    path.write_text(json.dumps(generate(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def write_docs(docs: Path = DOCS) -> None:
    """Replace the currency table in docs/intervals.md with the one the committed JSON gives."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("currencies", Path(__file__).with_name("currencies.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["currencies"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    text = docs.read_text(encoding="utf-8")
    start, end = text.index(module.DOCS_START), text.index(module.DOCS_END) + len(module.DOCS_END)
    docs.write_text(text[:start] + module.markdown_table(module.table()) + text[end:], encoding="utf-8")


if __name__ == "__main__":
    write()
    write_docs()
    print(f"wrote {TABLE} and the currency table of {DOCS}")
