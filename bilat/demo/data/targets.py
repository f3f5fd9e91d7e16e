"""The US$ 10 billion trade target and the turnover figures each side published (facts.md §2)."""

import datetime

INDICATOR = {
    "code": "kz-uz-turnover",
    "name_en": "Mutual trade turnover, Kazakhstan–Uzbekistan",
    "name_ru": "Взаимный товарооборот Казахстана и Узбекистана",
    "unit": "US$ bn",
    "definition_en": "Exports plus imports of goods between Kazakhstan and Uzbekistan in a "
                     "period, in billion US dollars, as the named basis reports them.",
    "definition_ru": "Сумма экспорта и импорта товаров между Казахстаном и Узбекистаном за "
                     "период, млрд долларов США, по данным указанного источника.",
    "trade_metric": "turnover", "reporter_iso": "KZ", "partner_iso": "UZ",
}

TARGET = {
    "title_en": "Mutual trade of US$ 10 billion", "title_ru": "Взаимная торговля 10 млрд "
    "долларов США",
    "baseline_year": 2023, "baseline_value": "4.4", "target_value": "10",
    "horizon": "medium_term", "assumed_year": 2030,
    "horizon_note": "\"In the medium term\" (the release, 12 Jul 2024); later reported as by "
                    "2030 (Trend, 1 Feb 2026)",
    "access_tier": "public", "provenance": "sourced",
    "source": "primeminister.kz, 12 Jul 2024 (the heads of state's instruction, quoted by "
              "Olzhas Bektenov); baseline: the release's reference block (Kazakh statistics)",
    "decision": "HOS-2024-01",
}


def _year(y: int) -> tuple[datetime.date, datetime.date, bool]:
    return datetime.date(y, 1, 1), datetime.date(y, 12, 31), True


# period label, (start, end, full year), value US$ bn, basis, reporting side, source, provenance
ACTUALS = [
    ("2017", _year(2017), "2.0", "KZ", "KZ",
     "KZ government press service via Sputnik Uzbekistan, 14 Mar 2018 (+31.2 %; another "
     "Kazakh outlet gives +8.6 %)", "sourced"),
    ("2018", _year(2018), "3.40", "KZ", "KZ",
     "Worked back from the release's five-year rates (2023: 4.4, +29.5 %)", "derived"),
    ("2018", _year(2018), "3.0", "UZ", "UZ", "pinkod.uz", "sourced"),
    ("2022", _year(2022), "5.0", "KZ", "KZ",
     "Official figure of the Kazakh side: intellinews, Oct 2023; KZ Prime Minister, May 2023",
     "sourced"),
    ("2022", _year(2022), "4.6", "UZ", "UZ",
     "yuz.uz, Uzbekistan's trade with Central Asia, Jan–Dec 2022", "sourced"),
    ("2023", _year(2023), "4.4", "KZ", "KZ",
     "The release of 12 Jul 2024, reference block (Kazakh statistics)", "sourced"),
    ("2023", _year(2023), "4.5", "meeting", None,
     "24.kz, report of the 21st meeting (the meeting's own rounding)", "sourced"),
    ("Jan–Apr 2024", (datetime.date(2024, 1, 1), datetime.date(2024, 4, 30), False), "1.2",
     "UZ", "UZ", "Trend, 8 Jun 2024 (Uzbek statistics): \"more than US$ 1.2 billion\"",
     "sourced"),
    ("2024", _year(2024), "4.46", "UZ", "UZ",
     "Derived from 2025 and its growth of +11.4 % (Trend RU, 1 Feb 2026)", "derived"),
    ("2025", _year(2025), "4.97", "UZ", "UZ", "Trend RU, 1 Feb 2026 (+11.4 %)", "sourced"),
]
