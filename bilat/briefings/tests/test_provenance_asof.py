"""Provenance that propagates and as-of that holds (issue 11, items 2 and 3)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilat.briefings import asof, services
from bilat.briefings.document import MARK, Writer, provenance_reason
from bilat.briefings.figures import (
    DecisionCount,
    FigureSet,
    PortfolioInput,
    computed,
    decision_figures,
    portfolio_figures,
    weakest,
)
from bilat.decisions.asof import parts_as_of

from .test_demo_briefing import meeting21  # noqa: F401 - the demo's 21st session

DAY = datetime.date(2024, 7, 12)


# --- the rule: the weakest input wins --------------------------------------------------------

def test_the_weakest_input_decides_a_computed_figures_provenance():
    assert weakest(["sourced", "derived"]) == "derived"
    assert weakest(["sourced", "illustrative", "derived"]) == "illustrative"
    assert weakest(["illustrative", "synthetic", "sourced"]) == "synthetic"
    # Computing is not publishing: from sourced inputs only, a figure is derived.
    assert computed("figure", ["sourced", "sourced"]) == ("derived", "figure:sourced=2")
    assert computed("project", ["sourced", "illustrative", "illustrative", "derived"]) == (
        "illustrative", "project:illustrative=2,derived=1,sourced=1")
    assert computed("part", []) == ("derived", "")


def test_portfolio_and_decision_figures_take_the_provenance_of_the_records_they_count():
    portfolio = portfolio_figures([PortfolioInput(
        "implementation", 3, 178e6, 1500, "rule", provenances=("sourced", "derived", "illustrative"),
        value_provenances=("sourced", "derived", "sourced"),
        jobs_provenances=("illustrative",))])
    by_key = {f.key: f for f in portfolio}
    assert by_key["portfolio.implementation.count"].provenance == "illustrative"
    assert by_key["portfolio.implementation.value"].provenance == "derived"
    assert by_key["portfolio.implementation.jobs"].provenance == "illustrative"
    assert by_key["portfolio.implementation.jobs"].inputs == "project:illustrative=1"
    decisions = {f.key: f for f in decision_figures(
        [DecisionCount("KZ", "trade", "done", 2, 0, ("sourced", "sourced")),
         DecisionCount("KZ", "water", "done", 1, 0, ("illustrative",))],
        meeting=20, carried_over=1, carried_over_provenances=("sourced",))}
    assert decisions["decisions.KZ.trade.done"].provenance == "derived"
    assert decisions["decisions.KZ.water.done"].provenance == "illustrative"
    assert decisions["decisions.KZ.all.done"].provenance == "illustrative"
    assert decisions["decisions.KZ.all.done"].inputs == "part:illustrative=1,sourced=2"
    assert decisions["decisions.carried_over"].inputs == "decision:sourced=1"
    assert decisions["decisions.carried_over"].provenance == "derived"


def test_the_reason_says_what_a_figure_was_computed_from_in_each_language():
    inputs = "project:illustrative=68,derived=1"
    with translation.override("en"):
        assert provenance_reason("illustrative", inputs) == (
            "computed from 69 project records (illustrative: 68, derived: 1)")
        assert provenance_reason("illustrative", "") == "illustrative: not from a source"
    with translation.override("ru"):
        assert provenance_reason("illustrative", inputs) == (
            "вычислено по 69 записям о проектах (иллюстративно: 68, расчётное: 1)")


# --- sources published by a date ---------------------------------------------------------------

@pytest.mark.parametrize(("citation", "day"), [
    ("Kazinform, 7 Aug 2024 (US$ 121.3 M)", datetime.date(2024, 8, 7)),
    ("kun.uz, 6 Jan 2025", datetime.date(2025, 1, 6)),
    ("nur-news, Nov 2024", datetime.date(2024, 11, 1)),
    ("Kazinform, 2025", datetime.date(2025, 1, 1)),
    ("primeminister.kz (20th session)", None),
    ("vlast.kz", None),
])
def test_a_citation_is_dated_by_the_earliest_day_it_names(citation, day):
    assert asof.published_on(citation) == day


def test_citations_published_after_the_date_are_left_out():
    kept, later = asof.cited_by(
        "The release of 12 Jul 2024; Kazinform, 25 Nov 2025; vlast.kz", DAY)
    assert kept == "The release of 12 Jul 2024; vlast.kz"
    assert later == ["Kazinform, 25 Nov 2025"]


# --- the registry as it stood on a date -------------------------------------------------------

def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))


@pytest.mark.django_db
def test_a_status_changed_after_the_date_is_shown_as_it_was_before():
    from bilat.decisions import services as decisions
    from bilat.decisions.models import Decision, ExecutionReport
    from bilat.decisions.tests.factories import make_cast, make_decision, side_of

    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                             due_on=datetime.date(2024, 12, 31))
    report = decisions.submit_report(side_of(decision, "KZ"), actor=cast.users["officer_kz_lead"],
                                     as_of=datetime.date(2024, 9, 1), text="Done.")
    decisions.accept_report(report, actor=cast.users["secretariat_kz"])
    # Typed in today; the report was submitted on 1 September and accepted on 10 September.
    ExecutionReport.objects.filter(pk=report.pk).update(
        submitted_at=_at(datetime.date(2024, 9, 1)), verified_at=_at(datetime.date(2024, 9, 10)))

    def on(day):
        return {p.side: p for p in parts_as_of(Decision.objects.filter(pk=decision.pk), day)}

    assert on(datetime.date(2024, 8, 1))["KZ"].status == "not_started"
    assert on(datetime.date(2024, 9, 5))["KZ"].status == "reported"
    assert on(datetime.date(2024, 9, 15))["KZ"].status == "done"
    assert on(timezone.localdate())["KZ"].status == "done"
    late = on(datetime.date(2025, 1, 10))
    assert not late["KZ"].is_overdue(datetime.date(2025, 1, 10))
    assert late["UZ"].is_overdue(datetime.date(2025, 1, 10))


@pytest.mark.django_db
def test_a_report_entered_without_a_log_entry_never_dates_a_later_change():
    """The demo's reports (and an import's) have no log entry: a report submitted today on the
    same side is paired with its own submission, not with the older report's date, so the
    side's status on an earlier day stays what it was."""
    from bilat.decisions import services as decisions
    from bilat.decisions.models import Decision, DecisionSide, ExecutionReport
    from bilat.decisions.tests.factories import make_cast, make_decision, make_report, side_of

    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                             due_on=datetime.date(2099, 12, 31))
    part = side_of(decision, "KZ")
    old = make_report(part, cast.users["officer_kz_lead"])  # entered directly, returned
    ExecutionReport.objects.filter(pk=old.pk).update(
        submitted_at=_at(datetime.date(2024, 9, 1)), verified_at=_at(datetime.date(2024, 9, 10)),
        verification=ExecutionReport.Verification.RETURNED)
    DecisionSide.objects.filter(pk=part.pk).update(status=DecisionSide.Status.RETURNED)
    part.refresh_from_db()
    decisions.submit_report(part, actor=cast.users["officer_kz_lead"],
                            as_of=timezone.localdate(), text="Done this time.")

    def on(day):
        return {p.side: p for p in parts_as_of(Decision.objects.filter(pk=decision.pk), day)}

    assert on(datetime.date(2024, 10, 1))["KZ"].status == "returned"
    assert on(timezone.localdate())["KZ"].status == "reported"


@pytest.mark.django_db
def test_a_project_stage_is_the_one_it_had_on_the_date():
    from bilat.accounts.tests.factories import make_user
    from bilat.core.services import upsert_record
    from bilat.projects.models import Project
    from bilat.projects.tests.factories import make_project

    admin = make_user("root", superuser=True)
    done = make_project("TR-LINE", stage=Project.Stage.CLOSED,
                        actual_end_on=datetime.date(2025, 9, 30))
    moved = make_project("IC-MOVED", stage=Project.Stage.PIPELINE)
    upsert_record(Project, {"pk": moved.pk}, {"stage": Project.Stage.IMPLEMENTATION},
                  actor=admin)  # logged today, with no start date of its own
    stages = asof.stages_as_of([done, moved], DAY)
    assert stages == {done.pk: Project.Stage.IMPLEMENTATION, moved.pk: Project.Stage.PIPELINE}
    today = asof.stages_as_of(Project.objects.all(), timezone.localdate())
    assert today == {done.pk: Project.Stage.CLOSED, moved.pk: Project.Stage.IMPLEMENTATION}


# --- the pack of 12 July 2024 on the demo ------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_pack_as_of_12_july_2024_shows_that_day_and_marks_what_is_not_fact(
        meeting21, lang):  # noqa: F811
    from bilat.decisions.models import DecisionSide

    snapshot = services.snapshot_for(meeting21, actor=None)
    assert snapshot.as_of == DAY
    figures = services.figures_of(snapshot)
    # Statuses of that day: the 20th session's decisions accepted in December 2024 are done
    # in the registry today, but were not on 12 July 2024.
    assert DecisionSide.objects.filter(decision__meeting__number=20, status="done").exists()
    assert not [f.key for f in figures.prefixed("decisions.") if f.key.endswith(".done")]
    # Stages of that day: the Dostyk second tracks, finished in September 2025, were under way.
    assert figures.text("project.transport-tr-dostyk.stage") == "2"
    # Nothing published after the day is cited.
    cited = {c.strip() for f in figures for c in f.source.split(";") if c.strip()}
    assert [c for c in cited if (asof.published_on(c) or DAY) > DAY] == []
    assert figures.value("sources.later") > 0
    # Portfolio figures computed from illustrative records are illustrative, with their reason.
    count = figures.get("portfolio.all.count")
    assert count.provenance == "illustrative" and count.inputs.startswith("project:illustrative=")
    assert figures.get("portfolio.implementation.jobs").provenance == "illustrative"
    assert figures.get("decisions.carried_over").provenance == "illustrative"

    md = services.produce_briefing(snapshot, lang=lang, fmt="md").decode("utf-8")
    with translation.override(lang):
        notes_title, portfolio = _("Data notes"), _("Industrial cooperation portfolio")
        sources_title = _("Sources")
        reason = provenance_reason("illustrative", count.inputs, lang)
    body, notes = md.split(f"## {notes_title}", 1)
    assert "2025" not in notes.split(f"*{sources_title}*", 1)[1]
    # Every illustrative figure is marked where it is shown, and listed in the data notes.
    assert f"69{MARK}" in body
    jobs = "1.5 thousand" if lang == "en" else "1,5 тыс."
    assert f"{jobs}{MARK}" in body
    assert portfolio in notes and reason in notes
    assert not re.search(r"\d" + MARK, notes.split(f"*{sources_title}*", 1)[1])


@pytest.mark.slow
def test_the_snapshot_page_and_the_dashboard_show_the_badge_with_its_reason(
        meeting21, client):  # noqa: F811
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    snapshot = services.snapshot_for(meeting21, actor=None)
    client.force_login(get_user_model().objects.get(username="kz-secretariat"))
    page = client.get(reverse("briefings:snapshot_detail", args=[snapshot.pk])).content.decode()
    assert 'class="badge illustrative"' in page
    assert "computed from 69 project records (illustrative:" in page
    assert "counted from 4 parts of decisions (illustrative: 4)" in page
    assert "counted from 4 decisions (illustrative: 4)" in page
    home = client.get(reverse("work:overview")).content.decode()
    assert 'class="badge illustrative"' in home and "project records (illustrative:" in home
    assert Decimal(snapshot.figures.get(key="portfolio.all.count").value) == 69


def test_a_portfolio_rule_is_frozen_and_shown_in_each_language_it_has():
    rule = PortfolioInput("all", 3, 1e6, 7, "Counts all stages.",
                          rule_texts=(("en", "Counts all stages."), ("ru", "Все стадии.")))
    figures = FigureSet(portfolio_figures([rule]))
    assert figures.text("portfolio.all.rule.ru") == "Все стадии."
    assert Writer(figures, "ru").rule("portfolio.all") == "Все стадии."
    kazakh = Writer(figures, "kk")
    assert kazakh.rule("portfolio.all") == "Все стадии." and kazakh.fallbacks == {"ru"}
    # A snapshot frozen before the rule had languages: the rule as its figures have it.
    older = FigureSet(portfolio_figures([PortfolioInput("all", 3, 1e6, 7, "Counts all.")]))
    assert Writer(older, "ru").rule("portfolio.all") == "Counts all."


@pytest.mark.parametrize("lang", ["ru", "kk", "uz"])
def test_the_sides_and_their_bases_are_named_in_the_packs_language(lang):
    from bilat.briefings.figures import pair_figures
    from bilat.briefings.pair import pair_from_codes
    from bilat.core.countries import country

    figures = FigureSet(pair_figures(pair_from_codes("KZ", "UZ")))
    w = Writer(figures, lang)
    kz, uz = country("KZ"), country("UZ")
    name = {"ru": "name_ru", "kk": "name_kk", "uz": "name_uz"}[lang]
    assert w.flow(w.x) == f"{getattr(kz, name)} → {getattr(uz, name)}"
    assert w.basis("KZ") == getattr(kz, f"statistics_{lang}")
    assert w.side("UZ") == getattr(uz, name)


def test_a_side_the_table_does_not_name_in_kazakh_is_named_in_russian_to_a_kazakh_reader():
    from bilat.briefings.pair import PairSide, with_table_names

    side = with_table_names(PairSide("XX", "XX", "Xland", "Иксландия", basis_en="Xland data",
                                     basis_ru="данные Иксландии"))
    assert side.name("kk") == "Иксландия" and side.basis_label("uz") == "данные Иксландии"
    # A commission that words its basis its own way keeps its words (in Russian) for kk readers.
    from bilat.briefings.pair import side_from_code
    own = with_table_names(PairSide("KZ", "KZ", "Kazakhstan", "Казахстан",
                                    basis_en="Bureau of National Statistics",
                                    basis_ru="Бюро национальной статистики"))
    assert own.basis_label("kk") == "Бюро национальной статистики"
    assert own.name("kk") == side_from_code("KZ").name_kk
