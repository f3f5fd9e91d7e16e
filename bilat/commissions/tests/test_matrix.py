"""A secretariat of one commission in another, through the permission matrix: it reads the
KZ–UZ commission's public and official decisions as any viewer does, never its restricted ones,
and changes nothing there — through the service, the page and the API alike."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.models import Profile, Role
from bilat.accounts.policy import Action, require
from bilat.accounts.tests.factories import make_user
from bilat.commissions.models import Commission
from bilat.commissions.tests.factories import make_pair
from bilat.core.tests import matrix
from bilat.core.tests.matrix import Door, Outcome, Row
from bilat.decisions import services
from bilat.decisions.tests.factories import make_decision
from bilat.directory.tests.factories import make_kyrgyzstan, make_sides

pytestmark = pytest.mark.django_db

# The pages and the API work in the commission the request names (the commission middleware).
IN = "?commission=kz-uz"
ROLE = "secretariat_kz_kg"  # a secretariat of the Kyrgyz side of the Kazakhstan–Kyrgyzstan commission
ROWS = [
    Row(ROLE, "view_public", None, Outcome.DONE),
    Row(ROLE, "view_official", None, Outcome.DONE),
    Row(ROLE, "view_restricted", None, Outcome.HIDDEN),
    Row(ROLE, "change_public", None, Outcome.REFUSED),
    Row(ROLE, "change_official", None, Outcome.REFUSED),
    Row(ROLE, "change_restricted", None, Outcome.HIDDEN),
]


@pytest.fixture
def world():
    _kz, _uz = make_sides()
    kg = make_kyrgyzstan()
    kz_uz = Commission.objects.get(code="kz-uz")
    kz_kg = make_pair(_kz, kg)
    decisions = {tier: make_decision(f"UZ-{tier}", access_tier=tier, commission=kz_uz)
                 for tier in ("public", "official", "restricted")}
    user = make_user("kg-sec")
    Profile.objects.create(user=user, role=Role.SECRETARIAT, side=kg, commission=kz_kg)
    return user, decisions


@pytest.mark.parametrize(("row", "door"), matrix.cases(ROWS))
def test_a_kz_kg_secretariat_in_the_kz_uz_commission(world, row, door):
    user, decisions = world
    action, tier = row.action.split("_")
    decision = decisions[tier]
    client, api = Client(), APIClient()
    client.force_login(user)
    api.force_authenticate(user)
    if action == "view":
        matrix.run(row, door, {
            Door.SERVICE: lambda: require(user, Action.VIEW, decision),
            Door.PAGE: lambda: client.get(reverse("decisions:detail", args=[decision.pk]) + IN),
            Door.API: lambda: api.get(f"/api/v1/decisions/{decision.pk}/{IN}"),
        }, ok={Door.PAGE: 200, Door.API: 200}, writes=False)
        return
    matrix.run(row, door, {
        Door.SERVICE: lambda: services.update_decision(
            decision, {"title_en": "Changed"}, actor=user, expected_version=decision.version),
        Door.PAGE: lambda: client.post(reverse("decisions:edit", args=[decision.pk]) + IN, {
            "title_en": "Changed", "version": decision.version}),
        Door.API: lambda: api.patch(f"/api/v1/decisions/{decision.pk}/{IN}", {
            "title_en": "Changed", "version": decision.version}, format="json"),
    }, ok={Door.PAGE: 302, Door.API: 200})
    decision.refresh_from_db()
    assert decision.title_en != "Changed"
