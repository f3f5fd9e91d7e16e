"""The checker's explanations in the reader's language: messages, pages, API and the pack."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.claims.messages import LANGUAGES, TEMPLATES, msg, render
from bilat.claims.scoring import CORPUS

RELEASE = CORPUS / "igc21-en.txt"


def _english_phrases() -> set[str]:
    """The checker's own English words: each template's text between its placeholders, of
    three words or more (short pieces such as "data" may appear in a source's name)."""
    out = set()
    for template in TEMPLATES.values():
        for piece in re.split(r"%\(\w+\)s", template):
            piece = piece.strip(" .,:;()[]")
            if len(piece.split()) >= 3:
                out.add(piece)
    return out


def _english_in(text: str) -> list[str]:
    return sorted(p for p in _english_phrases() if p in text)


def test_every_message_is_worded_in_every_catalogued_language():
    from babel.messages.pofile import read_po

    locale = Path(__file__).resolve().parent.parent / "locale"
    for lang in LANGUAGES[1:]:
        po = locale / lang / "LC_MESSAGES" / "django.po"
        with po.open("rb") as f:
            catalog = read_po(f)
        worded = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
        assert [t for t in TEMPLATES.values() if t not in worded] == [], lang


def test_a_figure_is_worded_per_language_rounding_half_up():
    message = msg("data.consistent", value={"n": 4.45e9, "unit": "USD"}, listed="x")
    assert render(message) == "$4.45 bn stated; the data: x."
    russian = render(message, "ru")
    assert "4,45 млрд долл. США" in russian and "stated" not in russian
    assert render(msg("more_than", value="1"), "ru").startswith("более")


@pytest.mark.django_db
def test_the_russian_claim_page_and_api_explain_in_russian(client, with_warehouse):
    from bilat.accounts.models import Role
    from bilat.accounts.tests.factories import make_user
    from bilat.claims.services import Upload, add_document
    from bilat.directory.tests.factories import make_sides

    kz, _uz = make_sides()
    secretariat = make_user("sec", Role.SECRETARIAT, side=kz)
    document = add_document(Upload(data=RELEASE.read_bytes(), name="igc21.txt"),
                            actor=secretariat, reason="test")
    high = document.claims.get(indicator="trade_turnover", value=4.5e9)
    assert high.explanation.startswith("[in the release: inconsistent] One claim with two values")

    client.cookies["django_language"] = "ru"
    html = client.get(reverse("claims:document", args=[document.pk])).content.decode()
    assert "Одно утверждение с двумя значениями" in html
    assert _english_in(html) == []
    flagged = client.get(reverse("claims:flagged")).content.decode()
    assert "Одно утверждение с двумя значениями" in flagged and _english_in(flagged) == []

    api = APIClient()
    api.cookies["django_language"] = "ru"
    data = api.get(f"/api/v1/claims/{high.pk}/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert data["explanation"].startswith("[в сообщении: не согласуется]")
    english = APIClient().get(f"/api/v1/claims/{high.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["explanation"] == high.explanation


@pytest.mark.slow
@pytest.mark.django_db
def test_the_russian_pack_of_the_21st_session_has_its_data_notes_in_russian(settings, tmp_path):
    from bilat.briefings import services
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
    try:
        snapshot = services.snapshot_for(Meeting.objects.get(number=21), actor=None)
        en = services.produce_briefing(snapshot, lang="en", fmt="md").decode("utf-8")
        ru = services.produce_briefing(snapshot, lang="ru", fmt="md").decode("utf-8")
        kk = services.produce_briefing(snapshot, lang="kk", fmt="md").decode("utf-8")
    finally:
        forget_readers()
    en_notes = en.split("## Data notes", 1)[1]
    assert "One claim with two values" in en_notes  # the checker's notes are in the pack
    ru_notes = "\n".join(line for line in ru.split("\n## ")[-1].splitlines()
                         if line.startswith("- "))
    assert "Одно утверждение с двумя значениями" in ru_notes
    assert "4,5 млрд долл. США" in ru_notes and "4,4 млрд долл. США" in ru_notes
    assert _english_in(ru_notes) == [], ru_notes
    kk_notes = "\n".join(line for line in kk.split("\n## ")[-1].splitlines()
                         if line.startswith("- "))
    assert "Бір мәлімдемеде екі мән" in kk_notes and _english_in(kk_notes) == [], kk_notes


@pytest.mark.django_db
def test_the_command_explains_in_english_unless_asked_otherwise(with_warehouse):
    import io
    import json

    from django.core.management import call_command

    def run(*extra):
        out = io.StringIO()
        call_command("claims", "check", str(RELEASE), "--json", *extra, stdout=out)
        return json.loads(out.getvalue())

    english, russian = run(), run("--explain-in", "ru")
    assert [c["verdict"] for c in english] == [c["verdict"] for c in russian]
    assert any("One claim with two values" in c["explanation"] for c in english)
    assert any("Одно утверждение с двумя значениями" in c["explanation"] for c in russian)
    assert not any(_english_in(c["explanation"]) for c in russian)
    for lang, words in (("kk", "Бір мәлімдемеде екі мән"), ("uz", "Bitta daʼvoda ikki qiymat")):
        worded = run("--explain-in", lang)
        assert any(words in c["explanation"] for c in worded), lang
        assert not any(_english_in(c["explanation"]) for c in worded), lang
