"""The briefing of the 21st session, reproduced from the demo data."""

import io
import subprocess
import zipfile

import pytest

from bilat.briefings import services
from bilat.briefings.document import MARK
from bilat.briefings.models import Snapshot
from bilat.core.tests.tools import require_tool

pytestmark = pytest.mark.slow

RELEASE_FIGURES_EN = [
    "69 projects", "$3.1 billion", "14.7 thousand jobs", "12 joint projects",
    "$217 million", "4.5 thousand jobs", "3 investment projects", "$178 million",
    "$4.4 billion", "in 2023", "29.5 %", "from $2.0 billion to $3.1 billion", "56.9 %",
    "$1.3 billion", "9.1 %", "more than $1.2 billion", "January–April 2024", "$10 billion",
    "500 thousand tonnes", "100 hectares", "Darbaza–Maktaaral", "Almaty ring road",
    "Dostyk station",
]
RELEASE_FIGURES_RU = [
    "69 проектов", "3,1 млрд долл. США", "14,7 тыс.", "217 млн долл. США", "4,5 тыс.",
    "178 млн долл. США", "4,4 млрд долл. США", "29,5 %", "с 2,0 млрд долл. США до 3,1 млрд",
    "56,9 %", "1,3 млрд долл. США", "9,1 %", "более 1,2 млрд долл. США", "10 млрд долл. США",
    "500 тыс. тонн", "100 га",
]


@pytest.fixture
def meeting21(db, settings, tmp_path):
    from bilat.demo.tests.replay import load_or_replay_demo
    from bilat.meetings.models import Meeting
    from bilat.trade.demo import DEMO_DIR, NATIONAL_FILES
    from bilat.trade.loaders import load
    from bilat.trade.warehouse import forget_readers

    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    load_or_replay_demo()
    load("national", [DEMO_DIR / name for name in NATIONAL_FILES],
         warehouse=settings.TRADE_WAREHOUSE, progress=lambda _m: None)
    forget_readers()
    yield Meeting.objects.get(number=21)
    forget_readers()


def test_the_pack_of_the_21st_session_carries_every_figure_of_the_release(meeting21):
    snapshot = services.snapshot_for(meeting21, actor=None)
    # The release's portfolio figures are computed from illustrative records: marked † (MARK).
    md = services.produce_briefing(snapshot, lang="en", fmt="md").decode("utf-8").replace(
        MARK, "")
    assert [f for f in RELEASE_FIGURES_EN if f not in md] == []
    notes = md.split("## Data notes", 1)[1]
    assert "$4.5 billion" in notes and "$4.4 billion" in notes
    assert "share of Kazakhstan's trade with Central Asia" in notes
    ru = services.produce_briefing(snapshot, lang="ru", fmt="md").decode("utf-8").replace(
        MARK, "")
    assert [f for f in RELEASE_FIGURES_RU if f not in ru] == []


def _editor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("pack-editor")


def test_a_snapshot_gives_the_same_pack_byte_for_byte_after_the_records_change(meeting21):
    from bilat.projects.models import Project
    from bilat.projects.services import update_project

    snapshot = services.snapshot_for(meeting21, actor=None)
    first = services.produce_briefing(snapshot, lang="en", fmt="md")
    assert services.snapshot_for(meeting21, actor=None).pk == snapshot.pk  # nothing moved: reused
    taraz = Project.objects.get(code="IC-TARAZ")
    update_project(taraz, {"capacity_value": 600000}, actor=_editor(),
                   expected_version=taraz.version)
    again = services.produce_briefing(Snapshot.objects.get(pk=snapshot.pk), lang="en", fmt="md")
    assert again == first
    newer = services.snapshot_for(meeting21, actor=None)
    assert newer.pk != snapshot.pk
    moved = {m.key for m in services.compare_snapshots(snapshot, newer)}
    assert "project.taraz.capacity" in moved


def test_asking_for_the_pack_again_recomputes_only_what_a_write_moved(meeting21, monkeypatch):
    """A snapshot's inputs are computed once per state of the areas they read: after a write
    to a decision the decisions are counted again and the rest (the release's claims checked
    against the data, the portfolio, water) is reused; the figures are those computed afresh."""
    from django.core.cache import cache

    from bilat.briefings import sources
    from bilat.decisions.models import Decision
    from bilat.decisions.services import update_decision

    calls = {"decisions": 0, "release": 0}
    for name, counted in (("decisions", "decisions"), ("release_figures", "release")):
        real = getattr(sources, name)
        monkeypatch.setattr(sources, name, lambda *a, _real=real, _c=counted, **k: (
            calls.__setitem__(_c, calls[_c] + 1), _real(*a, **k))[1])

    first = services.snapshot_for(meeting21, actor=None)
    assert services.snapshot_for(meeting21, actor=None).pk == first.pk
    assert calls == {"decisions": 1, "release": 1}

    decision = Decision.objects.filter(meeting__number=20).first()
    update_decision(decision, {"title_en": decision.title_en + " (amended)"}, actor=_editor(),
                    expected_version=decision.version)
    again = services.snapshot_for(meeting21, actor=None)
    assert calls == {"decisions": 2, "release": 1}
    cache.clear()
    fresh = services.figures_as_of(meeting21.held_on, meeting=meeting21)
    assert services.content_hash(meeting21.held_on, meeting21.pk, fresh) == again.content_hash


def test_word_and_pdf_packs_open_and_contain_the_figures(meeting21, tmp_path):
    snapshot = services.snapshot_for(meeting21, actor=None)
    docx = services.produce_briefing(snapshot, lang="ru", fmt="docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    xml = xml.replace(MARK, "")  # illustrative figures are marked
    assert "3,1 млрд долл. США" in xml and "500 тыс. тонн" in xml
    pdf = services.produce_briefing(snapshot, lang="en", fmt="pdf")
    assert pdf.startswith(b"%PDF")
    pdftotext = require_tool("pdftotext", "poppler-utils: apt-get install poppler-utils")
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.replace(MARK, "")
    for figure in ("69 projects", "$217 million", "$178 million", "more than $1.2 billion"):
        assert figure in text


def test_the_pack_and_the_dashboard_count_carried_over_decisions_as_the_decisions_pages_do(
        meeting21, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bilat.decisions.carryover import carried_over

    snapshot = services.snapshot_for(meeting21, actor=None)
    figure = snapshot.figures.get(key="decisions.carried_over")
    assert int(figure.value) == carried_over(meeting21, unrestricted=True).count() > 0
    secretariat = get_user_model().objects.get(username="kz-secretariat")
    client.force_login(secretariat)
    html = client.get(reverse("work:overview")).content.decode()
    seen = carried_over(meeting21, user=secretariat).count()
    implementation = reverse("decisions:implementation", args=[meeting21.pk])
    assert f'Carried over to meeting 21: <a href="{implementation}">{seen}</a>' in html


def test_the_dashboard_counts_link_to_decision_lists_that_show_the_same_number(
        meeting21, client):
    import html
    import re
    from urllib.parse import urlsplit

    from django.contrib.auth import get_user_model
    from django.http import QueryDict
    from django.urls import reverse

    from bilat.accounts.policy import visible
    from bilat.decisions.filters import DecisionFilterSet
    from bilat.decisions.models import Decision

    officer = get_user_model().objects.get(username="kz-officer")
    client.force_login(officer)
    page = client.get(reverse("work:overview")).content.decode()
    base = reverse("decisions:list")
    links = re.findall(r'<a href="(' + re.escape(base) + r'\?[^"]+)">(?:(\d+)</a>|(\d+) decisions? '
                       r'overdue)', page)
    assert any("overdue=true" in href and "sector" not in href for href, _n, _m in links)
    assert any("sector=" in href for href, _n, _m in links)
    for href, shown, overdue_shown in links:
        query = QueryDict(urlsplit(html.unescape(href)).query)
        filtered = DecisionFilterSet(query, queryset=visible(officer, Decision.objects.all()))
        assert filtered.is_valid(), (href, filtered.errors)
        assert filtered.qs.count() == int(shown or overdue_shown), href
