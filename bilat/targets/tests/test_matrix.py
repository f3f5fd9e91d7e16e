"""Who may set a target and record its actual values, through the service, the page and the API.

The secretariats keep targets; a side's actual value is that side's secretariat's to record (no
organisation answers for a target, so no officer does), a joint one either secretariat's. A
restricted target is seen by the secretariats only.
"""

import pytest
from django.db.models import F
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import SECRETARIATS, Door, Outcome
from bilat.targets import services
from bilat.targets.models import Target
from bilat.targets.tests.factories import make_indicator, make_target

pytestmark = pytest.mark.django_db

SECRETARIAT_OF = {"KZ": {"secretariat_kz", "superuser"}, "UZ": {"secretariat_uz", "superuser"}}
ALLOWED = {
    "create": SECRETARIATS,
    "edit": SECRETARIATS,
    "joint_actual": SECRETARIATS,
    **{("actual", side): who for side, who in SECRETARIAT_OF.items()},
    "restricted_edit": SECRETARIATS,
    ("restricted_actual", "KZ"): SECRETARIAT_OF["KZ"],
}
OTHERS = set(matrix.ROLES) - SECRETARIATS
HIDDEN = {"restricted_edit": OTHERS, ("restricted_actual", "KZ"): OTHERS}
# A secretariat's bad input (a yearly target without its year) and a save from an old version:
# 400 and 409 through every door, the page's included (core.pages.save_form).
INPUT = matrix.input_rows(invalid=["create", "edit"], stale=["edit"])
DOORS: dict = {}
ROWS = matrix.table(ALLOWED, hidden=HIDDEN) + INPUT
TARGET = {"title_en": "Trade of $10 bn", "target_value": "10", "horizon": "year",
          "target_year": 2030, "provenance": "sourced"}


def _doors(cast, row):
    user, client, api = cast.user(row.role), cast.client(row.role), cast.api(row.role)
    tier = "restricted" if row.action.startswith("restricted_") else "public"
    action = row.action.removeprefix("restricted_")
    target = make_target(access_tier=tier, horizon="year", target_year=2030, assumed_year=None,
                         horizon_note="")
    pk = target.pk
    if row.outcome == Outcome.STALE:  # someone else saved the target since it was read
        Target.objects.filter(pk=pk).update(version=F("version") + 1)
    year = None if row.outcome == Outcome.INVALID else 2030
    if action == "create":
        indicator = make_indicator()
        return {
            Door.SERVICE: lambda: services.create_target(actor=user, values={
                "indicator": indicator, "title_en": "New", "target_value": 10,
                "horizon": "year", "target_year": year}),
            Door.PAGE: lambda: client.post(reverse("targets:create"), {
                **TARGET, "indicator": indicator.pk, "access_tier": "public",
                "target_year": year or ""}),
            Door.API: lambda: api.post("/api/v1/targets/", {
                "indicator": indicator.code, "title_en": "New", "target_value": "10",
                "horizon": "year", "target_year": year}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "edit":
        return {
            Door.SERVICE: lambda: services.update_target(
                target, {"title_en": "Changed", "target_year": year}, actor=user,
                expected_version=target.version),
            Door.PAGE: lambda: client.post(reverse("targets:edit", args=[pk]), {
                **TARGET, "title_en": "Changed", "indicator": target.indicator_id,
                "access_tier": tier, "version": target.version, "target_year": year or ""}),
            Door.API: lambda: api.patch(f"/api/v1/targets/{pk}/", {
                "title_en": "Changed", "target_year": year, "version": target.version},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    if action in ("actual", "joint_actual"):
        side = cast.side(row.side) if row.side else None
        values = {"period_label": "2025", "period_start": "2025-01-01",
                  "period_end": "2025-12-31", "value": "4.97", "basis": row.side or "BACI",
                  "provenance": "sourced"}
        return {
            Door.SERVICE: lambda: services.record_actual_value(
                target, actor=user, values={**values, "reporting_side": side}),
            Door.PAGE: lambda: client.post(reverse("targets:actual_create", args=[pk]), {
                **values, "is_full_year": "on", "reporting_side": side.pk if side else ""}),
            Door.API: lambda: api.post(f"/api/v1/targets/{pk}/actual-values/", {
                **values, "reporting_side": row.side, "version": target.version},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), matrix.cases(ROWS, DOORS))
def test_every_door_of_a_target_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    doors, ok = _doors(cast, row)
    matrix.run(row, door, doors, ok=ok)
