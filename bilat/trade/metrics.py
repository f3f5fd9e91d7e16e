"""The commission's trade metrics: written definitions and the pure arithmetic behind them.

Every number bilat shows names its metric here, so the page, the API and the briefing can show
the definition (numerator, denominator, unit, rounding) next to the value, in English or Russian,
and its title and definition in Kazakh and Uzbek too (``KAZAKH_UZBEK``). The Uzbek titles name
an index by its abbreviation (RCA, GL) where the Kazakh and Russian name its author.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from bilat.core.languages import Translated


@dataclass(frozen=True)
class Metric:
    """A metric as the commission defines it."""

    code: str
    title_en: str
    title_ru: str
    numerator: str
    denominator: str
    unit: str
    rounding: str
    definition_en: str
    definition_ru: str
    title_kk: str = ""
    title_uz: str = ""
    definition_kk: str = ""
    definition_uz: str = ""

    title = Translated()
    definition = Translated()

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "title_en": self.title_en,
            "title_ru": self.title_ru,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "unit": self.unit,
            "rounding": self.rounding,
            "definition_en": self.definition_en,
            "definition_ru": self.definition_ru,
            "title_kk": self.title_kk,
            "title_uz": self.title_uz,
            "definition_kk": self.definition_kk,
            "definition_uz": self.definition_uz,
        }


def _m(*args: str) -> Metric:
    return Metric(*args)


METRICS: dict[str, Metric] = {
    m.code: m
    for m in (
        _m("exports", "Exports", "Экспорт",
           "goods sent by the reporter to the partner in the period", "—", "US$",
           "shown in US$ bn to 0.1 (1 decimal); stored exact",
           "Value of the reporter's exports to the partner, as the basis (statistics office) "
           "reports them: FOB for national statistics and Comtrade exports.",
           "Стоимость экспорта страны-отчётчика в страну-партнёр по данным выбранного "
           "источника (органа статистики); для национальной статистики — ФОБ."),
        _m("imports", "Imports", "Импорт",
           "goods received by the reporter from the partner in the period", "—", "US$",
           "US$ bn to 0.1", "Value of the reporter's imports from the partner on the basis "
           "(usually CIF).", "Стоимость импорта страны-отчётчика из страны-партнёра (обычно СИФ)."),
        _m("turnover", "Trade turnover", "Товарооборот",
           "exports + imports", "—", "US$", "US$ bn to 0.1",
           "Exports plus imports of the pair in the period. Where the source publishes a turnover "
           "figure, that figure is shown (it may differ from the sum of its own rounded parts); "
           "otherwise it is the sum.",
           "Экспорт плюс импорт пары за период. Если источник публикует товарооборот, "
           "показывается опубликованная величина; иначе — сумма."),
        _m("balance", "Trade balance", "Сальдо торговли",
           "exports − imports", "—", "US$", "US$ bn to 0.1",
           "Reporter's exports to the partner minus its imports from it; positive is a surplus.",
           "Экспорт минус импорт страны-отчётчика с партнёром; плюс — профицит."),
        _m("growth_yoy", "Growth, year on year", "Рост к предыдущему году",
           "value(t) − value(t−1)", "value(t−1)", "%", "0.1 percentage point",
           "Change over the previous year, in per cent of the previous year, same basis.",
           "Изменение к предыдущему году в процентах, по одному источнику."),
        _m("growth_n", "Growth over N years", "Рост за N лет",
           "value(t) − value(t−N)", "value(t−N)", "%", "0.1 percentage point",
           "Change over N years (5 in the commission's releases), same basis.",
           "Изменение за N лет (в релизах комиссии — 5), по одному источнику."),
        _m("cagr", "Average yearly growth (CAGR)", "Среднегодовой темп роста",
           "(value(t) / value(t−N))^(1/N) − 1", "—", "% a year", "0.1 percentage point",
           "The constant yearly rate that leads from the first value to the last.",
           "Постоянный годовой темп, приводящий от начального значения к конечному."),
        _m("ytd_growth", "Year to date against the same months", "С начала года к тем же месяцам",
           "value(Jan–m, t) − value(Jan–m, t−1)", "value(Jan–m, t−1)", "%",
           "0.1 percentage point",
           "January to the latest month against the same months of the previous year, "
           "same basis.", "Январь—последний месяц к тем же месяцам прошлого года."),
        _m("share_of_reporter_ca", "Partner's share of the reporter's trade with Central Asia",
           "Доля партнёра в торговле отчётчика с Центральной Азией",
           "reporter–partner turnover", "reporter's turnover with the four other CA5 countries, "
           "each on the reporter's basis", "%", "whole per cent (0.1 in details)",
           "E.g. Uzbekistan's share of Kazakhstan's trade with Central Asia: KZ–UZ turnover "
           "divided by Kazakhstan's turnover with KG, TJ, TM and UZ, all as Kazakhstan reports.",
           "Например, доля Узбекистана в торговле Казахстана с ЦА: оборот КЗ–УЗ, делённый на "
           "оборот Казахстана с КГ, ТД, ТМ и УЗ по данным Казахстана."),
        _m("share_of_region", "Pair's share of all trade within Central Asia",
           "Доля пары во всей торговле внутри Центральной Азии",
           "the pair's turnover", "sum over the ten CA5 pairs of one turnover per pair "
           "(a de-duplicated pair matrix)", "%", "whole per cent; low–high range",
           "Each pair is counted once. Where both sides report a pair, the lowest and the "
           "highest report give the range; summing every country's own regional trade "
           "would count each flow twice.",
           "Каждая пара учитывается один раз; при двух отчётах диапазон — от меньшего к "
           "большему. Сумма собственных оборотов стран учла бы каждый поток дважды."),
        _m("product_share", "Product share", "Доля товара",
           "pair's trade in the product (HS4 or theme)", "pair's trade in all products", "%",
           "0.1 per cent", "Share of one heading or theme in the pair's trade in one direction.",
           "Доля товарной позиции или темы в торговле пары в одном направлении."),
        _m("rca", "Revealed comparative advantage (Balassa)",
           "Выявленное сравнительное преимущество (Баласса)",
           "country's exports of k ÷ country's total exports",
           "world exports of k ÷ world total exports", "index (1 = world average)", "0.01",
           "Above 1: the country exports relatively more of product k than the world does.",
           "Больше 1: страна экспортирует товар k относительно больше, чем мир в среднем."),
        _m("trade_intensity", "Trade intensity index", "Индекс интенсивности торговли",
           "A's exports to B ÷ A's total exports", "world exports to B ÷ world total exports",
           "index (1 = as expected from B's weight)", "0.01",
           "Above 1: A sends B a larger share of its exports than the world does.",
           "Больше 1: доля партнёра B в экспорте A выше, чем его доля в мировом импорте."),
        _m("complementarity", "Trade complementarity index", "Индекс торговой комплементарности",
           "100 × (1 − Σk |B's import share of k − A's export share of k| ÷ 2)", "—",
           "index 0–100", "0.1",
           "How well what A exports matches what B imports (HS6); 100 = a perfect match.",
           "Насколько структура экспорта A совпадает со структурой импорта B (ТН ВЭД 6); "
           "100 — полное совпадение."),
        _m("grubel_lloyd", "Intra-industry trade (Grubel–Lloyd)",
           "Внутриотраслевая торговля (Грубель–Ллойд)",
           "Σk (Xk + Mk − |Xk − Mk|)", "Σk (Xk + Mk)", "index 0–1", "0.01",
           "Share of the pair's trade that is two-way trade in the same heading (HS4).",
           "Доля встречной торговли в одних и тех же позициях (4 знака) в обороте пары."),
        _m("hhi", "Concentration (Herfindahl–Hirschman)", "Концентрация (Херфиндаль–Хиршман)",
           "Σk (share of heading k)²", "—", "index 0–1", "0.001",
           "Concentration of the reporter's exports to the partner across HS4 headings; "
           "above 0.25 is highly concentrated.",
           "Концентрация экспорта отчётчика партнёру по позициям (4 знака); выше 0,25 — "
           "высокая."),
        _m("mirror_gap", "Mirror gap", "Зеркальный разрыв",
           "partner's reported imports − reporter's reported exports",
           "reporter's reported exports", "US$ and %", "US$ bn to 0.01; 0.1 per cent",
           "The two statistics offices' reports of the same flow, side by side; CIF/FOB, "
           "timing and partner attribution explain the usual gap.",
           "Отчёты двух органов статистики об одном потоке рядом; разрыв объясняют СИФ/ФОБ, "
           "сроки и страна происхождения."),
        _m("export_potential", "Untapped export potential (simplified)",
           "Неиспользованный экспортный потенциал (упрощённо)",
           "RCA of A in k × A's share of world exports × B's imports of k × (1 + growth of "
           "B's imports of k) − A's actual exports of k to B", "—", "US$", "US$ M to 0.1",
           "Supply (A's revealed advantage, i.e. its world market share in k) times demand "
           "(B's imports of k, projected one year at their recent growth), minus what A "
           "already sells B. After ITC's Export Potential Map, much simplified.",
           "Предложение (преимущество A, т. е. его доля мирового экспорта k) × спрос (импорт "
           "B товара k с учётом его роста) минус фактический экспорт A в B."),
        _m("target_pace", "Pace towards a target", "Темп достижения цели",
           "required and observed yearly growth", "—", "% a year; year",
           "0.1 percentage point",
           "Required growth = (target ÷ latest actual)^(1/years left) − 1. Observed growth = "
           "CAGR over the last five years of actuals on the same basis. On track if the "
           "observed pace reaches the target by the target year; at risk if it reaches at "
           "least 90 % of it; off track otherwise.",
           "Требуемый темп = (цель ÷ последнее значение)^(1/оставшиеся годы) − 1. Наблюдаемый "
           "— среднегодовой за 5 лет. В графике — если при наблюдаемом темпе цель "
           "достигается к сроку; под риском — если достигается не менее 90 %; иначе — "
           "отставание."),
    )
}


# Each metric's title and definition in Kazakh and Uzbek (terms of docs/glossary.md).
KAZAKH_UZBEK: dict[str, tuple[str, str, str, str]] = {
    "exports": (
        "Экспорт", "Eksport",
        "Есеп беруші елдің серіктес елге экспортының құны, таңдалған дереккөздің (статистика "
        "органының) деректері бойынша; ұлттық статистика үшін — ФОБ.",
        "Hisobot beruvchi mamlakatning hamkor mamlakatga eksporti qiymati, tanlangan manba "
        "(statistika organi) maʼlumotlari boʻyicha; milliy statistika uchun — FOB."),
    "imports": (
        "Импорт", "Import",
        "Есеп беруші елдің серіктес елден импортының құны (әдетте СИФ).",
        "Hisobot beruvchi mamlakatning hamkor mamlakatdan importi qiymati (odatda CIF)."),
    "turnover": (
        "Тауар айналымы", "Tovar ayirboshlash hajmi",
        "Кезеңдегі жұптың экспорты мен импортының қосындысы. Дереккөз тауар айналымын "
        "жарияласа, жарияланған шама көрсетіледі; әйтпесе — қосынды.",
        "Davr mobaynida juftlik eksporti va importining yigʻindisi. Manba tovar ayirboshlash "
        "hajmini eʼlon qilsa, eʼlon qilingan qiymat koʻrsatiladi; aks holda — yigʻindi."),
    "balance": (
        "Сауда сальдосы", "Savdo saldosi",
        "Есеп беруші елдің серіктеске экспорты мен одан импортының айырмасы; оң мән — "
        "профицит.",
        "Hisobot beruvchi mamlakatning hamkorga eksporti va undan importi oʻrtasidagi farq; "
        "musbat qiymat — profitsit."),
    "growth_yoy": (
        "Алдыңғы жылға қарағанда өсім", "Oldingi yilga nisbatan oʻsish",
        "Алдыңғы жылға қарағанда пайызбен өзгеріс, бір дереккөз бойынша.",
        "Oldingi yilga nisbatan foizdagi oʻzgarish, bitta manba boʻyicha."),
    "growth_n": (
        "N жылдағы өсім", "N yildagi oʻsish",
        "N жылдағы өзгеріс (комиссия релиздерінде — 5), бір дереккөз бойынша.",
        "N yil ichidagi oʻzgarish (komissiya relizlarida — 5), bitta manba boʻyicha."),
    "cagr": (
        "Орташа жылдық өсу қарқыны", "Oʻrtacha yillik oʻsish surʼati",
        "Бастапқы мәннен соңғы мәнге жеткізетін тұрақты жылдық қарқын.",
        "Boshlangʻich qiymatdan oxirgi qiymatga olib keladigan doimiy yillik surʼat."),
    "ytd_growth": (
        "Жыл басынан бері өткен жылдың сол айларымен салыстырғанда",
        "Yil boshidan beri oʻtgan yilning shu oylariga nisbatan",
        "Қаңтар — соңғы ай өткен жылдың сол айларымен салыстырғанда, бір дереккөз бойынша.",
        "Yanvar — oxirgi oy oʻtgan yilning shu oylariga nisbatan, bitta manba boʻyicha."),
    "share_of_reporter_ca": (
        "Есеп беруші елдің Орталық Азиямен саудасындағы серіктестің үлесі",
        "Hisobot beruvchi mamlakatning Markaziy Osiyo bilan savdosida hamkorning ulushi",
        "Мысалы, Қазақстанның Орталық Азиямен саудасындағы Өзбекстанның үлесі: KZ–UZ тауар "
        "айналымы Қазақстанның KG, TJ, TM және UZ елдерімен тауар айналымына бөлінеді, "
        "барлығы Қазақстан деректері бойынша.",
        "Masalan, Qozogʻistonning Markaziy Osiyo bilan savdosida Oʻzbekistonning ulushi: KZ–UZ "
        "tovar ayirboshlash hajmi Qozogʻistonning KG, TJ, TM va UZ bilan tovar ayirboshlash "
        "hajmiga boʻlinadi, barchasi Qozogʻiston maʼlumotlari boʻyicha."),
    "share_of_region": (
        "Орталық Азия ішіндегі бүкіл саудадағы жұптың үлесі",
        "Markaziy Osiyo ichidagi butun savdoda juftlikning ulushi",
        "Әр жұп бір рет есепке алынады; екі есеп болса, ауқым кішісінен үлкеніне дейін. "
        "Елдердің өз өңірлік айналымдарын қосу әр ағынды екі рет есептер еді.",
        "Har bir juftlik bir marta hisobga olinadi; ikki hisobot boʻlsa, oraliq kichigidan "
        "kattasigacha. Mamlakatlarning oʻz mintaqaviy aylanmalarini qoʻshish har bir oqimni "
        "ikki marta hisoblagan boʻlardi."),
    "product_share": (
        "Тауар үлесі", "Tovar ulushi",
        "Бір бағыттағы жұп саудасындағы тауар позициясының немесе тақырыптың үлесі.",
        "Bir yoʻnalishdagi juftlik savdosida tovar pozitsiyasi yoki mavzuning ulushi."),
    "rca": (
        "Айқындалған салыстырмалы артықшылық (Баласса)", "Aniqlangan qiyosiy ustunlik (RCA)",
        "1-ден жоғары: ел k тауарын әлемдегі орташадан салыстырмалы түрде көбірек "
        "экспорттайды.",
        "1 dan yuqori: mamlakat k tovarini jahon oʻrtachasiga nisbatan koʻproq eksport qiladi."),
    "trade_intensity": (
        "Сауда қарқындылығының индексі", "Savdo intensivligi indeksi",
        "1-ден жоғары: A экспортындағы B серіктесінің үлесі оның әлемдік импорттағы үлесінен "
        "жоғары.",
        "1 dan yuqori: A eksportida B hamkorning ulushi uning jahon importidagi ulushidan "
        "yuqori."),
    "complementarity": (
        "Сауда комплементарлығының индексі", "Savdo komplementarligi indeksi",
        "A экспортының құрылымы B импортының құрылымына қаншалықты сәйкес келеді (СЭҚ ТН 6); "
        "100 — толық сәйкестік.",
        "A eksporti tarkibi B importi tarkibiga qanchalik mos keladi (TIF TN 6); 100 — toʻliq "
        "moslik."),
    "grubel_lloyd": (
        "Сала ішіндегі сауда (Грубель–Ллойд)", "Tarmoq ichidagi savdo (GL indeksi)",
        "Жұп айналымындағы бірдей позициялардағы (4 таңба) қарсы сауданың үлесі.",
        "Juftlik aylanmasida bir xil pozitsiyalardagi (4 belgi) qarama-qarshi savdo ulushi."),
    "hhi": (
        "Шоғырлану (Херфиндаль–Хиршман)", "Konsentratsiya (Xerfindal–Xirshman)",
        "Есеп беруші елдің серіктеске экспортының позициялар (4 таңба) бойынша шоғырлануы; "
        "0,25-тен жоғары — жоғары шоғырлану.",
        "Hisobot beruvchi mamlakatning hamkorga eksportining pozitsiyalar (4 belgi) boʻyicha "
        "konsentratsiyasi; 0,25 dan yuqori — yuqori konsentratsiya."),
    "mirror_gap": (
        "Айналық алшақтық", "Koʻzgu tafovuti",
        "Екі статистика органының бір ағын туралы деректері қатар; алшақтықты СИФ/ФОБ, "
        "мерзімдер және шығарылған ел түсіндіреді.",
        "Ikki statistika organining bir oqim haqidagi maʼlumotlari yonma-yon; tafovutni "
        "CIF/FOB, muddatlar va kelib chiqish mamlakati izohlaydi."),
    "export_potential": (
        "Пайдаланылмаған экспорттық әлеует (жеңілдетілген)",
        "Foydalanilmagan eksport salohiyati (soddalashtirilgan)",
        "Ұсыныс (A-ның артықшылығы, яғни оның k тауарының әлемдік экспортындағы үлесі) × "
        "сұраныс (B-ның k тауарын импорттауы, оның өсуін ескере отырып), одан A-ның B-ға "
        "нақты экспорты шегеріледі.",
        "Taklif (A ning ustunligi, yaʼni uning k tovari jahon eksportidagi ulushi) × talab "
        "(B ning k tovari importi, uning oʻsishi bilan), undan A ning B ga haqiqiy eksporti "
        "ayiriladi."),
    "target_pace": (
        "Нысаналы көрсеткішке жету қарқыны", "Maqsadli koʻrsatkichga erishish surʼati",
        "Талап етілетін қарқын = (нысана ÷ соңғы мән)^(1/қалған жылдар) − 1. Байқалған "
        "қарқын — соңғы 5 жылдағы орташа жылдық қарқын. Байқалған қарқынмен нысанаға мерзімінде "
        "жетсе — кестеге сай; кемінде 90 %-ына жетсе — тәуекел бар; әйтпесе — артта қалу.",
        "Talab qilinadigan surʼat = (maqsad ÷ oxirgi qiymat)^(1/qolgan yillar) − 1. Kuzatilgan "
        "surʼat — soʻnggi 5 yildagi oʻrtacha yillik surʼat. Kuzatilgan surʼatda maqsadga "
        "muddatida erishilsa — reja boʻyicha; kamida 90 foiziga erishilsa — xavf ostida; aks "
        "holda — ortda qolmoqda."),
}
METRICS = {code: replace(m, title_kk=KAZAKH_UZBEK[code][0], title_uz=KAZAKH_UZBEK[code][1],
                         definition_kk=KAZAKH_UZBEK[code][2], definition_uz=KAZAKH_UZBEK[code][3])
           for code, m in METRICS.items()}


# The arithmetic. Every function answers a finite number or None, never NaN or infinity: a
# ratio whose denominator is zero (or whose result does not fit in a float) is None, and the
# why_no_* functions give the reason, which the indicators carry beside the null.


def finite(value: float | None) -> float | None:
    """The value if it is a finite number, else None."""
    return value if value is not None and math.isfinite(value) else None


def growth(current: float | None, previous: float | None) -> float | None:
    """Change in per cent of the earlier value (None where it cannot be computed)."""
    if current is None or previous is None or previous == 0:
        return None
    return finite((current / previous - 1.0) * 100.0)


def why_no_growth(current: float | None, previous: float | None, earlier: str) -> str | None:
    """Why growth(current, previous) is null (None when it is a number)."""
    return _why_no_ratio(growth(current, previous), current, previous,
                         "no figure for the period", f"no {earlier} figure",
                         f"the {earlier} figure is zero")


def _why_no_ratio(result: float | None, numerator: float | None, denominator: float | None,
                  no_numerator: str, no_denominator: str, zero: str) -> str | None:
    if result is not None:
        return None
    if numerator is None:
        return no_numerator
    if denominator is None:
        return no_denominator
    if denominator == 0:
        return zero
    return "too large to be a number"


def cagr(first: float | None, last: float | None, years: float) -> float | None:
    """Average yearly growth in per cent from first to last over the given years."""
    if first is None or last is None or first <= 0 or last <= 0 or years <= 0:
        return None
    try:
        return finite(((last / first) ** (1.0 / years) - 1.0) * 100.0)
    except OverflowError:
        return None


def why_no_cagr(first: float | None, last: float | None, years: float, earlier: str) -> str | None:
    """Why cagr(first, last, years) is null (None when it is a number)."""
    if cagr(first, last, years) is not None:
        return None
    if last is None:
        return "no figure for the period"
    if first is None:
        return f"no {earlier} figure"
    if first == 0:
        return f"the {earlier} figure is zero"
    if first < 0 or last <= 0:
        return "a yearly rate needs two positive figures"
    if years <= 0:
        return "no years between the two figures"
    return "too large to be a number"


def share(part: float | None, whole: float | None) -> float | None:
    """Part of the whole in per cent."""
    if part is None or not whole:
        return None
    return finite(part / whole * 100.0)


def why_no_share(part: float | None, whole: float | None, whole_name: str) -> str | None:
    """Why share(part, whole) is null (None when it is a number)."""
    return _why_no_ratio(share(part, whole), part, whole, "no figure for the part",
                         f"no figure for {whole_name}", f"{whole_name} is zero")


def reasons(**why: str | None) -> dict[str, str]:
    """The reasons of the nulls among a result's ratios, by field."""
    return {name: reason for name, reason in why.items() if reason}


def grubel_lloyd(pairs: list[tuple[float, float]]) -> float | None:
    """Aggregate Grubel–Lloyd index over (exports, imports) pairs of the same products."""
    total = sum(x + m for x, m in pairs)
    if not 0 < total < math.inf:
        return None
    return finite(sum(x + m - abs(x - m) for x, m in pairs) / total)


def hhi(values: list[float]) -> float | None:
    """Herfindahl–Hirschman index of the values' shares (0–1)."""
    total = sum(values)
    if not 0 < total < math.inf:
        return None
    return finite(sum((v / total) ** 2 for v in values))


def complementarity(exports: dict[str, float], imports: dict[str, float]) -> float | None:
    """Trade complementarity index (0–100) of A's exports and B's imports by product."""
    ex_total = sum(exports.values())
    im_total = sum(imports.values())
    if not (0 < ex_total < math.inf and 0 < im_total < math.inf):
        return None
    products = exports.keys() | imports.keys()
    gap = sum(
        abs(imports.get(k, 0.0) / im_total - exports.get(k, 0.0) / ex_total) for k in products
    )
    return finite(100.0 * (1.0 - gap / 2.0))


def round_half_up(value: float | None, digits: int = 1) -> float | None:
    """Round as the commission's releases do (half away from zero)."""
    if value is None or not math.isfinite(value):
        return None
    factor = 10**digits
    return math.copysign(math.floor(abs(value) * factor + 0.5) / factor, value)
