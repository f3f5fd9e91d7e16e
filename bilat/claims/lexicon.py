"""The words the extraction rules look for, in English and Russian."""

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


CURRENCY_BEFORE = _rx(r"(?:US\$|\$|USD|US\s+dollars?)\s?$")
CURRENCY_AFTER = _rx(
    r"^\s?(?P<usd>(?:US\s+)?dollars|USD|\$|доллар(?:ов|а|ы)?(?:\s+США)?|долл\.(?:\s?США)?)"
    r"|^\s?(?P<kzt>tenge|KZT|тенге)")
PERCENT_AFTER = _rx(r"^\s?(?:%|percent\b|per\s+cent\b|процент(?:а|ов)?\b)")
POINTS_AFTER = _rx(r"^\s?(?:percentage\s+points?|p\.\s?p\.|pp\b|процентн\w+\s+пункт\w*|п\.\s?п\.)")

NOUNS = [  # (family, unit, pattern) for counts: "12 joint projects", "2 тыс. предприятий"
    ("per_month", "items_per_month",
     r"(?:buses|cars|vehicles|trucks|tractors|units|machines|автобус\w*|автомобил\w*|машин\w*"
     r"|трактор\w*|единиц\w*)\s+(?:per|a|each)\s+month|(?:машин\w*|автомобил\w*|автобус\w*"
     r"|трактор\w*|единиц\w*)\s+в\s+месяц"),
    ("projects", "projects", r"projects?\b|проект\w*"),
    ("jobs", "jobs", r"(?:new\s+)?jobs\b|(?:новых\s+)?рабочи[хе]\s+мест\w*"),
    ("hectares", "hectares", r"hectares?\b|ha\b|гектар\w*|га\b"),
    ("tonnes", "tonnes_per_year", r"(?:metric\s+)?(?:tons|tonnes|ton|tonne)\b|тонн\w*|т\b"),
    ("enterprises", "enterprises",
     r"enterprises|companies|firms|joint\s+ventures|ventures|предприяти\w*|компани\w*|СП\b"),
    ("people", "people",
     r"participants|entrepreneurs|representatives|delegates|businessmen|business\s+people"
     r"|people|guests|участник\w*|предпринимател\w*|представител\w*|делегат\w*|человек\b"),
    ("meetings", "meetings", r"meetings|talks|negotiations|встреч\w*|переговор\w*|заседани\w*"),
    ("times", "meetings", r"times\b|раз\b|раза\b"),
    ("items", "items",
     r"(?:commodity|product|tariff)\s+(?:items|lines|positions)|товарн\w+\s+позици\w*"
     r"|наименовани\w+\s+товар\w*|позици\w*"),
]
NOUN_RE = [(family, unit, re.compile(r"^(?P<gap>(?:[\w\-]+\s+){0,2}?)(?P<noun>" + pattern + ")",
                                      re.I)) for family, unit, pattern in NOUNS]
GAP_STOP = _rx(r"\b(?:of|in|from|to|for|and|at|by|the|из|в|на|и|до|с|по|за|от)\b")
OF_THEM = _rx(r"^\s+(?:of\s+them|of\s+these|из\s+них)")
OF_WHICH = _rx(r"(?:of\s+(?:them|which|these)|из\s+них|в\s+том\s+числе|including)[\s,]*$")

FAMILY = {  # money and growth: the last of these before a figure names what it measures
    "exports": r"exports?\b|exported|экспорт\w*|supplies\s+of|поставк\w*",
    "imports": r"imports?\b|imported|импорт\w*",
    "trade_turnover": r"trade\b(?!\s+and\s+integration)|turnover|товарооборот\w*|торговл\w*"
                      r"|торгов\w+\s+оборот\w*",
    "investment": r"invest\w*|инвестиц\w*|инвестир\w*|вложени\w*|вложил\w*",
}
FAMILY_RE = _rx("|".join(f"(?P<{name}>{p})" for name, p in FAMILY.items()))
TARGET_BEFORE = _rx(
    r"(?:\b(?:to\s+)?(?:bring|bringing|raise|raising|increase|increasing|boost|boosting|reach"
    r"|reaching|double|doubling|lift|lifting)\b[^.;$]{0,70}?\b(?:to|up\s+to)"
    r"|\b(?:target|goal|aim|course)\s+(?:of|for|at)|\b(?:eyes?|eyeing|aims?\s+for|targets?"
    r"|seeks?)"
    r"|(?:довести|доведени\w+|увеличить|увеличени\w+|нарастить|наращивани\w+|вывести)\b"
    r"[^.;]{0,70}?\bдо)\s*(?:\$|US\$)?\s*$")
INCREASE_BY = _rx(r"(?:\b(?:to\s+)?(?:increase|increasing|raise|raising|boost|boosting|grow|growing)"
                  r"\b[^.;]{0,70}?\bby|(?:увеличить|увеличени\w+|нарастить|наращивани\w+)"
                  r"\b[^.;]{0,70}?\bна)\s*(?:\$|US\$)?\s*$")
TARGET_CUE = _rx(r"target|goal|task|tasked|aim|intend|instruct|course|plan|set\b|agreed|seek"
                 r"|\beyes?\b|eyeing"
                 r"|задач\w*|цел[ьи]\w*|поруч\w*|намерен\w*|договорились|рассчитыва\w*|ориентир"
                 r"|поставил\w*|планиру\w*|стремятся")
POTENTIAL = _rx(r"potential|потенциал\w*")
FUND = _rx(r"\bfund\b|фонд\w*")
CAPITAL = _rx(r"capital|капитал\w*")
CONTRACTS = _rx(r"agreements?|contracts?|deals?|соглашени\w*|контракт\w*|сделк\w*|договор\w*")
SIGNED = _rx(r"sign\w*|conclud\w*|подписан\w*|подписал\w*|заключ\w*|package|пакет\w*")
WORTH = _rx(r"worth|valued\s+at|value\s+of|cost(?:ing)?\s+of|estimated\s+at|costs?\b|стоимост\w*"
            r"|на\s+сумму|сумм\w*|оценива\w+\s+в")
# Things a project value can belong to when the word "project" is not there.
PROJECT_NOUNS = _rx(r"project\w*|plant|factory|railway|road|facility|complex|проект\w*|завод\w*"
                    r"|фабрик\w*|комбинат\w*|железн\w+\s+дорог\w*|магистрал\w*")
# A figure that only refers back: "the figure stood at…", "этот показатель составлял…".
ANAPHORA = _rx(r"\b(?:the|this|that)\s+(?:figure|volume|indicator|number)|\bit\b"
               r"|^\s*(?:this|that)\s+is\b|^\s*это\b"
               r"|(?:этот|данный)\s+показател\w*|\bобъем\w*|\bобъём\w*")
# Flows the vocabulary does not count: a growth of these is not a growth of trade.
NOT_TRADE = _rx(r"cargo|freight|transit|transportation|passenger\w*|tourist\w*|traffic"
                r"|груз\w*|перевоз\w*|транзит\w*|пассажир\w*|турист\w*")
# A share names its denominator: a country's foreign trade, or a region's.
SHARE_OF_TOTAL = _rx(r"foreign\s+trade|external\s+trade|total\s+trade|trade\s+turnover\s+of"
                     r"|внешн\w+\s+торгов\w*|внешнеторгов\w*|торговых\s+партн")
PIPELINE = _rx(r"pipeline|under\s+consideration|being\s+(?:worked\s+out|studied|negotiated)"
               r"|under\s+negotiation|in\s+the\s+works|проработк\w*|на\s+стадии\s+обсуждени\w*"
               r"|рассматрива\w*")
PLANNED_SPEND = _rx(r"planned|planning|will\s+be|планируем\w*|планиру\w*|будет|будут|предстоит")

STATUS = [  # the first that matches the words around a project figure
    ("in_progress", _rx(r"being\s+(?:implemented|built|constructed|carried\s+out)|under\s+way"
                        r"|\b(?:are|is)\s+(?:\w+\s+)?implementing\b|\bреализуют\b"
                        r"|underway|under\s+(?:implementation|construction)|in\s+progress"
                        r"|реализу(?:ются|ется)|ведется\s+реализаци\w*|ведётся\s+реализаци\w*"
                        r"|в\s+(?:стадии|процессе)\s+реализаци\w*|стро(?:ится|ятся)")),
    ("planned", _rx(r"\bplanned\b|\bare\s+planned|will\s+be\s+(?:implemented|launched|built)"
                    r"|to\s+be\s+(?:implemented|launched|built)|планиру\w*|будут\s+реализован\w*"
                    r"|намечен\w*|предстоит")),
    ("completed", _rx(r"\b(?:have|has|had|were|was)\s+(?:\w+\s+){0,3}?(?:implemented|completed"
                      r"|commissioned|launched|put\s+into\s+operation)\b|\bcommissioned\b"
                      r"|\bcompleted\b|реализован[ыо]?\b|завершен[ыо]?\b|введен[ыо]?\s+в\s+"
                      r"(?:эксплуатацию|строй)|запущен[ыо]\b")),
]
JOBS_CREATED = _rx(r"(?<!will\s)(?<!to\s)\b(?:created|have\s+been\s+created)\b"
                   r"|(?<!будет\s)(?<!будут\s)\bсоздан[оы]?\b|\bсоздали\b")
JOBS_CREATING = _rx(r"\bcreating\b|\bсоздав\b|\bсоздав\w+")
PARTICIPATION = _rx(r"took\s+part|take\s+part|participa\w*|attended|brought\s+together|gathered"
                    r"|приняли\s+участие|участ\w+|собра\w*")
IGC = _rx(r"commission|council|intergovernmental|комисси\w*|совет\w*|межправ\w*")
CAPACITY = _rx(r"capacity|per\s+year|a\s+year|annual\w*|мощност\w*|в\s+год\b|ежегодн\w*")
GROWTH_UP = _rx(r"grow\w*|grew|increas\w*|rose|risen|rise|up\b|higher|growth|gain\w*|\+"
                r"|вырос\w*|выросл\w*|увелич\w*|рост\w*|прирост\w*|больше|выше|повыс\w*")
GROWTH_DOWN = _rx(r"decreas\w*|declin\w*|fell|fall\w*|dropp?\w*|down\b|lower|shrank|shrunk"
                  r"|contract(?:ed|ion)|reduc\w*|сниз\w*|снижени\w*|сократи\w*|сокращени\w*"
                  r"|уменьш\w*|меньше|ниже|упал\w*|спад\w*")
GROWTH_AFTER = _rx(r"^\s?(?:%|percent|процент\w*)?\s*(?:больше|выше|more|higher)\b")
DOWN_AFTER = _rx(r"^\s?(?:%|percent|процент\w*)?\s*(?:меньше|ниже|less|lower)\b")
SHARE = _rx(r"share|account(?:s|ed|ing)?\s+for|доля|долю|доли|приходит\w*")
REGION = _rx(r"Central\s+Asia\w*|Центральн\w+\s+Ази\w*|region\w*|регион\w*")
PRESENT = _rx(r"\b(?:is|are|remains|remain|ranks|accounts?\s+for|account\s+for|holds)\b"
              r"|занима\w+т\b|приходится|является|остается|остаётся|составля\w*т\b")
RANK_EN = _rx(r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
              r"|\d{1,2}(?:st|nd|rd|th))[\s-]+(?:largest|biggest|most\s+important)\s+"
              r"(?:trading|trade|foreign\s+trade|economic)\s+partner"
              r"|(?P<largest>largest|biggest)\s+(?:trading|trade)\s+partner(?!s)")
RANK_RU = _rx(r"(?P<ord>перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\w*\s+мест\w*"
              r"|(?P<largest>крупнейш(?:им|ий|его|ем))\s+торгов\w+\s+партн[её]р(?:ом|а|у|е)?\b"
              r"|(?P<ordp>перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)(?:ым|ой|ый"
              r"|ого)\s+(?:по\s+величине\s+|крупнейшим\s+)?торгов\w+\s+партн[её]р(?:ом|а|у|е)?\b")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "перв": 1, "втор": 2, "трет": 3,
            "четв": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9, "десят": 10}
DENOMINATOR_AFTER = _rx(r"^'s\s+(?:(?:\w+\s+){0,2})?(?:foreign|total|external|largest|biggest"
                        r"|trad\w+|first|second|third|fourth|fifth|\d)")
DENOMINATOR_BEFORE = _rx(r"(?:партн[её]р\w*|торговле|оборот\w*|trade\s+of|partners\s+of"
                         r"|turnover\s+of)\s+$")
HOME_WORDS = _rx(r"domestic|our\b|national|отечествен\w*|наш\w*")
SUBCLAUSE = _rx(r";|,\s+(?:and|while|whereas|but|а|но)\s")


