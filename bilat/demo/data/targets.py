"""The US$ 10 billion trade target (facts.md §2).

Its actual values are not typed here: the target's page reads them from the trade warehouse
(the turnover each side and the meeting published, loaded by ``bilat trade demo`` from
``bilat/trade/data/demo/kz_uz_bilateral.csv``), so that there is one source of truth.
"""

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

