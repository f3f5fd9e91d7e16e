"""The commission an installation made before commissions were records: Kazakhstan–Uzbekistan.

Where the directory already holds the two sides, the commission is created from the data
below, and the records of the registry are put into it by the migrations of their apps. A new
installation (no sides yet) gets no commission here: the demo or the admin creates them.
"""

from django.db import migrations

SIDES = {
    # code: adjective (en), genitive (ru), instrumental (ru), statistics office (en, ru)
    "KZ": ("Kazakh", "Казахстана", "Казахстаном",
           "Bureau of National Statistics of Kazakhstan", "Бюро национальной статистики"),
    "UZ": ("Uzbek", "Узбекистана", "Узбекистаном",
           "Statistics Agency of Uzbekistan", "Агентство статистики Узбекистана"),
}
CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]


def create(apps, schema_editor):
    Side = apps.get_model("directory", "Side")
    Commission = apps.get_model("commissions", "Commission")
    CommissionSide = apps.get_model("commissions", "CommissionSide")
    sides = {s.code: s for s in Side.objects.filter(code__in=SIDES)}
    if len(sides) != len(SIDES) or Commission.objects.exists():
        return
    for code, (adjective, genitive, instrumental, _office_en, _office_ru) in SIDES.items():
        side = sides[code]
        side.adjective_en = side.adjective_en or adjective
        side.name_ru_genitive = side.name_ru_genitive or genitive
        side.name_ru_instrumental = side.name_ru_instrumental or instrumental
        side.save()
    commission = Commission.objects.create(
        code="kz-uz", order=1,
        name_en="Joint Intergovernmental Commission on Bilateral Cooperation between "
                "Kazakhstan and Uzbekistan",
        name_ru="Совместная межправительственная комиссия по двустороннему сотрудничеству "
                "между Казахстаном и Узбекистаном",
        short_name_en="Kazakhstan–Uzbekistan", short_name_ru="Казахстан — Узбекистан",
        languages="en,ru", region_name_en="Central Asia", region_name_ru="Центральная Азия",
        region_name_ru_genitive="Центральной Азии",
        region_name_ru_instrumental="Центральной Азией", region_codes=CENTRAL_ASIA,
    )
    for position, (code, (*_forms, office_en, office_ru)) in enumerate(SIDES.items(), start=1):
        CommissionSide.objects.create(
            commission=commission, side=sides[code], position=position, statistics_basis=code,
            statistics_office_en=office_en, statistics_office_ru=office_ru,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("commissions", "0001_initial"),
        ("directory", "0003_side_adjective_en_side_name_ru_genitive_and_more"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
