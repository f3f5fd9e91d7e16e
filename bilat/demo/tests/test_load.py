import datetime
import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from bilat.accounts.models import Profile
from bilat.accounts.policy import visible
from bilat.core.changelog import snapshot, verify_chain
from bilat.core.models import AccessTier, ChangeLogEntry, Provenance
from bilat.decisions.discipline import execution_discipline
from bilat.decisions.models import (
    DeadlineExtension,
    Decision,
    DecisionSide,
    ExecutionReport,
)
from bilat.demo.data import kyrgyzstan as kyrgyzstan_data
from bilat.demo.data import meetings as meeting_data
from bilat.demo.data.directory import ILLUSTRATIVE
from bilat.demo.services import load_demo
from bilat.directory.models import CommissionBody, Organisation, Person, Sector, Side
from bilat.meetings.models import AgendaItem, Attendance, Meeting, Protocol, ProtocolParagraph
from bilat.projects.models import (
    Milestone,
    PortfolioFigure,
    PortfolioRule,
    Project,
    ProjectLocation,
    ProjectPartner,
)
from bilat.projects.services import compute_portfolio
from bilat.targets.models import ActualValue, Indicator, Target

REGISTRY = [
    Side, Sector, Organisation, Person, CommissionBody, Profile, Meeting, AgendaItem, Attendance,
    Protocol, ProtocolParagraph, Decision, DecisionSide, ExecutionReport, DeadlineExtension,
    Project, ProjectLocation, ProjectPartner, Milestone, PortfolioRule, PortfolioFigure,
    Indicator, Target, ActualValue,
]


def registry_state() -> tuple[dict, str]:
    """Row counts per model and one checksum over every row's stored values."""
    counts, digest = {}, hashlib.sha256()
    for model in [get_user_model(), *REGISTRY]:
        rows = [snapshot(obj) for obj in model.objects.order_by("pk")]
        for row in rows:
            row.pop("last_login", None)
        counts[model._meta.label] = len(rows)
        digest.update(json.dumps(rows, sort_keys=True, default=str).encode())
    return counts, digest.hexdigest()


def test_loading_the_demo_twice_gives_the_same_data_and_no_new_log_entries(demo):
    counts, checksum = registry_state()
    entries = ChangeLogEntry.objects.count()

    load_demo(out=lambda _line: None, skip=["trade warehouse"])

    assert registry_state() == (counts, checksum)
    assert ChangeLogEntry.objects.count() == entries
    assert counts["decisions.Decision"] == len(meeting_data.DECISIONS) + len(
        kyrgyzstan_data.DECISIONS)
    assert counts["projects.Project"] == 74 + 1


def test_the_demo_load_is_recorded_in_an_intact_change_log(demo):
    assert ChangeLogEntry.objects.filter(object_type="decisions.decision").count() >= 20
    assert ChangeLogEntry.objects.filter(channel="cli").exists()
    assert verify_chain().ok


@pytest.mark.parametrize(
    ("rule", "count", "value_musd", "jobs"),
    [
        ("ic-portfolio", 69, 3100, 14720),
        ("ic-implemented", 12, 217, 4500),
        ("ic-under-way", 3, 178, 1500),
    ],
)
def test_the_portfolio_rules_compute_the_figures_of_the_release(demo, rule, count, value_musd,
                                                                 jobs):
    totals = compute_portfolio(PortfolioRule.objects.get(code=rule))

    assert totals.project_count == count
    assert totals.value_usd == value_musd * 1_000_000
    assert totals.jobs == jobs
    assert totals.value_missing == 0 and totals.jobs_missing == 0


def test_the_portfolio_has_more_than_14_7_thousand_jobs_and_about_4_5_thousand_created(demo):
    portfolio = compute_portfolio(PortfolioRule.objects.get(code="ic-portfolio"))
    implemented = compute_portfolio(PortfolioRule.objects.get(code="ic-implemented"))

    assert portfolio.jobs > 14_700
    assert 4_400 <= implemented.jobs <= 4_600


def test_the_computed_figures_sit_beside_the_reported_ones(demo):
    rule = PortfolioRule.objects.get(code="ic-portfolio")
    reported = set(rule.figures.filter(origin="reported").values_list("project_count",
                                                                       flat=True))
    computed = rule.figures.get(origin="computed")

    assert reported == {69, 60, 74}
    assert computed.project_count == 69


def test_the_taraz_plant_and_the_industrial_center_carry_the_release_facts(demo):
    taraz = Project.objects.get(code="IC-TARAZ")
    center = Project.objects.get(code="ICIC-CA")

    assert taraz.capacity_value == 500_000
    assert "106.9" in taraz.sources
    assert {loc.side.code for loc in center.locations.all()} == {"KZ", "UZ"}
    assert center.capacity_value == 100
    assert not PortfolioRule.objects.get(code="ic-portfolio").counts_on(center)


def test_the_hydroposts_project_and_target_follow_paragraph_nine_outside_the_portfolio(demo):
    project = Project.objects.get(code="WR-HYDROPOSTS")
    target = Target.objects.get(indicator__code="syr-darya-automated-hydroposts")

    assert list(project.launched_by.values_list("control_number", flat=True)) == ["IGC21-09"]
    assert target.decision.control_number == "IGC21-09" and target.target_value == 10
    assert {loc.side.code for loc in project.locations.all()} == {"KZ", "UZ"}
    assert all(loc.approximate for loc in project.locations.all())
    assert not any(rule.counts_on(project) for rule in PortfolioRule.objects.all())
    assert {a.provenance for a in target.actual_values.all()} == {Provenance.ILLUSTRATIVE}


def test_every_control_state_is_present(demo):
    today = timezone.localdate()
    decisions = Decision.objects.all()

    on_time = [d for d in decisions.on_control() if d.due_on and d.due_on > today
               + datetime.timedelta(days=30) and not d.is_overdue]
    assert on_time
    assert decisions.due_within(7).exists()
    assert decisions.overdue().exists()
    assert DeadlineExtension.objects.filter(state="approved").exists()
    assert ExecutionReport.objects.filter(verification="submitted").exists()
    assert DecisionSide.objects.filter(status="reported").exists()
    assert DecisionSide.objects.filter(status="returned").exists()
    assert ExecutionReport.objects.filter(verification="returned").exists()
    assert ExecutionReport.objects.filter(verification="accepted").exists()
    assert any(d.joint_status == Decision.JointStatus.DONE for d in decisions)
    assert decisions.filter(control_state="removed").exists()
    assert decisions.filter(deadline_type="standing").exists()
    carried = decisions.open().filter(meeting__number=20)
    assert carried.count() == 2


def test_the_demo_discipline_is_neither_nil_nor_perfect_for_an_organisation_of_each_side(demo):
    today = timezone.localdate()
    rows = execution_discipline(datetime.date(2024, 1, 1), today, unrestricted=True)

    mixed = {row.side_code for row in rows if row.rate is not None and 0 < row.rate < 100}
    assert mixed == {"KZ", "UZ"}
    for report in ExecutionReport.objects.filter(verification="accepted"):
        assert report.as_of <= timezone.localdate(report.submitted_at)
        assert report.submitted_at <= report.verified_at


def test_extended_decisions_keep_the_old_due_date_on_the_extension(demo):
    extension = DeadlineExtension.objects.filter(state="approved").first()

    assert extension.previous_due_on < extension.decision_side.due_on
    assert not extension.decision_side.is_overdue


def test_each_21st_meeting_paragraph_is_one_decision(demo):
    meeting = Meeting.objects.get(number=21)

    assert meeting.co_chairs.count() == 2
    assert meeting.protocol.signed_language == "ru"
    assert meeting.place_en == "Almaty" and meeting.held_on == datetime.date(2024, 7, 12)
    for paragraph in meeting.protocol.paragraphs.all():
        assert paragraph.decisions.count() == 1
    sectors = set(meeting.decisions.values_list("sector__code", flat=True))
    assert {"trade", "investment", "water", "energy", "transport", "industry", "agriculture",
            "ecology", "digitalisation"} <= sectors


def test_every_illustrative_record_is_marked(demo):
    assert Meeting.objects.get(number=20).provenance == Provenance.ILLUSTRATIVE
    for project in Project.objects.all():
        assert project.provenance in Provenance.values
        if project.provenance == Provenance.ILLUSTRATIVE:
            assert ILLUSTRATIVE in project.sources, project.code
        if ILLUSTRATIVE in project.sources and project.provenance == Provenance.SOURCED:
            # sourced projects name which of their figures were filled in
            assert "illustrative" in project.sources.split(".")[-1] or ":" in project.sources
    pipeline = Project.objects.filter(stage=1, kind="industrial_cooperation")
    assert pipeline.count() == 54
    assert not pipeline.exclude(provenance=Provenance.ILLUSTRATIVE).exists()
    for spec in meeting_data.DECISIONS:
        decision = Decision.objects.get(control_number=spec["control_number"])
        if spec["source"] == ILLUSTRATIVE:
            assert decision.provenance == Provenance.ILLUSTRATIVE, decision.control_number
    co_chairs = ["Olzhas Bektenov", "Abdulla Aripov"]
    assert set(Person.objects.filter(provenance=Provenance.SOURCED)
               .values_list("full_name_en", flat=True)) == set(co_chairs)
    assert not Person.objects.filter(full_name_en__contains="illustrative").exists()
    assert CommissionBody.objects.get(code="igc").provenance == Provenance.SOURCED
    assert not CommissionBody.objects.exclude(code="igc").exclude(
        provenance=Provenance.ILLUSTRATIVE).exists()
    assert Organisation.objects.get(code="kz-secretariat").provenance == "illustrative"


def test_a_reload_renames_a_stand_in_named_illustrative_by_an_earlier_demo(demo):
    person = Person.objects.get(full_name_en="Delegate of the KZ Ministry of Trade")
    Person.objects.filter(pk=person.pk).update(  # as the demo before provenance loaded it
        full_name_en=person.full_name_en + " (illustrative)", provenance=Provenance.SOURCED)
    people = Person.objects.count()

    load_demo(out=lambda _line: None, skip=["trade warehouse"])

    person.refresh_from_db()
    assert person.full_name_en == "Delegate of the KZ Ministry of Trade"
    assert person.provenance == Provenance.ILLUSTRATIVE
    assert Person.objects.count() == people


def test_the_meeting_page_marks_the_illustrative_delegates_but_not_the_co_chairs(demo, client):
    client.force_login(get_user_model().objects.get(username="kz-secretariat"))
    meeting = Meeting.objects.get(number=21)

    html = client.get(f"/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    co_chairs = html[html.index("Co-chairs"):html.index("Agenda")]
    attendance = html[html.index("Attendance"):html.index("Protocol")]
    assert "badge illustrative" not in co_chairs
    illustrative = meeting.attendances.filter(person__provenance=Provenance.ILLUSTRATIVE)
    assert illustrative.exists()
    assert attendance.count("badge illustrative") == illustrative.count()


def test_the_anonymous_public_sees_only_public_decisions(demo):
    seen = visible(AnonymousUser(), Decision.objects.filter(commission__code="kz-uz"))
    public = [s["control_number"] for s in meeting_data.DECISIONS
              if s["access_tier"] == AccessTier.PUBLIC]

    assert sorted(seen.values_list("control_number", flat=True)) == sorted(public)
    assert Decision.objects.filter(access_tier=AccessTier.RESTRICTED).count() >= 2
    assert Decision.objects.filter(access_tier=AccessTier.OFFICIAL).count() > len(public)


def test_the_kz_officer_answers_for_several_decisions_and_sees_its_restricted_one(demo):
    officer = get_user_model().objects.get(username="kz-officer")
    org = officer.profile.organisation
    answerable = Decision.objects.filter(Decision.responsible_q(org.pk)).distinct()
    seen = visible(officer, Decision.objects.all())

    assert answerable.count() >= 5
    assert seen.filter(control_number="IGC21-15").exists()  # restricted, KZ MTI co-executes
    assert not seen.filter(control_number="IGC21-10").exists()  # restricted, water only


def test_the_trade_target_follows_the_heads_of_state_decision(demo):
    target = Target.objects.get(indicator__code="kz-uz-turnover")

    assert target.decision.control_number == "HOS-2024-01"
    assert target.target_value == 10 and target.horizon == "medium_term"
    assert "2030" in target.horizon_note
    # Its values are the trade warehouse's (the target's page reads them), not typed copies.
    assert not target.actual_values.exists()


def test_every_role_has_a_demo_login_with_a_profile(demo):
    profiles = {p.user.username: p for p in Profile.objects.select_related("user")}

    assert set(profiles) == {"admin", "kz-secretariat", "uz-secretariat", "kz-officer",
                             "uz-officer", "viewer", "kg-secretariat", "kg-officer"}
    assert profiles["admin"].user.is_superuser
    assert profiles["kz-officer"].side.code == "KZ"
    assert profiles["uz-secretariat"].role == "secretariat"
