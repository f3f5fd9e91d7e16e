"""Reference table of the countries and regions bilat knows by code (ISO 3166 alpha-2).

The one place outside the demo and the tests where country codes are written: names and the
forms of them a generated text needs, for records that hold a code without a directory entry
(a trade flow, a hand-made briefing). A commission's own record (``commissions.Commission``
and the directory's ``Side``) takes precedence wherever there is one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    m49: int
    name_en: str
    name_ru: str
    adjective_en: str
    name_ru_genitive: str
    name_ru_instrumental: str
    time_zone: str = "UTC"  # where its days and dekadas are counted (IANA name)
    name_kk: str = ""  # in Kazakh (Cyrillic) and Uzbek (Latin), as docs/glossary.md writes them
    name_uz: str = ""

    @property
    def statistics_en(self) -> str:
        return f"{self.adjective_en} statistics"

    @property
    def statistics_ru(self) -> str:
        return f"статистика {self.name_ru_genitive}"

    @property
    def statistics_kk(self) -> str:
        """'Қазақстан статистикасы' (the glossary's 'Kazakh statistics')."""
        return f"{self.name_kk} статистикасы" if self.name_kk else ""

    @property
    def statistics_uz(self) -> str:
        """'Qozogʻiston statistikasi'."""
        return f"{self.name_uz} statistikasi" if self.name_uz else ""


COUNTRIES: dict[str, Country] = {c.code: c for c in (
    Country("KZ", 398, "Kazakhstan", "Казахстан", "Kazakh", "Казахстана", "Казахстаном",
            "Asia/Almaty", name_kk="Қазақстан", name_uz="Qozogʻiston"),
    Country("UZ", 860, "Uzbekistan", "Узбекистан", "Uzbek", "Узбекистана", "Узбекистаном",
            "Asia/Tashkent", name_kk="Өзбекстан", name_uz="Oʻzbekiston"),
    Country("KG", 417, "Kyrgyzstan", "Кыргызстан", "Kyrgyz", "Кыргызстана", "Кыргызстаном",
            "Asia/Bishkek", name_kk="Қырғызстан", name_uz="Qirgʻiziston"),
    Country("TJ", 762, "Tajikistan", "Таджикистан", "Tajik", "Таджикистана", "Таджикистаном",
            "Asia/Dushanbe", name_kk="Тәжікстан", name_uz="Tojikiston"),
    Country("TM", 795, "Turkmenistan", "Туркменистан", "Turkmen", "Туркменистана",
            "Туркменистаном", "Asia/Ashgabat", name_kk="Түрікменстан", name_uz="Turkmaniston"),
)}


@dataclass(frozen=True)
class Region:
    code: str
    name_en: str
    name_ru: str
    name_ru_genitive: str
    name_ru_instrumental: str
    countries: tuple[str, ...]


CENTRAL_ASIA = Region("central-asia", "Central Asia", "Центральная Азия", "Центральной Азии",
                      "Центральной Азией", ("KZ", "UZ", "KG", "TJ", "TM"))
REGIONS: dict[str, Region] = {CENTRAL_ASIA.code: CENTRAL_ASIA}


def country(code: str) -> Country | None:
    """The country of an ISO code, if the table has it."""
    return COUNTRIES.get((code or "").upper())


def region_of(*codes: str) -> Region | None:
    """The first region of the table that holds every one of ``codes``."""
    return next((r for r in REGIONS.values() if set(codes) <= set(r.countries)), None)


# Country names as Russian-language statistical tables write them (national trade tables).
NAMES_RU: dict[str, str] = {
    "казахстан": "KZ", "республика казахстан": "KZ", "узбекистан": "UZ",
    "республика узбекистан": "UZ", "кыргызстан": "KG", "киргизия": "KG",
    "кыргызская республика": "KG", "таджикистан": "TJ", "республика таджикистан": "TJ",
    "туркменистан": "TM", "туркмения": "TM", "россия": "RU", "российская федерация": "RU",
    "китай": "CN", "кнр": "CN", "турция": "TR", "афганистан": "AF", "азербайджан": "AZ",
    "беларусь": "BY", "иран": "IR", "весь мир": "XW", "мир": "XW", "world": "XW",
}
