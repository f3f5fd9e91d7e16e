"""The demo's targets: the US$ 10 billion trade target (facts.md §2) and the 10 automated
hydroposts on the Syr Darya (facts.md §7).

The trade target's actual values are not typed here: the target's page reads them from the
trade warehouse (the turnover each side and the meeting published, loaded by ``bilat trade
demo`` from ``bilat/trade/data/demo/kz_uz_bilateral.csv``), so that there is one source of
truth. The hydroposts' actual values are typed here and illustrative: no source gives how many
are installed, and the water registry does not tell an automated hydropost of the agreement
from another gauge (its demo series are all synthetic).
"""

import datetime

HYDROPOSTS_SOURCE = ("The agreement of Kazakhstan and Uzbekistan on 10 automated hydroposts on "
                     "the Syr Darya, 5 in each country, and on exchanging meter data online "
                     "(facts.md §7); set by paragraph 9 of the 21st session's protocol "
                     "(IGC21-09, the release of 12 Jul 2024)")

INDICATORS = [
    {
        "code": "kz-uz-turnover",
        "name_en": "Mutual trade turnover, Kazakhstan–Uzbekistan",
        "name_ru": "Взаимный товарооборот Казахстана и Узбекистана",
        "unit": "US$ bn",
        "definition_en": "Exports plus imports of goods between Kazakhstan and Uzbekistan in a "
                         "period, in billion US dollars, as the named basis reports them.",
        "definition_ru": "Сумма экспорта и импорта товаров между Казахстаном и Узбекистаном "
                         "за период, млрд долларов США, по данным указанного источника.",
        "trade_metric": "turnover", "reporter_iso": "KZ", "partner_iso": "UZ",
    },
    {
        "code": "syr-darya-automated-hydroposts",
        "name_en": "Automated hydroposts on the Syr Darya",
        "name_ru": "Автоматизированные гидропосты на реке Сырдарья",
        "unit": "hydroposts", "unit_ru": "гидропостов", "unit_kk": "гидробекет",
        "unit_uz": "gidropost",
        "definition_en": "Hydroposts on the Syr Darya, in Kazakhstan and Uzbekistan together, "
                         "that measure automatically and send their meter data online to both "
                         "sides, counted at the end of a period.",
        "definition_ru": "Гидропосты на реке Сырдарья в Казахстане и Узбекистане вместе, "
                         "которые измеряют автоматически и передают данные учёта обеим "
                         "сторонам онлайн, на конец периода.",
    },
]

# Each target: its indicator's code, its values, and its actual values (none for the trade
# target: the warehouse holds them).
TARGETS = [
    {
        "indicator": "kz-uz-turnover",
        "title_en": "Mutual trade of US$ 10 billion", "title_ru": "Взаимная торговля 10 млрд "
        "долларов США",
        "baseline_year": 2023, "baseline_value": "4.4", "target_value": "10",
        "horizon": "medium_term", "assumed_year": 2030,
        "horizon_note": "\"In the medium term\" (the release, 12 Jul 2024); later reported as "
                        "by 2030 (Trend, 1 Feb 2026)",
        "access_tier": "public", "provenance": "sourced",
        "source": "primeminister.kz, 12 Jul 2024 (the heads of state's instruction, quoted by "
                  "Olzhas Bektenov); baseline: the release's reference block (Kazakh "
                  "statistics)",
        "decision": "HOS-2024-01",
        "actuals": [],
    },
    {
        "indicator": "syr-darya-automated-hydroposts",
        "title_en": "10 automated hydroposts on the Syr Darya (5 per side)",
        "title_ru": "10 автоматизированных гидропостов на реке Сырдарья (по 5 с каждой "
                    "стороны)",
        "baseline_year": None, "baseline_value": None, "target_value": "10",
        "horizon": "medium_term", "assumed_year": None,
        "horizon_note": "",  # the sources give no date; the page says no pace can be computed
        "access_tier": "public", "provenance": "sourced", "source": HYDROPOSTS_SOURCE,
        "decision": "IGC21-09",
        # period label, start, end, value (both sides together): illustrative.
        "actuals": [
            ("2024", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), "4"),
            ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), "7"),
        ],
    },
]

ACTUALS_SOURCE = ("Illustrative: no source gives how many hydroposts are installed; the demo "
                  "counts both sides together at the end of each year")
