"""Many commissions in one installation: roles per commission, scoped lists, the CLI's choice."""

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from bilat.accounts.models import Membership, Profile, Role
from bilat.accounts.policy import Action, can, visible
from bilat.accounts.tests.factories import make_user
from bilat.commissions.context import in_commission
from bilat.commissions.models import Commission, default_commission
from bilat.commissions.tests.factories import make_pair
from bilat.decisions.models import Decision
from bilat.decisions.tests.factories import make_decision
from bilat.directory.tests.factories import make_kyrgyzstan, make_organisation, make_sides
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    """Kazakhstan–Uzbekistan with a decision of each tier; Kazakhstan–Kyrgyzstan with one; a
    secretariat of the Kyrgyz side of the second."""
    kz, uz = make_sides()
    kg = make_kyrgyzstan()
    kz_uz = Commission.objects.get(code="kz-uz")
    kz_kg = make_pair(kz, kg)
    for tier in ("public", "official", "restricted"):
        make_decision(f"UZ-{tier}", access_tier=tier, commission=kz_uz)
    make_decision("KG-restricted", access_tier="restricted", commission=kz_kg)
    kg_sec = make_user("kg-sec")
    Profile.objects.create(user=kg_sec, role=Role.SECRETARIAT, side=kg, commission=kz_kg)
    uz_sec = make_user("uz-sec")
    Profile.objects.create(user=uz_sec, role=Role.SECRETARIAT, side=uz, commission=kz_uz)
    return {"kz_uz": kz_uz, "kz_kg": kz_kg, "kg_sec": kg_sec, "uz_sec": uz_sec, "kz": kz,
            "kg": kg, "uz": uz}


def _numbers(queryset) -> set[str]:
    return set(queryset.values_list("control_number", flat=True))


def test_a_secretariat_of_one_commission_is_a_viewer_in_another(two):
    kg_sec, kz_uz, kz_kg = two["kg_sec"], two["kz_uz"], two["kz_kg"]
    with in_commission(kz_uz.pk):
        assert _numbers(visible(kg_sec, Decision.objects.all())) == {"UZ-public", "UZ-official"}
    with in_commission(kz_kg.pk):
        assert _numbers(visible(kg_sec, Decision.objects.all())) == {"KG-restricted"}
    restricted = Decision.objects.get(control_number="UZ-restricted")
    assert not can(kg_sec, Action.VIEW, restricted)
    assert not can(kg_sec, Action.CHANGE, Decision.objects.get(control_number="UZ-public"))
    assert not can(kg_sec, Action.ADD, commission_id=kz_uz.pk)
    assert can(kg_sec, Action.ADD, commission_id=kz_kg.pk)
    assert can(two["uz_sec"], Action.VIEW, restricted)
    kg_part = Decision.objects.get(control_number="KG-restricted")
    assert not can(two["uz_sec"], Action.VIEW, kg_part)


def test_without_a_choice_each_commission_is_judged_by_the_role_held_in_it(two):
    both = make_user("both")
    Profile.objects.create(user=both, role=Role.SECRETARIAT, side=two["kz"],
                           commission=two["kz_uz"])
    Membership.objects.create(user=both, commission=two["kz_kg"], role=Role.SECRETARIAT,
                              side=two["kz"])
    with in_commission(None):  # "every commission": the reader chose none
        assert _numbers(visible(both, Decision.objects.all())) == {
            "UZ-public", "UZ-official", "UZ-restricted", "KG-restricted"}
        assert _numbers(visible(two["kg_sec"], Decision.objects.all())) == {
            "UZ-public", "UZ-official", "KG-restricted"}
        assert _numbers(visible(AnonymousUser(), Decision.objects.all())) == {"UZ-public"}


def test_pages_api_and_exports_show_a_kz_kg_secretariat_only_what_its_tier_allows(two, client):
    kg_sec = two["kg_sec"]
    client.force_login(kg_sec)
    restricted = Decision.objects.get(control_number="UZ-restricted")
    page = client.get("/decisions/", {"commission": "kz-uz"}).content.decode()
    assert "UZ-official" in page and "UZ-restricted" not in page and "KG-restricted" not in page
    assert client.get(f"/decisions/{restricted.pk}/").status_code in (403, 404)
    mine = client.get("/decisions/", {"commission": "kz-kg"}).content.decode()
    assert "KG-restricted" in mine and "UZ-official" not in mine

    api = APIClient()
    api.force_authenticate(kg_sec)
    listed = api.get("/api/v1/decisions/", {"commission": "kz-uz"}).json()["results"]
    assert {d["control_number"] for d in listed} == {"UZ-public", "UZ-official"}
    assert api.get(f"/api/v1/decisions/{restricted.pk}/").status_code in (403, 404)
    assert api.get("/api/v1/decisions/", {"commission": "nowhere"}).status_code == 400

    out = io.StringIO()
    call_command("export", "decisions", "--as", "kg-sec", "--commission", "kz-uz", stdout=out)
    assert "UZ-official" in out.getvalue() and "UZ-restricted" not in out.getvalue()


def test_a_new_record_belongs_to_the_commission_the_request_works_in(two):
    assert default_commission() is None  # two commissions, none chosen
    with in_commission(two["kz_kg"].pk):
        assert make_meeting(number=7).commission == two["kz_kg"]


def test_the_commission_switcher_lists_the_commissions(two, client):
    client.force_login(two["kg_sec"])
    page = client.get("/decisions/", {"commission": "kz-kg"}).content.decode()
    assert 'name="commission"' in page and "kz-uz" in page and "kz-kg" in page


def test_a_session_number_two_commissions_have_needs_the_commission_named(two):
    with in_commission(two["kz_uz"].pk):
        make_meeting(number=5)
    with in_commission(two["kz_kg"].pk):
        from bilat.directory.models import CommissionBody

        body = CommissionBody.objects.create(code="kz-kg-council", kind="commission",
                                             name_en="Council", name_ru="Совет")
        make_meeting(number=5, body=body)
    with pytest.raises(CommandError) as error:
        call_command("write_briefing", "--meeting", "5")
    assert "kz-uz" in str(error.value) and "kz-kg" in str(error.value)
    assert "--commission" in str(error.value)
    with pytest.raises(CommandError, match="No commission has the code"):
        call_command("write_briefing", "--meeting", "5", "--commission", "nowhere")


def test_trade_indicators_without_a_pair_need_the_commission_named(two):
    with pytest.raises(CommandError) as error:
        call_command("trade", "indicators")
    assert "kz-uz" in str(error.value) and "--commission" in str(error.value)


def test_an_export_by_someone_of_two_commissions_needs_the_commission_named(two):
    both = make_user("both")
    Profile.objects.create(user=both, role=Role.SECRETARIAT, side=two["kz"],
                           commission=two["kz_uz"])
    Membership.objects.create(user=both, commission=two["kz_kg"], role=Role.SECRETARIAT,
                              side=two["kz"])
    with pytest.raises(CommandError, match="--commission"):
        call_command("export", "decisions", "--as", "both", stdout=io.StringIO())
    out = io.StringIO()
    call_command("export", "decisions", "--as", "kg-sec", stdout=out)  # its only commission
    assert "KG-restricted" in out.getvalue() and "UZ-" not in out.getvalue()


def test_a_decision_gets_a_part_for_each_side_of_its_commission_only(two):
    from bilat.decisions.services import adopt_decision

    make_organisation(two["kg"], "kg-ministry")
    with in_commission(two["kz_kg"].pk):
        decision = adopt_decision(
            Decision(control_number="KG-new", title_en="New", title_ru="Новое",
                     access_tier="public", issued_on=datetime.date(2024, 5, 20),
                     due_on=datetime.date(2025, 6, 30)),
            actor=make_user("root", superuser=True))
    assert decision.commission == two["kz_kg"]
    assert sorted(decision.sides.values_list("side__code", flat=True)) == ["KG", "KZ"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ru", "kk", "uz"])
def test_a_sides_basis_is_labelled_in_the_readers_language(lang):
    from django.utils import translation

    from bilat.commissions.models import basis_choices
    from bilat.core.countries import country

    make_sides()
    with translation.override(lang):
        labels = dict(basis_choices())
    assert labels["KZ"] == getattr(country("KZ"), f"statistics_{lang}")
