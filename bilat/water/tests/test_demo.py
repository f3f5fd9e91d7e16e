"""The water demo: the Dostyk canal's season against 922 Mm³, its events, its bulletin."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from bilat.core.changelog import verify_chain
from bilat.water import allocation, bulletin
from bilat.water.models import Alert, Reading, SeasonLimit
from bilat.water.periods import Dekada

pytestmark = pytest.mark.django_db


def test_the_demo_season_of_the_dostyk_canal_is_near_its_922_mm3_limit(demo):
    limit = SeasonLimit.objects.get(site__code="dostyk-head", year=2024)
    use = allocation.season_use(limit)
    assert float(limit.limit_mm3) == 922
    assert use.planned_mm3 == pytest.approx(922)
    assert 900 < use.measured_mm3 < 960
    assert use.total.coverage == 1


def test_the_demo_has_its_outage_flush_correction_stuck_sensor_and_breach(demo):
    assert Reading.objects.filter(series__code="dostyk-head-q", needs_review=True).count() == 12
    breach = Alert.objects.get(limit__site__code="dostyk-head", level="breach")
    assert breach.period == "2024-07-2"
    july = allocation.dekada_line(breach.limit, Dekada.parse("2024-07-2"))
    assert july.status == "breach" and july.deviation_percent > 10
    states = bulletin.approvals("2024-07-2")
    assert states["KZ"]["state"] == "reopened"
    assert bulletin.approvals("2024-07-1")["KZ"]["state"] == "approved"
    from bilat.water.models import VolumeAggregate

    stuck = VolumeAggregate.objects.get(series__code="kokbulak-h", period="2024-08-1")
    assert stuck.suspect > 0
    assert verify_chain().ok


def test_the_russian_pdf_bulletin_has_the_plan_actual_and_deviation_of_the_dostyk_canal(
        demo, tmp_path):
    out = tmp_path / "bulletin.pdf"
    call_command("water", "bulletin", "--dekada", "2024-07-2", "--lang", "ru", "--format", "pdf",
                 "-o", str(out), stdout=io.StringIO())
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    line = allocation.dekada_line(SeasonLimit.objects.get(site__code="dostyk-head", year=2024),
                                  Dekada.parse("2024-07-2"))
    assert "Достык" in text and "Декадный бюллетень" in text
    for value in (line.planned_mm3, line.actual_mm3, line.deviation_mm3):
        assert f"{value:.2f}".replace(".", ",").replace("-", "−") in text or \
            f"{value:.2f}".replace(".", ",") in text


def test_the_xlsx_bulletin_opens(demo, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "bulletin.xlsx"
    call_command("water", "bulletin", "--dekada", "2024-07-2", "--format", "xlsx", "-o",
                 str(out), stdout=io.StringIO())
    sheet = load_workbook(out).active
    assert any("Dostyk" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_the_water_pages_answer_for_each_reader(demo, client):
    from django.contrib.auth import get_user_model

    for username in (None, "viewer", "uz-officer", "kz-secretariat"):
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        assert client.get("/water/").status_code == 200
        page = client.get("/water/sites/dostyk-head/?dekada=2024-06-1")
        assert page.status_code == 200
        bulletin_page = client.get("/water/bulletins/2024-07-2/")
        assert bulletin_page.status_code == (302 if username is None else 200)
    assert b"922" in client.get("/water/").content
    assert client.get("/water/bulletins/2024-07-2/download/?format=xlsx").status_code == 200
    assert client.get("/water/bulletins/2024-99-9/").status_code == 404


def test_the_dashboard_and_the_pack_show_the_season_use_against_922(demo, client):
    import datetime

    from django.contrib.auth import get_user_model

    from bilat.briefings.dashboard import build_dashboard

    viewer = get_user_model().objects.get(username="viewer")
    d = build_dashboard(viewer, datetime.date(2025, 1, 15))
    card = next(c for c in d.water_cards if "Dostyk" in c.label)
    assert "922" in card.value
    assert "IGC21-09" in {x.control_number for x in d.water_decisions}
    client.force_login(viewer)
    assert "922" in client.get("/").content.decode()

    from bilat.briefings.figures import build_figures
    from bilat.briefings.pack import build_briefing
    from bilat.briefings.sources import gather

    figures = build_figures(gather(as_of=datetime.date(2025, 1, 15)))
    for lang, caption in (("en", "Season use"), ("ru", "Использование лимита")):
        pack = build_briefing(figures, lang=lang, as_of=datetime.date(2025, 1, 15),
                              content_hash="0" * 64)
        water = next(s for s in pack.sections if s.key == "water")
        table = next(t for t in water.tables if caption in t.caption)
        assert table.rows[0][2] == "922"
