"""Load the 20th and 21st meetings: agenda, attendance, the signed protocol and its paragraphs."""

from __future__ import annotations

from bilat.meetings.models import AgendaItem, Attendance, Meeting, ProtocolParagraph
from bilat.meetings.services import (
    add_agenda_item,
    add_protocol_paragraph,
    create_meeting,
    record_attendance,
    save_protocol,
    update_meeting,
)

from ..data import meetings as data
from .common import DemoRun, ensure


def load(run: DemoRun) -> None:
    """Both meetings of the commission, through the meetings services."""
    actor = run.actor
    body = run.bodies["igc"]
    for number, spec in data.MEETINGS.items():
        values = {k: spec[k] for k in ("held_on", "place_en", "place_ru", "city", "provenance",
                                       "access_tier")}
        co_chairs = [run.people[key] for key in spec["co_chairs"]]
        meeting = Meeting.objects.filter(body=body, number=number).first()
        if meeting is None:
            meeting = create_meeting(Meeting(body=body, number=number, **values), actor=actor,
                                     co_chairs=co_chairs)
        else:
            meeting = update_meeting(meeting, values, actor=actor, expected_version=None,
                                     co_chairs=co_chairs)
        run.meetings[number] = meeting

    for number, item, sector, title_en, title_ru in data.AGENDA:
        meeting = run.meetings[number]
        values = {"title_en": title_en, "title_ru": title_ru,
                  "sector": run.sectors[sector] if sector else None}
        ensure(AgendaItem, {"meeting": meeting, "number": item}, values, actor=actor,
               create=lambda m=meeting, n=item, v=values: add_agenda_item(
                   m, actor=actor, number=n, **v))

    for number, person, side, role_en, role_ru in data.ATTENDANCE:
        meeting, person = run.meetings[number], run.people[person]
        values = {"side": run.sides[side], "role_en": role_en, "role_ru": role_ru}
        ensure(Attendance, {"meeting": meeting, "person": person}, values, actor=actor,
               create=lambda m=meeting, p=person, v=values: record_attendance(
                   m, actor=actor, person=p, **v))

    paragraphs = 0
    for number, values in data.PROTOCOLS.items():
        protocol = save_protocol(run.meetings[number], dict(values), actor=actor,
                                 expected_version=None)
        for spec in data.DECISIONS:
            if spec["meeting"] != number or not spec["paragraph"]:
                continue
            texts = {"text_en": spec["text_en"], "text_ru": spec["text_ru"],
                     "order": int(spec["paragraph"])}
            run.paragraphs[spec["control_number"]] = ensure(
                ProtocolParagraph, {"protocol": protocol, "number": spec["paragraph"]}, texts,
                actor=actor,
                create=lambda p=protocol, n=spec["paragraph"], t=texts: add_protocol_paragraph(
                    p, actor=actor, number=n, **t),
            )
            paragraphs += 1
    run.note(f"{len(run.meetings)} meetings, {len(data.AGENDA)} agenda items, "
             f"{len(data.ATTENDANCE)} attendances, {paragraphs} protocol paragraphs")
