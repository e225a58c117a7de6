"""The one compiled pattern behind pipelines/release_windows.py (pure data).

Month names (English, Spanish), season words, ordinals and ``WINDOW_PATTERN``:
one alternation of named forms, the more specific first, so that at any
position "early August 2026" wins over "August 2026" and "2026년 하반기" over
"2026".  ``ANCHOR_WORDS`` and digits mark where a window can be: the pattern
only runs around them.  The outer group name of each alternative
(``m.lastgroup``) selects its handler in release_windows.py.
"""
from __future__ import annotations

import re

EN_MONTHS = {name: i + 1 for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"))}
EN_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
ES_MONTHS = {name: i + 1 for i, name in enumerate(
    ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"))}
ES_MONTHS["setiembre"] = 9
SEASON_START_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12,
                      "primavera": 3, "verano": 6, "otoño": 9, "otono": 9, "invierno": 12,
                      "봄": 3, "여름": 6, "가을": 9, "겨울": 12}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "primer": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3,
            "cuarto": 4}

_EN_M = r"january|february|march|april|may|june|july|august|september|october|november|december"
_EN_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_ES_M = "|".join(ES_MONTHS)
_Y = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_PART = r"early|mid|late|the\s+(?:beginning|start|middle|end)\s+of|(?:beginning|start|middle|end)\s+of"
_ES_PART = r"principios|inicios|comienzos|mediados|finales|fines"
_ES_REL_YEAR = r"este\s+año|año|pr[oó]ximo\s+año|año\s+que\s+viene"

_ALTERNATIVES = [
    r"(?P<iso>\b(?P<iso_y>20\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)",
    r"(?P<ko_exact>(?<!\d)(?:(?P<koe_y>20\d\d)\s*년\s*)?(?P<koe_m>1[0-2]|0?[1-9])\s*월\s*(?P<koe_d>[0-3]?\d)\s*일)",
    rf"(?P<es_exact>\b(?P<ese_d>[0-3]?\d)\s+de\s+(?P<ese_m>{_ES_M})(?:\s+(?:de|del)\s+(?P<ese_y>{_Y}))?\b)",
    r"(?P<holiday>\b(?P<hol>christmas\s+day|christmas\s+eve|christmas|new\s+year['’]s\s+(?:day|eve)"
    r"|valentine['’]s\s+day|halloween|thanksgiving(?:\s+day)?)\b(?!\s+(?:special|episode|movie|film)))",
    rf"(?P<en_mdy>\b(?:{_WEEKDAY},?\s+)?(?P<emdy_m>{_EN_M}|{_EN_ABBR})\.?\s+(?P<emdy_d>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"(?!\s*(?:[:.%]\d|million|percent|episodes?|years?))(?:,?\s+(?P<emdy_y>{_Y})\b)?)",
    rf"(?P<en_dmy>\b(?P<edmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<edmy_m>{_EN_M}|{_EN_ABBR})\b\.?(?:,?\s+(?P<edmy_y>{_Y})\b)?)",
    rf"(?P<en_month>\b(?:(?P<em_rel>this|next)\s+)?(?:(?P<em_mod>{_PART})[\s-]+)?(?P<em_m>{_EN_M}|{_EN_ABBR})\b\.?(?:,?\s+(?P<em_y>{_Y})\b)?)",
    rf"(?P<es_month>\b(?:(?:a\s+)?(?P<esm_mod>{_ES_PART})\s+de\s+)?(?P<esm_m>{_ES_M})(?:\s+(?:de|del)\s+(?P<esm_y>{_Y}))?\b)",
    r"(?P<ko_month>(?<!\d)(?:(?P<kom_y>20\d\d)\s*년\s*)?(?P<kom_m>1[0-2]|0?[1-9])\s*월(?:\s*(?P<kom_mod>초순|중순|하순|초|중|말)(?![했하]))?)",
    rf"(?P<en_season>\b(?:(?P<ens_rel>this|next|last|coming)\s+)?(?:(?P<ens_mod>early|mid|late)[\s-]+)?"
    rf"(?P<ens_s>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<ens_y>{_Y})\b)?)",
    rf"(?P<es_season>\b(?:(?P<ess_rel>este|esta|el\s+pr[oó]ximo|la\s+pr[oó]xima|pr[oó]ximo|pr[oó]xima)\s+)?"
    rf"(?P<ess_s>primavera|verano|oto[ñn]o|invierno)(?:\s+(?:de|del)\s+(?P<ess_y>{_Y}))?(?:\s+(?P<ess_rel2>pr[oó]ximo|que\s+viene))?\b)",
    r"(?P<ko_season>(?:(?P<kos_y>20\d\d)\s*년\s*|(?P<kos_rel>올해|올|내년)\s*)(?P<kos_s>봄|여름|가을|겨울))",
    rf"(?P<en_part>\b(?:(?P<ep_mod>{_PART})[\s-]+(?P<ep_y>{_Y})"
    rf"|(?P<ep_half>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<ep_hy>{_Y})|(?:the\s+)?(?P<ep_hrel>this|next|the)\s+year)"
    rf"|H(?P<ep_h>[12])\s+(?P<ep_hh_y>{_Y})"
    rf"|(?P<ep_rmod>early|later|late|mid|{_PART})[\s-]+(?P<ep_rel>this|next|the)\s+year"
    rf"|(?P<ep_ye>year[’']?s?[\s-]end))\b)",
    rf"(?P<es_part>\b(?:a\s+)?(?:(?P<esp_mod>{_ES_PART})\s+de(?:l)?\s+|(?P<esp_half>primer|segundo)\s+semestre\s+de(?:l)?\s+"
    rf"|(?P<esp_mitad>primera|segunda)\s+mitad\s+de(?:l)?\s+)(?:(?P<esp_y>{_Y})|(?P<esp_rel>{_ES_REL_YEAR}))\b)",
    r"(?P<ko_part>(?:(?P<kop_y>20\d\d)\s*년\s*|(?P<kop_rel>올해|내년|금년|올)\s*)?(?P<kop_mod>상반기|하반기|연말|연초|연내|초|말|중반)(?![했하을]))",
    rf"(?P<en_quarter>\b(?:Q(?P<eq_n>[1-4])\s*(?:of\s+)?(?P<eq_y>{_Y})"
    rf"|(?P<eq_w>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?:(?P<eq_wy>{_Y})|(?P<eq_rel>this|next|the)\s+year))\b)",
    rf"(?P<es_quarter>\b(?P<esq_w>primer|segundo|tercer|cuarto)\s+trimestre\s+de(?:l)?\s+(?:(?P<esq_y>{_Y})|(?P<esq_rel>{_ES_REL_YEAR}))\b)",
    r"(?P<ko_quarter>(?:(?P<koq_y>20\d\d)\s*년\s*|(?P<koq_rel>올해|내년)\s*)?(?P<koq_n>[1-4])\s*분기)",
    r"(?P<en_rel>\b(?P<er_which>this|next)\s+(?P<er_unit>year|month)\b)",
    r"(?P<es_rel>\b(?:(?P<esr_this>este\s+año)|(?:el\s+)?pr[oó]ximo\s+año|el\s+año\s+que\s+viene)\b)",
    r"(?P<ko_rel>(?P<kor_this>올해|금년)|내년)",
    r"(?P<year>(?<![\d/–-])(?P<y_y>20[2-4]\d)(?![\d/–-])(?:\s*년(?!\s*\d))?)",
]
# (?<!\w): positions inside a word are rejected once instead of by every alternative.
WINDOW_PATTERN = re.compile(r"(?<!\w)(?:" + "|".join(_ALTERNATIVES) + ")", re.IGNORECASE)
# Every window contains a digit or one of these (lowercased) words; find_windows
# runs WINDOW_PATTERN only around them (str.find is much faster than a regex scan).
ANCHOR_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                "spring", "summer", "fall", "autumn", "winter", "year", "month", "christmas", "halloween",
                "valentine", "thanksgiving", "enero", "febrero", "abril", "mayo", "junio", "julio", "agosto",
                "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "primavera", "verano", "otoño",
                "otono", "invierno", "año", "올", "내년", "금년", "봄", "여름", "가을", "겨울", "연말", "연초", "연내",
                "반기", "분기")
ANCHOR_BEFORE, ANCHOR_AFTER = 45, 25     # the longest reach of a window around its anchor
DIGITS = re.compile(r"\d+")
EN_ABBREVIATIONS = frozenset(_EN_ABBR.split("|"))
