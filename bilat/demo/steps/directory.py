"""Load the sides, sectors, organisations, people and commission bodies."""

from __future__ import annotations

from bilat.commissions.models import Commission, CommissionSide
from bilat.core.services import upsert_record
from bilat.directory.models import CommissionBody, Organisation, Person, Sector, Side

from ..data import directory as data
from .common import DemoRun


def load(run: DemoRun) -> None:
    """Sides KZ and UZ, the nine sectors, both sides' organisations, people and bodies."""
    for code, m49, name_en, name_ru, order in data.SIDES:
        run.sides[code] = load_side(run, code, m49, name_en, name_ru, order)
    for order, (code, name_en, name_ru) in enumerate(data.SECTORS, start=1):
        run.sectors[code] = upsert_record(
            Sector, {"code": code}, {"name_en": name_en, "name_ru": name_ru, "order": order},
            actor=run.actor,
        )
    for code, side, kind, short, name_en, name_ru, parent, provenance in data.ORGANISATIONS:
        run.orgs[code] = upsert_record(
            Organisation, {"code": code},
            {"side": run.sides[side] if side else None, "kind": kind, "short_name": short,
             "short_name_ru": data.SHORT_NAMES_RU.get(code, ""),
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
    for spec in data.COMMISSIONS:
        load_commission(run, spec, data.REGION)
    run.note(f"{len(run.sides)} sides, {len(run.sectors)} sectors, {len(run.orgs)} organisations, "
             f"{len(run.people)} people, {len(run.bodies)} commission bodies")


def load_side(run: DemoRun, code: str, m49: int, name_en: str, name_ru: str, order: int) -> Side:
    """A country, with the forms of its name generated texts need."""
    adjective, genitive, instrumental = data.NAME_FORMS[code]
    return upsert_record(
        Side, {"code": code}, {"m49": m49, "name_en": name_en, "name_ru": name_ru, "order": order,
                               "adjective_en": adjective, "name_ru_genitive": genitive,
                               "name_ru_instrumental": instrumental}, actor=run.actor,
    )


def load_commission(run: DemoRun, spec: tuple, region: dict) -> Commission:
    """A commission and its two sides, in order."""
    code, order, name_en, name_ru, short_en, short_ru, sides = spec
    commission = upsert_record(
        Commission, {"code": code},
        {"order": order, "name_en": name_en, "name_ru": name_ru, "short_name_en": short_en,
         "short_name_ru": short_ru, "languages": "en,ru", **region}, actor=run.actor,
    )
    for position, (side, basis, office_en, office_ru, chair, colour) in enumerate(sides, 1):
        upsert_record(
            CommissionSide, {"commission": commission, "side": run.sides[side]},
            {"position": position, "statistics_basis": basis, "statistics_office_en": office_en,
             "statistics_office_ru": office_ru, "co_chair": run.people.get(chair),
             "colour": colour}, actor=run.actor,
        )
    run.commissions[code] = commission
    return commission
