"""One history for every record: its own entries and its parts', collapsed, in the reader's words."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.changelog import describe_history, history_for
from bilat.directory.models import Person, Sector
from bilat.directory.tests.factories import make_sector, make_sides
from bilat.meetings import services
from bilat.meetings.models import Meeting
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("sec", Role.SECRETARIAT, side=make_sides()[0])


def _person(name: str) -> Person:
    return Person.objects.create(full_name_en=name, full_name_ru=name, side=make_sides()[0])


def _busy_meeting(secretariat):
    """A meeting whose parts were added, edited and removed: nested ones (a paragraph of its
    protocol) and one whose sector was removed from the directory since."""
    meeting = make_meeting()
    sector = make_sector("s-old", "Old sector")
    item = services.add_agenda_item(meeting, actor=secretariat, number=1, title_en="Trade",
                                    sector=sector)
    services.update_meeting_part(item, {"title_en": "Trade and transit"}, actor=secretariat,
                                 expected_version=item.version)
    row = services.record_attendance(meeting, actor=secretariat, person=_person("A. Person"),
                                     side=make_sides()[0])
    services.remove_meeting_part(row, actor=secretariat, expected_version=row.version)
    paragraph = services.add_meeting_paragraph(meeting, actor=secretariat, number="3.2",
                                               text_en="Ensure it.")
    services.update_meeting_part(paragraph, {"text_en": "Ensure it soon."}, actor=secretariat,
                                 expected_version=paragraph.version)
    return meeting, item, row, paragraph


def test_history_for_covers_the_record_and_its_parts_removed_and_nested_ones_too(secretariat):
    meeting, item, row, paragraph = _busy_meeting(secretariat)
    other = make_meeting(number=22)
    services.add_agenda_item(other, actor=secretariat, number=1, title_en="Elsewhere")

    found = {(e.object_type, e.object_id, e.action) for e in history_for(meeting)}

    assert ("meetings.agendaitem", str(item.pk), "update") in found
    assert ("meetings.attendance", str(row.pk), "delete") in found  # removed since
    assert ("meetings.protocolparagraph", str(paragraph.pk), "update") in found  # nested
    assert ("meetings.protocol", str(paragraph.protocol_id), "create") in found
    assert not any(e.object_id == str(other.pk) or "Elsewhere" in e.object_repr
                   for e in history_for(meeting))
    assert [e.seq for e in history_for(meeting)] == sorted(
        (e.seq for e in history_for(meeting)), reverse=True)


def test_the_page_shows_the_latest_three_entries_and_the_rest_behind_show_all(client,
                                                                             secretariat):
    meeting, *_ = _busy_meeting(secretariat)
    total = history_for(meeting).count()
    client.force_login(secretariat)
    url = reverse("meetings:detail", args=[meeting.pk])
    page = client.get(url).text
    history = page[page.index('id="history"'):page.index("</section>", page.index('id="history"'))]

    assert history.count("<tr><td>") == 3 and "<details" not in history
    assert f'<a href="?history=all#history">Show all {total} changes</a>' in history
    everything = client.get(url, {"history": "all"}).text
    shown, rest = everything[everything.index('id="history"'):].split("<details", 1)
    assert shown.count("<tr><td>") == 3
    assert f"Show all {total} changes" in rest and rest.count("<tr><td>") == total - 3


def test_the_public_sees_when_and_what_but_not_who(client, secretariat):
    meeting, *_ = _busy_meeting(secretariat)
    url = reverse("meetings:detail", args=[meeting.pk]) + "?history=all"

    for reader in (None, make_user("reader", Role.VIEWER)):
        if reader:
            client.force_login(reader)
        history = client.get(url).text.split('id="history"')[1]
        assert "Trade and transit" in history and "sec" not in re.findall(r"<td>(\w+)</td>",
                                                                          history)
        assert ">Who<" not in history
    client.force_login(secretariat)
    history = client.get(url).text.split('id="history"')[1]
    assert ">Who<" in history and "<td>sec</td>" in history


def test_entries_name_parts_and_references_by_label_never_by_id(secretariat):
    meeting, item, row, paragraph = _busy_meeting(secretariat)
    item.refresh_from_db()
    services.update_meeting_part(item, {"sector": None}, actor=secretariat,
                                 expected_version=item.version)
    Sector.objects.filter(code="s-old").delete()

    rows = describe_history(history_for(meeting), record=meeting, user=secretariat)
    text = " ".join([r.what for r in rows]
                    + [f"{c.label} {c.old} {c.new}" for r in rows for c in r.changes])

    assert not re.search(r"#\d", text)
    assert "Attendance: A. Person" in text  # a removed part, named as the log knew it
    assert "Protocol paragraph: " in text
    assert "(a removed sector)" in text  # a removed reference, not its id
    assert "Meeting" not in [c.label for r in rows for c in r.changes]  # the parent key


def test_field_names_actions_and_kinds_are_in_the_readers_language(secretariat):
    meeting, *_ = _busy_meeting(secretariat)

    with translation.override("ru"):
        rows = describe_history(history_for(meeting), record=meeting, user=secretariat)
        labels = {c.label for r in rows for c in r.changes}
        actions = {r.action for r in rows}
        kinds = {r.what.split(":")[0] for r in rows}

    assert "изменено" in actions and "удалено" in actions
    assert "Пункт повестки" in kinds or "Пункт повестки дня" in kinds
    assert not {"Title en", "Text en", "Version"} & labels


def test_a_field_kept_in_one_language_says_so_in_the_history(secretariat):
    # A meeting's city is its English name (the place is kept in English and Russian).
    body = make_meeting().body
    meeting = services.create_meeting(
        Meeting(body=body, number=98, held_on=datetime.date(2024, 11, 15), city="Bishkek",
                place_en="Bishkek", place_ru="Бишкек"), actor=secretariat)
    with translation.override("ru"):
        rows = describe_history(history_for(meeting), record=meeting, user=secretariat)
    languages = {c.name: c.language for row in rows for c in row.changes}
    assert languages["city"] == "en" and languages["place_en"] == "en"
    assert languages["place_ru"] == "ru" and languages["held_on"] == ""
