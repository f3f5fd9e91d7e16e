"""The claims app: stored releases, the command, the pages and the API, by access tier."""

import io
import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.claims.models import Claim, Document
from bilat.claims.scoring import CORPUS
from bilat.claims.services import Upload, add_document, recheck_document
from bilat.core.changelog import verify_chain
from bilat.core.models import ChangeLogEntry
from bilat.directory.tests.factories import make_sides

pytestmark = pytest.mark.django_db

RELEASE = CORPUS / "igc21-en.txt"


@pytest.fixture
def users():
    kz, _uz = make_sides()
    return {
        "secretariat": make_user("sec", Role.SECRETARIAT, side=kz),
        "viewer": make_user("viewer"),
        "officer": make_user("officer", Role.OFFICER, side=kz),
    }


def _store(user, tier="public", **extra):
    upload = Upload(data=RELEASE.read_bytes(), name="igc21.txt", publisher="primeminister.kz",
                    address="https://primeminister.kz/en/news/igc21", access_tier=tier, **extra)
    return add_document(upload, actor=user, reason="the 21st session's release")


def test_a_secretariat_stores_a_release_with_its_checked_claims_in_the_log(users, with_warehouse):
    document = _store(users["secretariat"])
    assert document.published_on == date(2024, 7, 12)  # its dateline
    assert document.language == "en" and document.source_format == "text"
    assert document.claims.count() == 21
    flagged = document.claims.filter(verdict="inconsistent")
    assert {c.text for c in flagged} >= {"$4.5 billion", "57%"}
    entries = ChangeLogEntry.objects.filter(object_type="claims.document",
                                            object_id=str(document.pk))
    assert [e.action for e in entries.order_by("seq")] == ["create", "check"]
    assert len(entries.get(action="check").after["claims"]) == 21
    assert verify_chain().ok


def test_only_a_secretariat_adds_a_release(users):
    for who in ("viewer", "officer"):
        with pytest.raises(PermissionDenied):
            _store(users[who])
    assert not Document.objects.exists()


def test_a_file_that_cannot_be_read_changes_nothing(users):
    bad = Upload(data=b"%PDF-1.4 not really", name="x.pdf")
    with pytest.raises(ValidationError) as err:
        add_document(bad, actor=users["secretariat"])
    assert "could not be read as PDF" in str(err.value)
    undated = Upload(data=b"Trade reached $4.4 billion last year.", name="x.txt")
    with pytest.raises(ValidationError) as err:
        add_document(undated, actor=users["secretariat"])
    assert "published_on" in err.value.message_dict
    assert not Document.objects.exists()


def test_an_earlier_release_gives_the_drift(users, with_warehouse):
    earlier = Upload(data=b"Trade between Kazakhstan and Uzbekistan reached $4.4 billion in "
                     b"2023.\n", name="feb.txt", published_on=date(2024, 2, 9))
    add_document(earlier, actor=users["secretariat"])
    document = _store(users["secretariat"])
    high = document.claims.get(indicator="trade_turnover", value=4.5e9)
    [drift] = [f for f in high.findings if f["check"] == "earlier_release"]
    assert "+$100 M (+2.3 %)" in drift["explanation"]


def test_checking_again_replaces_the_verdicts_and_is_logged(users, with_warehouse):
    document = _store(users["secretariat"])
    before = list(document.claims.values_list("verdict", flat=True))
    recheck_document(document, actor=users["secretariat"])
    document.refresh_from_db()
    assert document.version == 2
    assert list(document.claims.values_list("verdict", flat=True)) == before
    with pytest.raises(PermissionDenied):
        recheck_document(document, actor=users["viewer"])


# ---- the command -----------------------------------------------------------------------------

def test_the_command_prints_each_claim_with_its_verdict_as_json(with_warehouse):
    out = io.StringIO()
    call_command("claims", "check", str(RELEASE), "--published", "2024-07-12", "--lang", "en",
                 "--json", stdout=out)
    claims = json.loads(out.getvalue())
    assert len(claims) == 21
    fields = {"indicator", "value", "unit", "period", "base_period", "qualifier", "countries",
              "text", "start", "end", "verdict", "explanation"}
    assert all(set(c) == fields for c in claims)
    text = RELEASE.read_text(encoding="utf-8")
    assert all(text[c["start"]:c["end"]] == c["text"] for c in claims)
    share = next(c for c in claims if c["indicator"] == "share_of_regional_trade_pct")
    assert share["verdict"] == "inconsistent"
    assert "Uzbekistan's share of Kazakhstan's trade with Central Asia" in share["explanation"]


def test_the_command_names_what_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.txt"):
        call_command("claims", "check", str(tmp_path / "missing.txt"), "--json")
    broken = tmp_path / "release.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(CommandError, match="release.docx: file: This file could not be read"):
        call_command("claims", "check", str(broken))
    with pytest.raises(CommandError, match="--published"):
        call_command("claims", "check", str(RELEASE), "--published", "12.07.2024")


def test_the_command_stores_a_release_as_a_user(users, with_warehouse):
    out = io.StringIO()
    call_command("claims", "add", str(RELEASE), "--as", "sec", "--publisher",
                 "primeminister.kz", stdout=out)
    assert "21 claims" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("claims", "add", str(RELEASE), "--as", "viewer")


# ---- the pages -------------------------------------------------------------------------------

def test_the_document_page_marks_each_claim_with_its_verdict(client, users, with_warehouse):
    document = _store(users["secretariat"])
    page = client.get(reverse("claims:document", args=[document.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    high = document.claims.get(indicator="trade_turnover", value=4.5e9)
    assert (f'<mark class="claim verdict-inconsistent" id="mention-{high.position}">'
            f'$4.5 billion<sup><a href="#claim-{high.position}"') in html
    assert html.count('<mark class="claim verdict-') == 21
    assert f'id="claim-{high.position}" class="verdict-inconsistent"' in html
    main = html.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    assert "<script" not in main and " on" + "click" not in main  # marks need no script
    assert "One claim with two values" in html


def test_a_restricted_release_is_only_for_those_who_see_every_tier(client, users, with_warehouse):
    document = _store(users["secretariat"], tier="restricted")
    url = reverse("claims:document", args=[document.pk])
    assert client.get(url).status_code == 404
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 404
    assert "$4.5 billion" not in client.get(reverse("claims:flagged")).content.decode()
    client.force_login(users["secretariat"])
    assert client.get(url).status_code == 200
    assert "$4.5 billion" in client.get(reverse("claims:flagged")).content.decode()


def test_the_flagged_list_filters_and_pages(client, users, with_warehouse):
    _store(users["secretariat"])
    page = client.get(reverse("claims:flagged"))
    assert page.status_code == 200
    assert {c.verdict for c in page.context["object_list"]} <= {"inconsistent",
                                                                "differs_by_reporter"}
    page = client.get(reverse("claims:flagged"), {"verdict": "consistent",
                                                  "indicator": "exports"})
    assert [c.text for c in page.context["object_list"]] == ["$2 billion", "$3.1 billion"]
    assert client.get(reverse("claims:flagged"), {"verdict": "wrong"}).status_code == 400
    assert client.get(reverse("claims:documents")).status_code == 200


def test_a_secretariat_adds_a_release_through_the_page(client, users, with_warehouse):
    client.force_login(users["viewer"])
    assert client.get(reverse("claims:create")).status_code == 403
    client.force_login(users["secretariat"])
    with RELEASE.open("rb") as fh:
        response = client.post(reverse("claims:create"), {"file": fh, "access_tier": "public",
                                                          "publisher": "primeminister.kz"})
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    response = client.post(reverse("claims:create"), {
        "file": io.BytesIO(b"no date, $4 billion"), "access_tier": "public"})
    assert response.status_code == 400 and Document.objects.count() == 1


# ---- the API -----------------------------------------------------------------------------

def _api(user=None):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def test_the_api_stores_a_release_for_a_secretariat_only(users, with_warehouse):
    body = {"text": RELEASE.read_text(encoding="utf-8"), "publisher": "primeminister.kz",
            "access_tier": "official"}
    assert _api().post("/api/v1/claim-documents/", body, format="json").status_code == 403
    assert _api(users["viewer"]).post("/api/v1/claim-documents/", body,
                                      format="json").status_code == 403
    response = _api(users["secretariat"]).post("/api/v1/claim-documents/", body, format="json")
    assert response.status_code == 201, response.content
    assert len(response.json()["claims"]) == 21
    both = _api(users["secretariat"]).post("/api/v1/claim-documents/", {
        **body, "file": None}, format="json")
    assert both.status_code == 400


@pytest.mark.parametrize("tier, anonymous, viewer, secretariat", [
    ("public", 1, 1, 1), ("official", 0, 1, 1), ("restricted", 0, 0, 1)])
def test_the_api_shows_releases_and_claims_by_tier(users, with_warehouse, tier, anonymous,
                                                    viewer, secretariat):
    document = _store(users["secretariat"], tier=tier)
    for who, expected in ((None, anonymous), (users["viewer"], viewer),
                          (users["secretariat"], secretariat)):
        api = _api(who)
        listed = api.get("/api/v1/claim-documents/").json()["results"]
        assert len(listed) == expected
        claims = api.get("/api/v1/claims/", {"verdict": "inconsistent"}).json()["results"]
        assert bool(claims) == bool(expected)
        assert all(c["document"] == document.pk for c in claims)
        detail = api.get(f"/api/v1/claim-documents/{document.pk}/")
        assert detail.status_code == (200 if expected else 404)


def test_the_api_checks_a_release_again(users, with_warehouse):
    document = _store(users["secretariat"])
    url = f"/api/v1/claim-documents/{document.pk}/recheck/"
    assert _api(users["viewer"]).post(url, {"version": 1}, format="json").status_code == 403
    assert _api(users["secretariat"]).post(url, {}, format="json").status_code == 400
    response = _api(users["secretariat"]).post(url, {"version": 1}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    assert _api(users["secretariat"]).post(url, {"version": 1},
                                           format="json").status_code == 409
    assert Claim.objects.filter(document=document).count() == 21


def _word(text: str) -> bytes:
    import docx

    word = docx.Document()
    for line in text.splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_a_release_in_word_html_or_pdf_gives_the_same_claims(users, with_warehouse):
    import weasyprint
    from django.utils.html import escape

    text = RELEASE.read_text(encoding="utf-8")
    html = "<html><body><nav>Menu 2024</nav>" + "".join(
        f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip()) + "</body></html>"
    uploads = {
        "docx": Upload(data=_word(text), name="igc21.docx"),
        "html": Upload(data=html.encode(), name="igc21.html"),
        "pdf": Upload(data=weasyprint.HTML(string=html).write_pdf(), name="igc21.pdf"),
    }
    for kind, upload in uploads.items():
        document = add_document(upload, actor=users["secretariat"])
        assert document.source_format == kind
        assert document.published_on == date(2024, 7, 12)
        found = {(c.indicator, c.value, c.period) for c in document.claims.all()}
        assert len(found) == 21, kind
        assert all(document.text[c.start:c.end] == c.text for c in document.claims.all())
        assert document.claims.get(text="57%").verdict == "inconsistent"


def test_a_russian_release_is_checked_through_the_command(with_warehouse):
    expected = json.loads((CORPUS / "uz-kz-jan-apr-ru.json").read_text(encoding="utf-8"))
    release = str(CORPUS / "uz-kz-jan-apr-ru.txt")
    with pytest.raises(CommandError, match="published_on: The release gives no date"):
        call_command("claims", "check", release, "--json")
    out = io.StringIO()
    call_command("claims", "check", release, "--lang", "ru", "--published",
                 expected["published"], "--json", stdout=out)
    claims = json.loads(out.getvalue())
    assert {(c["indicator"], c["value"], c["period"]) for c in claims} == {
        (c["indicator"], c["value"], c["period"]) for c in expected["claims"]}
    assert all(c["verdict"] and c["explanation"] for c in claims)
