"""Load the sides, sectors, organisations, people and commission bodies."""

from __future__ import annotations

from bilat.core.services import upsert_record
from bilat.directory.models import CommissionBody, Organisation, Person, Sector, Side

from ..data import directory as data
from .common import DemoRun


def load(run: DemoRun) -> None:
    """Sides KZ and UZ, the nine sectors, both sides' organisations, people and bodies."""
    for code, m49, name_en, name_ru, order in data.SIDES:
        run.sides[code] = upsert_record(
            Side, {"code": code}, {"m49": m49, "name_en": name_en, "name_ru": name_ru,
                                   "order": order}, actor=run.actor,
        )
    for order, (code, name_en, name_ru) in enumerate(data.SECTORS, start=1):
        run.sectors[code] = upsert_record(
            Sector, {"code": code}, {"name_en": name_en, "name_ru": name_ru, "order": order},
            actor=run.actor,
        )
    for code, side, kind, short, name_en, name_ru, parent, provenance in data.ORGANISATIONS:
        run.orgs[code] = upsert_record(
            Organisation, {"code": code},
            {"side": run.sides[side] if side else None, "kind": kind, "short_name": short,
             "name_en": name_en, "name_ru": name_ru,
             "parent": run.orgs[parent] if parent else None, "provenance": provenance},
            actor=run.actor,
        )
    for key, side, org, name_en, name_ru, pos_en, pos_ru, provenance in data.PEOPLE:
        lookup = {"full_name_en": name_en, "side": run.sides[side]}
        former = {**lookup, "full_name_en": name_en + data.FORMER_NAME_SUFFIX}
        if not Person.objects.filter(**lookup).exists() and Person.objects.filter(**former).exists():
            lookup = former  # a database loaded before people had a provenance
        values = {"full_name_ru": name_ru, "position_en": pos_en, "position_ru": pos_ru,
                  "organisation": run.orgs[org], "provenance": provenance}
        if lookup is former:
            values["full_name_en"] = name_en
        run.people[key] = upsert_record(Person, lookup, values, actor=run.actor)
    both = list(run.sides.values())
    code, name_en, name_ru = data.COMMISSION
    run.bodies[code] = upsert_record(
        CommissionBody, {"code": code},
        {"kind": "commission", "name_en": name_en, "name_ru": name_ru, "parent": None,
         "sector": None, "provenance": "sourced"},
        actor=run.actor, m2m={"sides": both},
    )
    for code, kind, sector, name_en, name_ru in data.BODIES:
        run.bodies[code] = upsert_record(
            CommissionBody, {"code": code},
            {"kind": kind, "name_en": name_en, "name_ru": name_ru, "parent": run.bodies["igc"],
             "sector": run.sectors[sector], "provenance": "illustrative"},
            actor=run.actor, m2m={"sides": both},
        )
    run.note(f"{len(run.sides)} sides, {len(run.sectors)} sectors, {len(run.orgs)} organisations, "
             f"{len(run.people)} people, {len(run.bodies)} commission bodies")
