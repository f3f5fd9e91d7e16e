"""The signed protocol's scan: attached by a secretariat, checked by content, seen by tier."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import client_of, make_user
from bilat.core.changelog import verify_chain
from bilat.directory.tests.factories import make_sides
from bilat.meetings.models import Protocol, ProtocolScan
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db



@pytest.fixture
def meeting():
    kz, _uz = make_sides()
    meeting = make_meeting()
    Protocol.objects.create(meeting=meeting, title_en="Protocol of the 21st session",
                            access_tier="official")
    return meeting, make_user("sec", Role.SECRETARIAT, side=kz), make_user("viewer")


def pdf(name="protocol.pdf", body=b"%PDF-1.7\n% signed\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_a_secretariat_attaches_the_scan_and_a_viewer_reads_it(meeting):
    meeting, secretariat, viewer = meeting
    answer = client_of(secretariat).post(f"/meetings/{meeting.pk}/protocol/scan/",
                                         {"scan": pdf()})
    assert answer.status_code == 302
    scan = ProtocolScan.objects.get()
    page = client_of(viewer).get(meeting.get_absolute_url()).content.decode()
    assert f'href="/meetings/scans/{scan.pk}/"' in page
    download = client_of(viewer).get(f"/meetings/scans/{scan.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_of(None).get(f"/meetings/scans/{scan.pk}/").status_code == 404  # official
    assert verify_chain().ok


def test_a_file_that_is_not_what_it_says_is_refused(meeting):
    meeting, secretariat, viewer = meeting
    fake = client_of(secretariat).post(f"/meetings/{meeting.pk}/protocol/scan/",
                                       {"scan": pdf(body=b"MZ\x90\x00 not a pdf")})
    assert fake.status_code == 400 and "does not look like a PDF" in fake.content.decode()
    exe = client_of(secretariat).post(f"/meetings/{meeting.pk}/protocol/scan/",
                                      {"scan": pdf(name="protocol.docx", body=b"PK\x03\x04")})
    assert exe.status_code == 400
    assert client_of(viewer).post(f"/meetings/{meeting.pk}/protocol/scan/",
                                  {"scan": pdf()}).status_code == 403
    assert ProtocolScan.objects.count() == 0
