"""Factory functions for water tests: two sides' water authorities, a canal head with a
discharge series, a gauge with a stage series, and readings every ten minutes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.directory.tests.factories import make_organisation, make_sides
from bilat.water.models import Series, Site, WaterAuthority
from bilat.water.parsing import Row

UTC = datetime.UTC
STEP = datetime.timedelta(minutes=10)


@dataclass
class Water:
    kz: object
    uz: object
    canal: Site
    gauge: Site
    discharge: Series
    stage: Series
    users: dict


def make_water(**limits) -> Water:
    kz, uz = make_sides()
    kz_water = make_organisation(kz, "kz-water")
    uz_water = make_organisation(uz, "uz-water")
    other = make_organisation(kz, "kz-trade")
    for org in (kz_water, uz_water):
        WaterAuthority.objects.get_or_create(organisation=org)
    canal = Site.objects.create(code="dostyk-head", name_en="Dostyk canal head",
                                name_ru="Головное сооружение канала Достык", kind="canal_head",
                                side=uz, latitude=40.22, longitude=69.27)
    gauge = Site.objects.create(code="kokbulak", name_en="Kokbulak", name_ru="Кокбулак",
                                kind="river_gauge", side=kz, latitude=41.2, longitude=68.2)
    discharge = Series.objects.create(
        code="dostyk-head-q", site=canal, parameter="discharge", unit="m3/s", owner_side=uz,
        access_tier="restricted", **limits)
    discharge.shared_with.set([kz])
    stage = Series.objects.create(code="kokbulak-h", site=gauge, parameter="stage", unit="m",
                                  owner_side=kz, access_tier="restricted")
    users = {
        "kz_officer": make_user("kz_water_officer", Role.OFFICER, organisation=kz_water),
        "uz_officer": make_user("uz_water_officer", Role.OFFICER, organisation=uz_water),
        "other_officer": make_user("kz_trade_officer", Role.OFFICER, organisation=other),
        "kz_secretariat": make_user("kz_sec", Role.SECRETARIAT, side=kz),
        "uz_secretariat": make_user("uz_sec", Role.SECRETARIAT, side=uz),
        "viewer": make_user("water_viewer"),
        "root": make_user("water_root", superuser=True),
    }
    return Water(kz, uz, canal, gauge, discharge, stage, users)


def steady(series: str, start: datetime.datetime, count: int, value: float = 85.0,
           first_row: int = 1) -> list[Row]:
    """``count`` readings of ``value`` every ten minutes from ``start``."""
    return [Row(first_row + i, series, (start + i * STEP).isoformat(), value)
            for i in range(count)]


def varying(series: str, start: datetime.datetime, count: int) -> list[Row]:
    """Readings that change every step (no stuck sensor), between 80 and 90 m³/s."""
    return [Row(i + 1, series, (start + i * STEP).isoformat(), 80 + (i * 7919 % 1000) / 100)
            for i in range(count)]
