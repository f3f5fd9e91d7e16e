"""Projects: the counting rule, reported vs computed, who may write, the log and the version."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bilat.core.models import ChangeLogEntry
from bilat.core.services import StaleVersionError
from bilat.projects import services
from bilat.projects.models import Milestone, PortfolioFigure, Project, ProjectPartner
from bilat.projects.tests.factories import (
    make_cast,
    make_partner,
    make_project,
    make_reported_figure,
    make_rule,
)

pytestmark = pytest.mark.django_db

IC = Project.Kind.INDUSTRIAL_COOPERATION


def _log(obj, action=None):
    entries = ChangeLogEntry.objects.filter(object_type=obj._meta.label_lower,
                                            object_id=str(obj.pk))
    return entries.filter(action=action) if action else entries


# --- The counting rule -------------------------------------------------------------------------


def test_the_rule_counts_only_its_kinds_and_stages():
    make_project("A", kind=IC, stage=1)
    make_project("B", kind=IC, stage=4)
    make_project("C", kind=Project.Kind.TRANSPORT, stage=4)
    make_project("D", kind=IC, stage=5)
    rule = make_rule(kinds=[IC], stages=[1, 2, 3, 4])
    totals = services.compute_portfolio(rule)
    codes = set(Project.objects.filter(pk__in=totals.project_ids).values_list("code", flat=True))
    assert codes == {"A", "B"}
    assert totals.project_count == 2
    assert totals.value_usd == Decimal("200")


def test_an_empty_kind_or_stage_list_takes_every_kind_or_stage():
    make_project("A", kind=IC, stage=1)
    make_project("B", kind=Project.Kind.WATER, stage=6)
    assert services.compute_portfolio(make_rule(kinds=[], stages=[])).project_count == 2


def test_an_umbrella_is_not_counted_twice():
    umbrella = make_project("ICIC", value_planned_usd=Decimal("500"), jobs_planned=1000,
                            aggregation_eligible=False)
    make_project("ICIC-KZ", parent=umbrella, value_planned_usd=Decimal("300"), jobs_planned=600)
    make_project("ICIC-UZ", parent=umbrella, value_planned_usd=Decimal("200"), jobs_planned=400)
    totals = services.compute_portfolio(make_rule())
    assert (totals.project_count, totals.value_usd, totals.jobs) == (2, Decimal("500"), 1000)


def test_jobs_are_counted_as_planned_or_as_created_by_the_rule():
    make_project("A", jobs_planned=100, jobs_created=40)
    make_project("B", jobs_planned=50, jobs_created=None)
    planned = services.compute_portfolio(make_rule("planned", jobs_basis="planned"))
    created = services.compute_portfolio(make_rule("created", jobs_basis="created"))
    assert planned.jobs == 150 and planned.jobs_missing == 0
    assert created.jobs == 40 and created.jobs_missing == 1


def test_value_is_counted_as_planned_or_invested_in_us_dollars():
    make_project("A", value_planned_usd=Decimal("121.3"), value_invested_usd=Decimal("50"))
    make_project("B", value_planned_usd=Decimal("40"), value_invested_usd=None)
    assert services.compute_portfolio(make_rule("p")).value_usd == Decimal("161.3")
    invested = services.compute_portfolio(make_rule("i", value_basis="invested"))
    assert invested.value_usd == Decimal("50") and invested.value_missing == 1


def test_a_project_that_actually_started_after_the_as_of_date_is_left_out():
    make_project("EARLY", actual_start_on=datetime.date(2023, 12, 1))
    make_project("LATE", actual_start_on=datetime.date(2024, 9, 1))
    make_project("UNDATED")
    rule = make_rule(as_of=datetime.date(2024, 7, 12))
    counted = Project.objects.filter(pk__in=services.compute_portfolio(rule).project_ids)
    assert set(counted.values_list("code", flat=True)) == {"EARLY", "UNDATED"}
    assert all(rule.counts_on(p) for p in counted)
    assert not rule.counts_on(Project.objects.get(code="LATE"))


def test_a_computed_portfolio_counts_only_what_the_user_may_see():
    cast = make_cast()
    make_project("OPEN")
    make_project("SECRET", access_tier="restricted")
    rule = make_rule()
    assert services.compute_portfolio(rule, user=cast.users["viewer"]).project_count == 1
    assert services.compute_portfolio(rule, user=cast.users["secretariat_kz"]).project_count == 2


def test_reported_and_computed_figures_are_compared_field_by_field():
    make_project("A", value_planned_usd=Decimal("121300000"), jobs_planned=700)
    rule = make_rule()
    make_reported_figure(rule, project_count=69, value_usd=Decimal("3100000000"), jobs=14700)
    make_reported_figure(rule, project_count=60, value_usd=None, jobs=None,
                         source_en="Deputy Foreign Minister, Kazinform 7 Aug 2024")
    by_count = {c.reported.project_count: c for c in services.compare_figures(rule)}
    assert by_count[69].count_difference == 68
    assert by_count[69].value_difference == Decimal("2978700000")
    assert by_count[69].jobs_difference == 14000
    assert by_count[60].value_difference is None and by_count[60].jobs_difference is None


def test_a_computed_figure_is_stored_beside_the_reported_ones_and_logged():
    cast = make_cast()
    make_project("A")
    rule = make_rule()
    make_reported_figure(rule)
    figure = services.record_computed_figure(rule, actor=cast.users["secretariat_kz"])
    assert figure.origin == PortfolioFigure.Origin.COMPUTED
    assert (figure.project_count, figure.value_usd, figure.jobs) == (1, Decimal("100"), 10)
    assert rule.figures.count() == 2
    assert _log(figure, "create").count() == 1


def test_portfolio_by_stage_sums_eligible_visible_projects_per_stage():
    cast = make_cast()
    make_project("A", stage=2, jobs_planned=5)
    make_project("B", stage=2, jobs_planned=7)
    p = make_project("C", stage=4, jobs_planned=1)
    make_partner(p, cast.kz_partner)
    make_partner(p, cast.uz_partner)  # two partners must not double the sums
    make_project("U", stage=2, aggregation_eligible=False)
    rows = {r["stage"]: r for r in services.portfolio_by_stage(cast.users["officer_kz_partner"])}
    assert rows[2]["count"] == 2 and rows[2]["jobs_planned"] == 12
    assert rows[4]["count"] == 1 and rows[4]["value_usd"] == Decimal("100")
    assert rows[1]["count"] == 0


# --- Who may write -----------------------------------------------------------------------------

CREATE = {"code": "NEW-1", "title_en": "New plant", "kind": IC}


@pytest.mark.parametrize(("role", "allowed"), [
    ("anonymous", False), ("viewer", False), ("officer_kz_partner", False),
    ("secretariat_kz", True), ("secretariat_uz", True), ("superuser", True),
])
def test_only_the_secretariat_creates_and_edits_projects(role, allowed):
    cast = make_cast()
    user = cast.users[role]
    project = make_project()
    make_partner(project, cast.kz_partner)
    if allowed:
        services.create_project(actor=user, values=dict(CREATE))
        services.update_project(project, {"stage": 4}, actor=user, expected_version=1)
        assert Project.objects.filter(code="NEW-1").exists()
    else:
        with pytest.raises(PermissionDenied):
            services.create_project(actor=user, values=dict(CREATE))
        with pytest.raises(PermissionDenied):
            services.update_project(project, {"stage": 4}, actor=user, expected_version=1)
        assert not Project.objects.filter(code="NEW-1").exists()


@pytest.mark.parametrize(("role", "side", "allowed"), [
    ("officer_kz_partner", "kz", True),
    ("officer_kz_partner", "uz", False),  # the other side's part
    ("officer_kz_other", "kz", False),  # not a partner
    ("officer_uz_partner", "uz", True),
    ("secretariat_kz", "kz", True),
    ("secretariat_kz", "uz", False),
    ("viewer", "kz", False),
])
def test_a_side_reports_progress_only_on_its_own_part(role, side, allowed):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    make_partner(project, cast.uz_partner)
    side_id = getattr(cast, side).pk
    call = lambda: services.report_project_progress(  # noqa: E731
        project, {"progress_pct": 60, "jobs_created": 300}, actor=cast.users[role],
        side_id=side_id, expected_version=1,
    )
    if allowed:
        call()
        project.refresh_from_db()
        assert (project.progress_pct, project.jobs_created, project.version) == (60, 300, 2)
        assert _log(project, "report").count() == 1
    else:
        with pytest.raises(PermissionDenied):
            call()
        project.refresh_from_db()
        assert project.progress_pct is None and not _log(project).exists()


def test_a_side_cannot_change_shared_fields_through_a_progress_report():
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    with pytest.raises(ValidationError) as exc:
        services.report_project_progress(
            project, {"stage": 4}, actor=cast.users["officer_kz_partner"], side_id=cast.kz.pk,
            expected_version=1,
        )
    assert "stage" in exc.value.message_dict


def test_a_milestone_of_one_side_is_set_only_by_that_side():
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    make_partner(project, cast.uz_partner)
    milestone = Milestone.objects.create(project=project, side=cast.kz, title_en="Site ready")
    with pytest.raises(PermissionDenied):
        services.set_milestone_status(milestone, status="met", actor=cast.users["officer_uz_partner"])
    with pytest.raises(PermissionDenied):
        services.set_milestone_status(milestone, status="met", actor=cast.users["officer_kz_other"])
    services.set_milestone_status(milestone, status="met", progress_pct=100,
                                  actor=cast.users["officer_kz_partner"])
    milestone.refresh_from_db()
    assert milestone.status == "met"
    assert _log(milestone, "set_status").count() == 1
    project.refresh_from_db()
    assert project.version == 2


def test_a_joint_milestone_is_set_by_a_partner_of_either_side():
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.uz_partner)
    milestone = Milestone.objects.create(project=project, title_en="Agreement ratified")
    services.set_milestone_status(milestone, status="partiallyMet",
                                  actor=cast.users["officer_uz_partner"])
    with pytest.raises(PermissionDenied):
        services.set_milestone_status(milestone, status="met", actor=cast.users["viewer"])
    milestone.refresh_from_db()
    assert milestone.status == "partiallyMet"


def test_partners_and_locations_are_added_by_the_secretariat_and_logged():
    cast = make_cast()
    project = make_project()
    secretariat = cast.users["secretariat_uz"]
    partner = services.add_partner(project, organisation=cast.uz_partner, role="investor",
                                   actor=secretariat)
    location = services.add_location(project, actor=secretariat, values={
        "side": cast.kz, "region_en": "Zhambyl region", "place_en": "Taraz"})
    milestone = services.add_milestone(project, actor=secretariat,
                                       values={"title_en": "Commissioning"})
    for part in (partner, location, milestone):
        assert _log(part, "create").count() == 1
    project.refresh_from_db()
    assert project.version == 4
    assert project.responsible_org_ids(cast.uz.pk) == {cast.uz_partner.pk}
    assert project.responsible_org_ids(cast.kz.pk) == set()
    with pytest.raises(PermissionDenied):
        services.add_partner(project, organisation=cast.kz_partner, role="operator",
                             actor=cast.users["officer_uz_partner"])
    services.remove_project_part(partner, actor=secretariat, expected_version=partner.version)
    assert not ProjectPartner.objects.exists()
    assert ChangeLogEntry.objects.filter(action="delete",
                                         object_type="projects.projectpartner").count() == 1


# --- The log, the version, bad input -----------------------------------------------------------


def test_creating_and_editing_a_project_is_logged_with_before_and_after():
    cast = make_cast()
    user = cast.users["secretariat_kz"]
    project = services.create_project(actor=user, values=dict(CREATE, value_planned=Decimal("40")))
    assert project.value_planned_usd == Decimal("40")  # US$ project: US$ value filled in
    services.update_project(project, {"stage": 2}, actor=user, expected_version=1, reason="Started")
    entry = _log(project, "update").get()
    assert entry.before["stage"] == 1 and entry.after["stage"] == 2 and entry.reason == "Started"
    assert _log(project, "create").count() == 1


def test_a_second_save_from_a_stale_copy_is_refused():
    cast = make_cast()
    user = cast.users["secretariat_kz"]
    project = make_project()
    services.update_project(project, {"stage": 3}, actor=user, expected_version=1)
    with pytest.raises(StaleVersionError):
        services.update_project(project, {"stage": 4}, actor=user, expected_version=1)
    project.refresh_from_db()
    assert (project.stage, project.version) == (3, 2)


def test_a_project_in_another_currency_needs_its_us_dollar_value_and_rate_date():
    cast = make_cast()
    with pytest.raises(ValidationError) as exc:
        services.create_project(actor=cast.users["secretariat_kz"], values=dict(
            CREATE, currency="KZT", value_planned=Decimal("286000000000")))
    assert "value_planned_usd" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_project(actor=cast.users["secretariat_kz"], values=dict(
            CREATE, currency="KZT", value_planned=Decimal("1"), value_planned_usd=Decimal("1")))
    assert "fx_rate_on" in exc.value.message_dict
    assert not Project.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_project_with_dates_in_the_wrong_order_or_progress_over_100_is_refused():
    cast = make_cast()
    with pytest.raises(ValidationError) as exc:
        services.create_project(actor=cast.users["secretariat_kz"], values=dict(
            CREATE, planned_start_on=datetime.date(2025, 1, 1),
            planned_end_on=datetime.date(2024, 1, 1), progress_pct=120))
    assert {"planned_end_on", "progress_pct"} <= set(exc.value.message_dict)
