"""Factory functions for commissions used across the test suite."""

from bilat.commissions.models import Commission, CommissionSide

CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]


def make_pair(first, second, code: str = "", **extra) -> Commission:
    """The commission of two sides (Side records), created once; Central Asia its region."""
    code = code or f"{first.code}-{second.code}".lower()
    commission, created = Commission.objects.get_or_create(
        code=code,
        defaults={"name_en": f"{first.name_en}–{second.name_en}",
                  "name_ru": f"{first.name_ru} — {second.name_ru}",
                  "short_name_en": f"{first.name_en}–{second.name_en}",
                  "region_name_en": "Central Asia", "region_name_ru": "Центральная Азия",
                  "region_name_ru_genitive": "Центральной Азии",
                  "region_name_ru_instrumental": "Центральной Азией",
                  "region_codes": CENTRAL_ASIA, **extra},
    )
    if created:
        for position, side in enumerate((first, second), start=1):
            CommissionSide.objects.create(commission=commission, side=side, position=position)
    return commission
