"""Hand-made briefing inputs: the figures of the 21st session, as facts.md gives them."""

from __future__ import annotations

from bilat.briefings.figures import (
    BriefingInputs,
    DecisionCount,
    Figure,
    PortfolioInput,
    ProjectInput,
    TargetInput,
    TradePoint,
)

KZ_SOURCE = "Kazakh statistics (the 21st meeting release)"


def trade_points() -> list[TradePoint]:
    p = TradePoint
    return [
        p("KZ", 2017, None, "turnover", 2000, "KZ government press service"),
        p("KZ", 2018, None, "turnover", 3397.683398, "Derived from the release", "derived"),
        p("KZ", 2018, None, "kz_to_uz", 1975.780752, "Derived from the release", "derived"),
        p("KZ", 2018, None, "uz_to_kz", 1430.143014, "Derived from the release", "derived"),
        p("KZ", 2022, None, "turnover", 5000, "intellinews"),
        p("KZ", 2023, None, "turnover", 4400, KZ_SOURCE),
        p("KZ", 2023, None, "kz_to_uz", 3100, KZ_SOURCE),
        p("KZ", 2023, None, "uz_to_kz", 1300, KZ_SOURCE),
        p("meeting", 2023, None, "turnover", 4500, "24.kz, report of the 21st meeting"),
        p("UZ", 2022, None, "turnover", 4600, "yuz.uz"),
        p("UZ", 2023, None, "turnover", 4400, "gazeta.uz"),
        p("UZ", 2023, 4, "turnover", 1507, "Kazinform / Trend, 22 May 2023"),
        p("UZ", 2024, 4, "turnover", 1200, "Trend, 8 Jun 2024",
          note='"more than $1.2 bn"; about -20 % against Jan–Apr 2023 is derived'),
    ]


def regional_own() -> dict:
    part = {"source": "KZ government press service, Jul 2024"}
    return {"year": 2023, "basis": "KZ", "share": 4400 / 7635 * 100, "denominator": 7635e6,
            "denominator_label": "KZ's turnover with UZ, KG, TJ, TM",
            "parts": {"UZ": {"source": KZ_SOURCE}, "KG": part, "TJ": part,
                      "TM": {"source": "Kazinform, 27 May 2024"}}}


def regional_all() -> dict:
    return {"year": 2023, "share_low": 4400 / 10677.8 * 100, "share_high": 4400 / 9862.0 * 100,
            "pairs": 10, "pairs_expected": 10,
            "matrix": {"KZ–UZ": {"KZ": {"source": KZ_SOURCE}}}}


def briefing_inputs() -> BriefingInputs:
    """Inputs that reproduce every figure of the release of 12 July 2024."""
    return BriefingInputs(
        trade=trade_points(),
        regional_own=regional_own(),
        regional_all=regional_all(),
        target=TargetInput(10000, 2030, "in the medium term; later reported as by 2030",
                           "primeminister.kz, 12 Jul 2024"),
        portfolio=[
            PortfolioInput("all", 69, 3_100_000_000, 14_745, "industrial cooperation, all stages"),
            PortfolioInput("implemented", 12, 217_000_000, 4_480, "stage 4 (implemented)"),
            PortfolioInput("implementation", 3, 178_000_000, 1_200, "stage 2 (implementation)"),
        ],
        projects=[
            ProjectInput("taraz", "Electrometallurgical plant, Taraz", "industrial_cooperation",
                         "2", 500_000, "t", 121_300_000, None, "Zhambyl region",
                         name_ru="Электрометаллургический завод, Тараз",
                         place_ru="Жамбылская область"),
            ProjectInput("icic", "International Center for Industrial Cooperation \"Central "
                         "Asia\"", "industrial_cooperation", "2", 100, "ha", None, None,
                         "Turkestan region; Syrdarya region",
                         name_ru="Международный центр промышленной кооперации "
                         "«Центральная Азия»", place_ru="Туркестанская область; "
                         "Сырдарьинская область"),
            ProjectInput("transport-darbaza", "Darbaza–Maktaaral railway", "transport", "2",
                         name_ru="железная дорога Дарбаза — Мактаарал"),
            ProjectInput("transport-ring", "Almaty ring road", "transport", "2",
                         name_ru="кольцевая дорога Алматы"),
            ProjectInput("transport-station", "Dostyk station", "transport", "2",
                         name_ru="станция Достык"),
        ],
        decisions=[
            DecisionCount("KZ", "trade", "done", 3), DecisionCount("KZ", "water", "in_progress", 2, 1),
            DecisionCount("UZ", "trade", "done", 2), DecisionCount("UZ", "water", "not_started", 3, 2),
        ],
        carried_over=4, decisions_meeting=20,
        extra=[
            Figure("meeting.number", 21, "session"),
            Figure("meeting.held_on", None, text="2024-07-12"),
            Figure("meeting.place.en", None, text="Almaty"),
            Figure("meeting.place.ru", None, text="Алматы"),
            Figure("sector.water.en", None, text="Water"),
            Figure("sector.water.ru", None, text="Водное хозяйство"),
        ],
    )
