"""Writes to the meetings registry: each checks the access policy and records the change log."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from bilat.accounts.policy import Action, require
from bilat.core.services import (
    add_part,
    bump_version,
    create_record,
    remove_part,
    update_part,
    update_record,
)

from .models import AgendaItem, Attendance, Meeting, Protocol, ProtocolParagraph


@transaction.atomic
def create_meeting(meeting: Meeting, *, actor: User, co_chairs=(), reason: str = "") -> Meeting:
    """Register a session of a commission body."""
    require(actor, Action.ADD)
    return create_record(meeting, actor=actor, reason=reason, m2m={"co_chairs": list(co_chairs)})


@transaction.atomic
def update_meeting(
    meeting: Meeting, changes: dict, *, actor: User, expected_version: int | None, co_chairs=None,
    reason: str = "",
) -> Meeting:
    """Edit a session's details, refusing a save made from a stale copy."""
    require(actor, Action.CHANGE, meeting)
    m2m = {"co_chairs": list(co_chairs)} if co_chairs is not None else None
    return update_record(
        meeting, changes, actor=actor, expected_version=expected_version, reason=reason, m2m=m2m
    )


@transaction.atomic
def add_agenda_item(meeting: Meeting, *, actor: User, number: int, title_en: str = "",
                    title_ru: str = "", sector=None, reason: str = "") -> AgendaItem:
    """Put an item on a meeting's agenda."""
    require(actor, Action.CHANGE, meeting)
    item = AgendaItem(meeting=meeting, number=number, title_en=title_en, title_ru=title_ru,
                      sector=sector)
    return add_part(meeting, item, actor=actor, reason=reason)


@transaction.atomic
def record_attendance(meeting: Meeting, *, actor: User, person, side, role_en: str = "",
                      role_ru: str = "", reason: str = "") -> Attendance:
    """Record that a person attended a meeting for a side."""
    require(actor, Action.CHANGE, meeting)
    row = Attendance(meeting=meeting, person=person, side=side, role_en=role_en, role_ru=role_ru)
    return add_part(meeting, row, actor=actor, reason=reason)


def meeting_of(part: AgendaItem | Attendance | ProtocolParagraph) -> Meeting:
    """The meeting an agenda item, an attendance or a protocol paragraph belongs to."""
    return part.protocol.meeting if isinstance(part, ProtocolParagraph) else part.meeting


@transaction.atomic
def update_meeting_part(part: AgendaItem | Attendance | ProtocolParagraph, changes: dict, *,
                        actor: User, expected_version: int | None, reason: str = ""):
    """Correct an agenda item, an attendance or a protocol paragraph (secretariat)."""
    meeting = meeting_of(part)
    require(actor, Action.CHANGE, meeting)
    return update_part(part, changes, parent=meeting, actor=actor,
                       expected_version=expected_version, reason=reason)


@transaction.atomic
def remove_meeting_part(part: AgendaItem | Attendance | ProtocolParagraph, *, actor: User,
                        expected_version: int | None, reason: str = "") -> None:
    """Take an agenda item, an attendance or a protocol paragraph off a meeting (secretariat)."""
    meeting = meeting_of(part)
    require(actor, Action.CHANGE, meeting)
    remove_part(part, parent=meeting, actor=actor, expected_version=expected_version,
                reason=reason)


@transaction.atomic
def save_protocol(meeting: Meeting, values: dict, *, actor: User,
                  expected_version: int | None = None, reason: str = "") -> Protocol:
    """Register a meeting's signed protocol, or edit it (with the version check)."""
    require(actor, Action.CHANGE, meeting)
    existing = Protocol.objects.filter(meeting=meeting).first()
    if existing is None:
        protocol = create_record(Protocol(meeting=meeting, **values), actor=actor, reason=reason)
        bump_version(meeting)
        return protocol
    return update_record(
        existing, values, actor=actor, expected_version=expected_version, reason=reason
    )


@transaction.atomic
def add_protocol_paragraph(protocol: Protocol, *, actor: User, number: str, text_en: str = "",
                           text_ru: str = "", order: int | None = None,
                           reason: str = "") -> ProtocolParagraph:
    """Add a numbered paragraph to a protocol."""
    if order is None:
        order = protocol.paragraphs.count() + 1
    paragraph = ProtocolParagraph(protocol=protocol, number=number, text_en=text_en,
                                  text_ru=text_ru, order=order)
    require(actor, Action.CHANGE, protocol.meeting)
    part = add_part(protocol.meeting, paragraph, actor=actor, reason=reason)
    bump_version(protocol)
    return part


@transaction.atomic
def add_meeting_paragraph(meeting: Meeting, *, actor: User, number: str, text_en: str = "",
                          text_ru: str = "", reason: str = "") -> ProtocolParagraph:
    """Add a paragraph to a meeting's protocol, registering the protocol first if there is none."""
    protocol = Protocol.objects.filter(meeting=meeting).first()
    if protocol is None:
        protocol = save_protocol(meeting, {}, actor=actor, reason=reason)
    return add_protocol_paragraph(protocol, actor=actor, number=number, text_en=text_en,
                                  text_ru=text_ru, reason=reason)
