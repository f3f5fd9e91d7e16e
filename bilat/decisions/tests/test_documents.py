"""Documents people read: the formatted XLSX reports and the PDF control card."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from bilat.decisions.tests.factories import make_cast, make_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    cast = make_cast()
    make_decision("IGC21-50", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier="official")
    make_decision("IGC21-51", kz_lead=cast.kz_lead, access_tier="restricted")
    client = Client()
    client.force_login(cast.users["viewer"])
    return client, cast


def test_the_decision_report_is_formatted_for_people(reader):
    client, cast = reader
    answer = client.get("/decisions/report/")
    assert answer.status_code == 200 and answer["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet["A1"].value == "Decisions" and "1 decisions" in sheet["A2"].value
    headers = [c.value for c in sheet[4]]
    assert headers[:5] == ["Control number", "Title", "Meeting", "Sector", "Joint status"]
    assert "Lead, KZ" in headers and "Due on, UZ" in headers
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref.startswith("A4:")
    row = [c.value for c in sheet[5]]
    assert row[0] == "IGC21-50" and row[4] == "Not started"  # a label, not a code
    assert cast.kz_lead.name_en in row[headers.index("Lead, KZ")]
    assert client.get("/decisions/report/", {"sector": "nope"}).status_code == 400


def test_the_report_follows_the_readers_language(reader):
    client, _cast = reader
    client.cookies["django_language"] = "ru"
    sheet = load_workbook(io.BytesIO(client.get("/decisions/report/").content)).active
    assert sheet["A4"].value == "Контрольный номер"


def test_the_control_card_is_a_pdf_of_what_the_reader_may_see(reader):
    client, _cast = reader
    from bilat.decisions.models import Decision

    official = Decision.objects.get(control_number="IGC21-50")
    restricted = Decision.objects.get(control_number="IGC21-51")
    answer = client.get(f"/decisions/{official.pk}/card/")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    assert client.get(f"/decisions/{restricted.pk}/card/").status_code == 404


def test_the_implementation_report_comes_formatted_and_as_pdf(client):
    from bilat.meetings.tests.factories import make_meeting

    cast = make_cast()
    meeting = make_meeting()
    decision = make_decision("IGC21-60", kz_lead=cast.kz_lead, access_tier="public")
    decision.meeting = meeting
    decision.save()
    url = f"/decisions/sessions/{meeting.pk}/implementation/"
    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "report"}).content)).active
    assert sheet["A1"].value == "Implementation" and sheet["A5"].value == "IGC21-60"
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
