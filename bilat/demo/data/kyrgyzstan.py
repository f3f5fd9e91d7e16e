"""The second commission of the demo: Kazakhstan–Kyrgyzstan.

Its 2023 trade is in the warehouse already (``trade/data/demo/central_asia_2023.csv``: both
countries' figures of facts.md §8, loaded by the same loader as every national table). The
registry below is illustrative: one session, a few decisions, a project, so that every page,
the dashboard and both packs show a pair that is not Kazakhstan–Uzbekistan. No record here
comes from a published protocol.
"""

import datetime

ILLUSTRATIVE = "illustrative: not from a published source"
ILLUSTRATIVE_RU = "условные данные: не из опубликованного источника"

SIDE = ("KG", 417, "Kyrgyzstan", "Кыргызстан", 3)

COMMISSION = (
    "kz-kg", 2,
    "Intergovernmental Council of Kazakhstan and Kyrgyzstan (illustrative registry)",
    "Межправительственный совет Казахстана и Кыргызстана (иллюстративный реестр)",
    "Kazakhstan–Kyrgyzstan", "Казахстан — Кыргызстан",
    [("KZ", "KZ", "Bureau of National Statistics of Kazakhstan",
      "Бюро национальной статистики Казахстана", None, "#00a3d9"),
     ("KG", "KG", "National Statistical Committee of the Kyrgyz Republic",
      "Национальный статистический комитет Кыргызской Республики", None, "#d4352b")],
)

# code, side, kind, short_name, name_en, name_ru, parent code, provenance
ORGANISATIONS = [
    ("kg-government", "KG", "government", "KG Cabinet",
     "Cabinet of Ministers of the Kyrgyz Republic", "Кабинет Министров Кыргызской Республики",
     None, "sourced"),
    ("kg-economy", "KG", "ministry", "KG MoE",
     "Ministry of Economy and Commerce of the Kyrgyz Republic",
     "Министерство экономики и коммерции Кыргызской Республики", "kg-government", "sourced"),
    ("kg-transport", "KG", "ministry", "KG MoTC",
     "Ministry of Transport and Communications of the Kyrgyz Republic",
     "Министерство транспорта и коммуникаций Кыргызской Республики", "kg-government",
     "sourced"),
    ("kg-secretariat", "KG", "secretariat", "KG secretariat",
     "Secretariat of the Kyrgyz part of the council",
     "Секретариат кыргызской части совета", "kg-economy", "illustrative"),
]

# The short names used in Russian texts, by organisation code.
SHORT_NAMES_RU = {"kg-government": "Кабмин КР", "kg-economy": "Минэкономкоммерции КР",
                  "kg-transport": "МТК КР", "kg-secretariat": "Секретариат КР"}

BODY = ("igc-kz-kg", "Intergovernmental Council of Kazakhstan and Kyrgyzstan",
        "Межправительственный совет Казахстана и Кыргызстана")

MEETING = {"number": 1, "held_on": datetime.date(2024, 11, 15), "place_en": "Bishkek",
           "place_ru": "Бишкек", "city": "Bishkek", "access_tier": "public",
           "provenance": "illustrative"}

# control number, sector, title en, title ru, access tier, leads {side: organisation}
DECISIONS = [
    ("KGKZ1-01", "trade", "Bring mutual trade to US$ 3 billion",
     "Довести взаимный товарооборот до 3 млрд долларов США", "public",
     {"KZ": "kz-mti", "KG": "kg-economy"}),
    ("KGKZ1-02", "transport", "Speed up freight at the border crossings",
     "Ускорить прохождение грузов через пункты пропуска", "official",
     {"KZ": "kz-transport", "KG": "kg-transport"}),
    ("KGKZ1-03", "trade", "Agree a list of goods for joint certification",
     "Согласовать перечень товаров для совместной сертификации", "restricted",
     {"KZ": "kz-mti", "KG": "kg-economy"}),
]

PROJECT = {
    "code": "KGKZ-TLC", "title_en": "Trade and logistics centre at the border (illustrative)",
    "title_ru": "Торгово-логистический центр на границе (иллюстративно)",
    "kind": "transport", "stage": 1, "sector": "transport", "access_tier": "public",
    "provenance": "illustrative", "sources_en": ILLUSTRATIVE, "sources_ru": ILLUSTRATIVE_RU,
}
