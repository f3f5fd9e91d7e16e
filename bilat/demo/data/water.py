"""The water demo: the Dostyk canal head and Syr Darya gauges of facts.md §7 and §10.

The 922 Mm³ limit of the 2024 growing season is sourced; its split into dekada plans, the
rating curves, the Aral release's season and every reading are not: plans are marked
illustrative and the telemetry synthetic.
"""

AUTHORITIES = ["kz-water", "uz-water"]

# code, name en, name ru, kind, operating side, lat, lon, provenance
SITES = [
    ("dostyk-head", "Dostyk (Dustlik) canal head", "Головное сооружение канала Достык (Дустлик)",
     "canal_head", "UZ", 40.22, 69.27, "sourced"),
    ("chinaz", "Syr Darya at Chinaz", "Сырдарья — Чиназ", "river_gauge", "UZ", 40.94, 68.77,
     "sourced"),
    ("kokbulak", "Syr Darya at Kokbulak (inflow to Shardara)",
     "Сырдарья — Кокбулак (приток в Шардару)", "river_gauge", "KZ", 41.10, 68.20,
     "illustrative"),
    ("shardara-release", "Shardara reservoir release", "Попуск из Шардаринского водохранилища",
     "reservoir", "KZ", 41.26, 67.97, "sourced"),
]

# code, site, parameter, unit, step (s), owner, shared with, tier, limits
SERIES = [
    ("dostyk-head-q", "dostyk-head", "discharge", "m3/s", 600, "UZ", ["KZ"], "official",
     {"hard_min": 0, "hard_max": 230, "soft_max": 120, "max_rate_per_hour": 25,
      "stuck_after": 18}),
    ("kokbulak-h", "kokbulak", "stage", "m", 600, "KZ", ["UZ"], "official",
     {"hard_min": 0, "hard_max": 8, "soft_min": 0.9, "soft_max": 4.5, "max_rate_per_hour": 0.5,
      "stuck_after": 18}),
    ("shardara-release-q", "shardara-release", "discharge", "m3/s", 3600, "KZ", ["UZ"],
     "official", {"hard_min": 0, "hard_max": 2000, "stuck_after": 6}),
    ("chinaz-q", "chinaz", "discharge", "m3/s", 600, "UZ", [], "restricted",
     {"hard_min": 0, "hard_max": 3000}),
]

# Kokbulak's rating curve, re-rated from 1 July 2024 after a gauging (illustrative).
RATING_CURVES = [
    ("kokbulak", "2024-01-01T00:00:00+05:00", "power",
     [{"from": 0.9, "to": 5.0, "a": 120, "h0": 0.8, "b": 1.6}]),
    ("kokbulak", "2024-07-01T00:00:00+05:00", "power",
     [{"from": 0.9, "to": 5.0, "a": 115, "h0": 0.85, "b": 1.62}]),
]
GAUGINGS = [("kokbulak", "2024-06-28T10:00:00+05:00", 2.10, 175.0, "ADCP"),
            ("kokbulak", "2024-08-15T10:00:00+05:00", 1.85, 141.0, "ADCP")]

AGREEMENT = {
    "code": "icwc-limits-2024", "title_en": "ICWC water withdrawal limits, 2024 growing season",
    "title_ru": "Лимиты водозаборов МКВК на вегетационный период 2024 года",
    "reference": "ICWC protocol on the 2024 growing-season limits (number not in the sources)",
    "reference_ru": "Протокол МКВК о лимитах водозабора на вегетационный период 2024 года "
                    "(номер в источниках не указан)",
}
# side, site, kind, season, year, Mm³, provenance
LIMITS = [
    ("KZ", "dostyk-head", "withdrawal", "growing", 2024, 922, "sourced"),
    # 1.6 km³ for the Aral Sea is sourced; counting it in this season at Shardara is not.
    ("KZ", "shardara-release", "environmental", "growing", 2024, 1600, "illustrative"),
]
# Share of a day's plan in each month of the growing season (illustrative split).
MONTH_WEIGHTS = {4: 0.6, 5: 0.9, 6: 1.2, 7: 1.35, 8: 1.25, 9: 0.7}

# Events of the synthetic season (local times of the site).
OUTAGE = ("2024-06-05T06:00", 72)  # start, hours: the logger buffers, then flushes
BREACH_DEKADA = "2024-07-2"  # Dostyk takes 14 % over plan
BREACH_FACTOR = 1.14
CORRECTION = ("2024-07-15T10:00", 12, 4.0)  # start, readings, m³/s added: a late correction
STUCK = ("2024-08-03T00:00", 72)  # Kokbulak's stage sensor repeats one value (12 hours)
