"""The joint-status rule, the overdue derivation and the decision queries."""

import datetime

import pytest
from django.utils import translation

from bilat.decisions.models import Decision, DecisionSide, joint_status_of
from bilat.decisions.tests.factories import make_cast, make_decision, side_of

S = DecisionSide.Status
J = Decision.JointStatus
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kz", "uz", "expected"),
    [
        (S.DONE, S.DONE, J.DONE),
        (S.NOT_STARTED, S.NOT_STARTED, J.NOT_STARTED),
        (S.REPORTED, S.REPORTED, J.REPORTED),
        (S.REPORTED, S.IN_PROGRESS, J.IN_PROGRESS),
        (S.RETURNED, S.RETURNED, J.IN_PROGRESS),
        (S.DONE, S.NOT_STARTED, J.IN_PROGRESS),
        (S.DONE, S.REPORTED, J.IN_PROGRESS),
        (S.NOT_STARTED, S.IN_PROGRESS, J.IN_PROGRESS),
        (S.DONE, S.NOT_DONE, J.NOT_DONE),
        (S.NOT_DONE, S.NOT_DONE, J.NOT_DONE),
        (S.NOT_DONE, S.IN_PROGRESS, J.IN_PROGRESS),
    ],
)
def test_the_joint_status_follows_the_documented_rule(kz, uz, expected):
    assert joint_status_of([kz, uz]) == expected


def test_a_decision_without_sides_is_not_started():
    assert joint_status_of([]) == J.NOT_STARTED


def test_the_joint_status_is_read_from_the_sides_of_the_decision():
    make_cast()
    decision = make_decision()
    DecisionSide.objects.filter(decision=decision).update(status=S.DONE)
    assert Decision.objects.get(pk=decision.pk).joint_status == J.DONE


FROZEN = datetime.date(2025, 1, 10)


@pytest.mark.parametrize(
    ("status", "due_on", "on_control", "overdue"),
    [
        (S.IN_PROGRESS, datetime.date(2025, 1, 9), True, True),
        (S.NOT_STARTED, datetime.date(2025, 1, 9), True, True),
        (S.RETURNED, datetime.date(2025, 1, 9), True, True),
        (S.IN_PROGRESS, datetime.date(2025, 1, 10), True, False),  # due today is not late yet
        (S.REPORTED, datetime.date(2025, 1, 9), True, False),  # waits for its secretariat
        (S.DONE, datetime.date(2025, 1, 9), True, False),
        (S.NOT_DONE, datetime.date(2025, 1, 9), True, False),
        (S.IN_PROGRESS, datetime.date(2025, 1, 9), False, False),  # removed from control
        (S.IN_PROGRESS, None, True, False),  # standing
    ],
)
def test_overdue_is_derived_from_the_due_date_the_status_and_today(status, due_on, on_control,
                                                                    overdue):
    make_cast()
    decision = make_decision(due_on=datetime.date(2024, 12, 31))
    DecisionSide.objects.filter(decision=decision).update(status=status, due_on=due_on)
    if not on_control:
        Decision.objects.filter(pk=decision.pk).update(control_state="removed")
    decision = Decision.objects.with_sides().get(pk=decision.pk)
    assert decision.is_overdue_on(FROZEN) is overdue
    assert (decision in Decision.objects.overdue(FROZEN)) is overdue


def test_only_the_late_side_is_overdue():
    make_cast()
    decision = make_decision()
    DecisionSide.objects.filter(decision=decision, side__code="KZ").update(
        due_on=datetime.date(2025, 2, 1)
    )
    decision = Decision.objects.with_sides().get(pk=decision.pk)
    kz, uz = decision.side_parts()
    assert not kz.is_overdue_on(FROZEN)
    assert uz.is_overdue_on(FROZEN)


def test_due_within_finds_sides_falling_due_soon():
    make_cast()
    soon = make_decision("A-1", due_on=datetime.date(2025, 1, 15))
    later = make_decision("A-2", due_on=datetime.date(2025, 3, 1))
    found = set(Decision.objects.due_within(7, FROZEN))
    assert soon in found and later not in found


def test_open_excludes_finished_and_removed_decisions():
    make_cast()
    open_one = make_decision("B-1")
    finished = make_decision("B-2")
    DecisionSide.objects.filter(decision=finished).update(status=S.DONE)
    removed = make_decision("B-3", control_state="removed")
    assert list(Decision.objects.open()) == [open_one]
    assert removed not in Decision.objects.open()


def test_side_counts_count_each_side_by_sector_and_status_with_the_overdue_among_them():
    from bilat.decisions.models import SideCount
    from bilat.directory.tests.factories import make_sector

    make_cast()
    water = make_sector("water")
    late = make_decision("C-1", sector=water, due_on=datetime.date(2025, 1, 9))
    make_decision("C-2", sector=water, due_on=datetime.date(2025, 2, 1))
    DecisionSide.objects.filter(decision=late, side__code="UZ").update(status=S.DONE)
    removed = make_decision("C-3", sector=water, due_on=datetime.date(2025, 1, 9),
                            control_state="removed")
    counts = Decision.objects.exclude(pk=removed.pk).side_counts(FROZEN)
    assert counts == [
        SideCount("KZ", "water", S.NOT_STARTED, 2, 1),
        SideCount("UZ", "water", S.DONE, 1, 0),
        SideCount("UZ", "water", S.NOT_STARTED, 1, 0),
    ]
    assert Decision.objects.filter(pk=removed.pk).side_counts(FROZEN) == [
        SideCount("KZ", "water", S.NOT_STARTED, 1, 0),  # removed from control: never late
        SideCount("UZ", "water", S.NOT_STARTED, 1, 0),
    ]


def test_for_side_and_responsible_organisations():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    side_of(decision, "KZ").co_executors.add(cast.kz_other)
    decision = Decision.objects.with_sides().get(pk=decision.pk)
    assert decision.responsible_org_ids(cast.kz.pk) == {cast.kz_lead.pk, cast.kz_other.pk}
    assert decision.responsible_org_ids(cast.uz.pk) == {cast.uz_lead.pk}
    assert list(Decision.objects.for_side(cast.kz)) == [decision]
    q = Decision.responsible_q(cast.kz_other.pk)
    assert list(Decision.objects.filter(q).distinct()) == [decision]


def test_the_lead_must_belong_to_the_side():
    from django.core.exceptions import ValidationError

    cast = make_cast()
    decision = make_decision()
    part = side_of(decision, "KZ")
    part.lead = cast.uz_lead
    with pytest.raises(ValidationError):
        part.full_clean()


def test_the_previous_meeting_is_the_one_before_of_the_same_body():
    from bilat.meetings.tests.factories import make_meeting

    m20 = make_meeting(20, datetime.date(2023, 6, 1))
    m21 = make_meeting(21)
    assert m21.previous() == m20
    assert m20.previous() is None


def test_the_joint_status_filter_applies_the_same_rule_as_the_property():
    from itertools import product

    from bilat.decisions.filters import joint_status_q

    make_cast()
    for i, (kz, uz) in enumerate(product(S.values, repeat=2)):
        decision = make_decision(f"J-{i:02d}")
        DecisionSide.objects.filter(decision=decision, side__code="KZ").update(status=kz)
        DecisionSide.objects.filter(decision=decision, side__code="UZ").update(status=uz)
    decisions = list(Decision.objects.with_sides())
    for status in J.values:
        by_filter = set(Decision.objects.filter(joint_status_q(status)))
        by_rule = {d for d in decisions if d.joint_status == status}
        assert by_filter == by_rule, status


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("п. 3.2", "para. 3.2"), ("p. 1", "para. 1"), ("3", "para. 3"), ("§ 12а", "para. 12а"),
     ("пп. 3.2", "пп. 3.2"), ("раздел II", "раздел II"), ("", "")],
)
def test_the_paragraph_reference_is_shown_in_the_readers_language(stored, shown):
    with translation.override("en"):
        assert Decision(paragraph_ref=stored).paragraph_label == shown
