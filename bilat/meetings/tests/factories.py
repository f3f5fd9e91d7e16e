"""Factory functions for meetings, protocols and paragraphs."""

import datetime

from bilat.directory.tests.factories import make_commission, make_sides
from bilat.meetings.models import Meeting, Protocol, ProtocolParagraph


def make_meeting(number: int = 21, held_on: datetime.date | None = None, **extra) -> Meeting:
    kz, uz = make_sides()
    body = extra.pop("body", None) or make_commission(kz, uz)
    meeting, _ = Meeting.objects.get_or_create(
        body=body, number=number,
        defaults={"held_on": held_on or datetime.date(2024, 7, 12), "city": "Almaty",
                  "place_en": "Almaty", "place_ru": "Алматы", **extra},
    )
    return meeting


def make_paragraph(meeting: Meeting, number: str = "3.2", text: str = "Ensure it.") -> ProtocolParagraph:
    protocol, _ = Protocol.objects.get_or_create(
        meeting=meeting, defaults={"title_en": f"Protocol of meeting {meeting.number}"}
    )
    paragraph, _ = ProtocolParagraph.objects.get_or_create(
        protocol=protocol, number=number, defaults={"text_en": text, "text_ru": text}
    )
    return paragraph
