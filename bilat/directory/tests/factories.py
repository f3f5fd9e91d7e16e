"""Factory functions for directory records used across the test suite."""

from bilat.commissions.tests.factories import make_pair
from bilat.directory.models import CommissionBody, Organisation, Sector, Side


def make_sides() -> tuple[Side, Side]:
    """Kazakhstan and Uzbekistan, and their commission."""
    kz, _ = Side.objects.get_or_create(
        code="KZ", defaults={"m49": 398, "name_en": "Kazakhstan", "name_ru": "Казахстан", "order": 1,
                             "adjective_en": "Kazakh", "name_ru_genitive": "Казахстана",
                             "name_ru_instrumental": "Казахстаном"}
    )
    uz, _ = Side.objects.get_or_create(
        code="UZ", defaults={"m49": 860, "name_en": "Uzbekistan", "name_ru": "Узбекистан", "order": 2,
                             "adjective_en": "Uzbek", "name_ru_genitive": "Узбекистана",
                             "name_ru_instrumental": "Узбекистаном"}
    )
    make_pair(kz, uz)
    return kz, uz


def make_kyrgyzstan() -> Side:
    kg, _ = Side.objects.get_or_create(
        code="KG", defaults={"m49": 417, "name_en": "Kyrgyzstan", "name_ru": "Кыргызстан",
                             "order": 3, "adjective_en": "Kyrgyz",
                             "name_ru_genitive": "Кыргызстана",
                             "name_ru_instrumental": "Кыргызстаном"}
    )
    return kg


def make_sector(code: str = "trade", name: str = "Trade") -> Sector:
    sector, _ = Sector.objects.get_or_create(code=code, defaults={"name_en": name, "name_ru": name})
    return sector


def make_organisation(side: Side | None, code: str, kind: str = "ministry", **extra) -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        code=code,
        defaults={"name_en": code.replace("-", " ").title(), "name_ru": code, "kind": kind,
                  "side": side, **extra},
    )
    return org


def make_commission(kz: Side, uz: Side) -> CommissionBody:
    body, created = CommissionBody.objects.get_or_create(
        code="igc", defaults={"kind": "commission", "name_en": "Joint Intergovernmental Commission",
                              "name_ru": "Межправительственная комиссия"},
    )
    if created:
        body.sides.set([kz, uz])
    return body
