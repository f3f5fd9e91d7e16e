"""Targets: the pace to target, who may write, the log, the version, bad input."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from bilat.core.models import ChangeLogEntry
from bilat.core.services import StaleVersionError
from bilat.projects.tests.factories import make_cast
from bilat.targets import services
from bilat.targets.models import ActualValue, Indicator, Target
from bilat.targets.tests.factories import make_actual, make_indicator, make_target

pytestmark = pytest.mark.django_db


def _paces(target):
    return {row.basis: row for row in services.pace_by_basis(target)}


def test_the_pace_on_the_kazakh_basis_needs_12_4_percent_and_is_off_track():
    target = make_target()
    make_actual(target, 2018, "3.40", provenance="derived")
    make_actual(target, 2023, "4.4")
    pace = _paces(target)["KZ"].pace
    assert round(pace.required_growth, 1) == 12.4
    assert round(pace.observed_growth, 1) == 5.3
    assert pace.observed_from_year == 2018 and pace.target_year == 2030
    assert pace.status == "off track"
    assert pace.reached_year == 2039


def test_each_basis_gets_its_own_pace_and_part_years_are_not_used():
    target = make_target()
    make_actual(target, 2023, "4.4", basis="KZ")
    make_actual(target, 2025, "4.97", basis="UZ")
    ActualValue.objects.create(
        target=target, period_label="Jan–Apr 2024", period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 4, 30), is_full_year=False, value=Decimal("1.2"),
        basis="UZ",
    )
    paces = _paces(target)
    assert round(paces["UZ"].pace.required_growth, 1) == 15.0
    assert paces["UZ"].pace.latest_year == 2025
    assert len(paces["UZ"].actuals) == 2
    assert paces["KZ"].pace.observed_growth is None and paces["KZ"].signal == "unknown"


def test_a_medium_term_target_without_an_assumed_year_has_no_pace():
    target = make_target(assumed_year=None, horizon_note="")
    make_actual(target, 2023, "4.4")
    assert _paces(target)["KZ"].pace is None


@pytest.mark.parametrize(("role", "allowed"), [
    ("anonymous", False), ("viewer", False), ("officer_kz_partner", False),
    ("secretariat_kz", True), ("secretariat_uz", True),
])
def test_only_the_secretariat_records_and_edits_targets(role, allowed):
    cast = make_cast()
    user = cast.users[role]
    values = {"indicator": make_indicator(), "title_en": "Exports", "target_value": Decimal("5"),
              "target_year": 2030}
    target = make_target()
    if allowed:
        created = services.create_target(actor=user, values=values)
        services.update_target(target, {"target_value": Decimal("11")}, actor=user,
                               expected_version=1)
        assert ChangeLogEntry.objects.filter(object_id=str(created.pk), action="create").exists()
        assert ChangeLogEntry.objects.filter(object_id=str(target.pk), action="update").exists()
    else:
        with pytest.raises(PermissionDenied):
            services.create_target(actor=user, values=values)
        with pytest.raises(PermissionDenied):
            services.update_target(target, {"target_value": Decimal("11")}, actor=user,
                                   expected_version=1)
        assert Target.objects.count() == 1 and not ChangeLogEntry.objects.exists()


@pytest.mark.parametrize(("role", "reporting_side", "allowed"), [
    ("secretariat_kz", "kz", True),
    ("secretariat_kz", "uz", False),  # the other side's figure
    ("secretariat_uz", "uz", True),
    ("secretariat_uz", None, True),  # the meeting's figure: either secretariat
    ("officer_kz_partner", "kz", False),
    ("viewer", None, False),
])
def test_a_sides_actual_value_is_recorded_by_that_sides_secretariat(role, reporting_side, allowed):
    cast = make_cast()
    target = make_target()
    values = {"period_label": "2023", "period_start": datetime.date(2023, 1, 1),
              "period_end": datetime.date(2023, 12, 31), "value": Decimal("4.4"),
              "basis": "meeting" if reporting_side is None else reporting_side.upper(),
              "reporting_side": getattr(cast, reporting_side) if reporting_side else None}
    if allowed:
        actual = services.record_actual_value(target, actor=cast.users[role], values=values)
        assert ChangeLogEntry.objects.filter(object_type="targets.actualvalue",
                                             object_id=str(actual.pk), action="create").exists()
        target.refresh_from_db()
        assert target.version == 2
    else:
        with pytest.raises(PermissionDenied):
            services.record_actual_value(target, actor=cast.users[role], values=values)
        assert not ActualValue.objects.exists()


def test_a_second_save_of_a_target_from_a_stale_copy_is_refused():
    cast = make_cast()
    user = cast.users["secretariat_kz"]
    target = make_target()
    services.update_target(target, {"title_en": "A"}, actor=user, expected_version=1)
    with pytest.raises(StaleVersionError):
        services.update_target(target, {"title_en": "B"}, actor=user, expected_version=1)
    target.refresh_from_db()
    assert target.title_en == "A"


def test_a_target_by_a_year_needs_the_year_and_a_medium_term_one_needs_no_year():
    cast = make_cast()
    user = cast.users["secretariat_kz"]
    base = {"indicator": make_indicator(), "title_en": "T", "target_value": Decimal("10")}
    with pytest.raises(ValidationError) as exc:
        services.create_target(actor=user, values=dict(base, horizon="year"))
    assert "target_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_target(actor=user, values=dict(base, horizon="medium_term",
                                                       target_year=2030))
    assert "target_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_target(actor=user, values=dict(base, horizon="medium_term",
                                                       assumed_year=2030))
    assert "horizon_note" in exc.value.message_dict
    assert not Target.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_full_year_value_must_cover_the_calendar_year():
    cast = make_cast()
    target = make_target()
    with pytest.raises(ValidationError) as exc:
        services.record_actual_value(target, actor=cast.users["secretariat_kz"], values={
            "period_label": "Jan–Apr 2024", "period_start": datetime.date(2024, 1, 1),
            "period_end": datetime.date(2024, 4, 30), "is_full_year": True,
            "value": Decimal("1.2"), "basis": "UZ"})
    assert "is_full_year" in exc.value.message_dict
    assert not ActualValue.objects.exists()


@pytest.mark.parametrize(("unit", "lang", "shown"), [
    ("US$ bn", "ru", "млрд долл. США"), ("US$ bn", "en", "US$ bn"),
    ("US$ million", "uz", "mln AQSh dollari"), ("tonnes", "ru", "tonnes")])
def test_an_indicators_dollar_unit_reads_in_the_readers_language(unit, lang, shown):
    with translation.override(lang):
        assert Indicator(unit=unit).unit_shown == shown
