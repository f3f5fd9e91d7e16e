"""Decision services: who may do what, which transitions are allowed, and what gets logged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bilat.accounts.policy import visible
from bilat.core.models import ChangeLogEntry
from bilat.core.services import StaleVersionError
from bilat.decisions import services
from bilat.decisions.models import (
    DeadlineExtension,
    Decision,
    DecisionSide,
    ExecutionReport,
    Notification,
)
from bilat.decisions.tests.factories import make_cast, make_decision, make_report, side_of
from bilat.directory.tests.factories import make_sector

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "viewer", "officer_kz_lead", "officer_kz_other", "officer_uz",
         "secretariat_kz", "secretariat_uz", "superuser"]


def _anon():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def setup_case():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    return cast, decision


def user_for(cast, role):
    return cast.users[role] or _anon()


# role → may see a decision of tier (public, official, restricted)
VIEW_TABLE = {
    "anonymous": (True, False, False),
    "viewer": (True, True, False),
    "officer_kz_lead": (True, True, True),
    "officer_kz_other": (True, True, False),
    "officer_uz": (True, True, True),
    "secretariat_kz": (True, True, True),
    "secretariat_uz": (True, True, True),
    "superuser": (True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tier_index, tier", [(0, "public"), (1, "official"), (2, "restricted")])
def test_who_sees_a_decision_depends_on_its_tier(role, tier_index, tier):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier=tier)
    seen = decision in visible(user_for(cast, role), Decision.objects.all())
    assert seen is VIEW_TABLE[role][tier_index]


def _adopt(cast, decision, user):
    return services.adopt_decision(
        Decision(control_number="NEW-1", title_en="New", issued_on=datetime.date(2024, 7, 12),
                 due_on=datetime.date(2024, 12, 31), sector=make_sector()),
        actor=user,
    )


def _edit(cast, decision, user):
    return services.update_decision(decision, {"title_en": "Changed"}, actor=user,
                                    expected_version=decision.version)


def _status(code):
    def act(cast, decision, user):
        return services.set_side_status(side_of(decision, code), "in_progress", actor=user)
    return act


def _report(code):
    def act(cast, decision, user):
        return services.submit_report(side_of(decision, code), actor=user,
                                      as_of=datetime.date(2024, 9, 1), text="Done.")
    return act


def _verify(code, verb):
    def act(cast, decision, user):
        report = make_report(side_of(decision, code), cast.users["reporter"])
        if verb == "accept":
            return services.accept_report(report, actor=user)
        return services.return_report(report, actor=user, reason="Attach the act.")
    return act


def _remove(cast, decision, user):
    return services.remove_from_control(decision, actor=user, removed_on=datetime.date(2024, 9, 1),
                                        basis="Protocol of the 22nd meeting, p. 1")


ACTIONS = {
    "create": _adopt,
    "edit": _edit,
    "status_kz": _status("KZ"),
    "status_uz": _status("UZ"),
    "report_kz": _report("KZ"),
    "report_uz": _report("UZ"),
    "accept_kz": _verify("KZ", "accept"),
    "accept_uz": _verify("UZ", "accept"),
    "return_kz": _verify("KZ", "return"),
    "return_uz": _verify("UZ", "return"),
    "remove": _remove,
}

# Which roles may do each action to an official-tier decision led by kz_lead and uz_lead.
ALLOWED = {
    "create": {"secretariat_kz", "secretariat_uz", "superuser"},
    "edit": {"secretariat_kz", "secretariat_uz", "superuser"},
    "status_kz": {"officer_kz_lead", "secretariat_kz", "superuser"},
    "status_uz": {"officer_uz", "secretariat_uz", "superuser"},
    "report_kz": {"officer_kz_lead", "secretariat_kz", "superuser"},
    "report_uz": {"officer_uz", "secretariat_uz", "superuser"},
    "accept_kz": {"secretariat_kz", "superuser"},
    "accept_uz": {"secretariat_uz", "superuser"},
    "return_kz": {"secretariat_kz", "superuser"},
    "return_uz": {"secretariat_uz", "superuser"},
    "remove": {"secretariat_kz", "secretariat_uz", "superuser"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_services_follow_the_permission_matrix(role, action):
    cast, decision = setup_case()
    user = user_for(cast, role)
    log_before = ChangeLogEntry.objects.count()
    if role in ALLOWED[action]:
        ACTIONS[action](cast, decision, user)
        assert ChangeLogEntry.objects.count() > log_before
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](cast, decision, user)
        assert ChangeLogEntry.objects.count() == log_before


def test_adopting_a_decision_gives_each_side_a_part_due_on_its_own_calendar():
    cast, _ = setup_case()
    decision = services.adopt_decision(
        Decision(control_number="IGC21-4.1", title_en="Build", issued_on=datetime.date(2024, 7, 12),
                 due_on=datetime.date(2024, 10, 1)),
        actor=cast.users["secretariat_kz"],
        parts=[{"side": cast.kz, "lead": cast.kz_lead, "co_executors": [cast.kz_other]},
               {"side": cast.uz, "lead": cast.uz_lead}],
    )
    parts = decision.side_parts()
    assert [p.side.code for p in parts] == ["KZ", "UZ"]
    # 1 October is Teachers' Day in Uzbekistan: its part falls due the working day before.
    assert [p.due_on for p in parts] == [datetime.date(2024, 10, 1), datetime.date(2024, 9, 30)]
    assert set(ChangeLogEntry.objects.values_list("object_type", flat=True)) == {
        "decisions.decision", "decisions.decisionside"}


def test_a_lead_from_the_other_side_is_refused_and_nothing_is_written():
    cast, _ = setup_case()
    count = Decision.objects.count()
    with pytest.raises(ValidationError) as err:
        services.adopt_decision(
            Decision(control_number="X-1", title_en="X", issued_on=datetime.date(2024, 7, 12),
                     due_on=datetime.date(2024, 10, 1)),
            actor=cast.users["secretariat_kz"], parts=[{"side": cast.kz, "lead": cast.uz_lead}],
        )
    assert "lead" in err.value.message_dict
    assert Decision.objects.count() == count


def test_a_stale_edit_is_refused_and_the_first_save_is_kept():
    cast, decision = setup_case()
    version = decision.version
    first = Decision.objects.get(pk=decision.pk)
    second = Decision.objects.get(pk=decision.pk)
    services.update_decision(first, {"title_en": "First"}, actor=cast.users["secretariat_kz"],
                             expected_version=version)
    with pytest.raises(StaleVersionError):
        services.update_decision(second, {"title_en": "Second"},
                                 actor=cast.users["secretariat_uz"], expected_version=version)
    assert Decision.objects.get(pk=decision.pk).title_en == "First"


def test_control_fields_cannot_be_edited_directly():
    cast, decision = setup_case()
    with pytest.raises(ValidationError) as err:
        services.update_decision(decision, {"control_state": "removed"},
                                 actor=cast.users["superuser"], expected_version=None)
    assert "control_state" in err.value.message_dict


def test_a_new_due_date_moves_sides_without_an_extension():
    cast, decision = setup_case()
    ext = services.request_extension(side_of(decision, "UZ"), actor=cast.users["officer_uz"],
                                     proposed_on=datetime.date(2025, 3, 3), reason="Winter.")
    services.approve_extension(ext, actor=cast.users["secretariat_uz"])
    decision.refresh_from_db()
    services.update_decision(decision, {"due_on": datetime.date(2025, 1, 31)},
                             actor=cast.users["secretariat_kz"], expected_version=decision.version)
    assert side_of(decision, "KZ").due_on == datetime.date(2025, 1, 31)
    assert side_of(decision, "UZ").due_on == datetime.date(2025, 3, 3)


def test_the_report_workflow_accept_makes_the_side_done():
    cast, decision = setup_case()
    part = side_of(decision, "KZ")
    evidence = SimpleUploadedFile("act.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    report = services.submit_report(part, actor=cast.users["officer_kz_lead"],
                                    as_of=datetime.date(2024, 9, 1), text="Signed.",
                                    files=[evidence])
    assert side_of(decision, "KZ").status == DecisionSide.Status.REPORTED
    assert report.evidence.get().original_name == "act.pdf"
    with pytest.raises(ValidationError):  # one report at a time
        services.submit_report(part, actor=cast.users["officer_kz_lead"],
                               as_of=datetime.date(2024, 9, 1), text="Again.")
    services.accept_report(report, actor=cast.users["secretariat_kz"], note="Confirmed.")
    report.refresh_from_db()
    assert report.verification == ExecutionReport.Verification.ACCEPTED
    assert report.verified_by == cast.users["secretariat_kz"]
    assert side_of(decision, "KZ").status == DecisionSide.Status.DONE
    with pytest.raises(ValidationError, match="already"):
        services.accept_report(report, actor=cast.users["secretariat_kz"])


def test_returning_a_report_needs_a_reason_and_notifies_the_submitter():
    cast, decision = setup_case()
    report = services.submit_report(side_of(decision, "UZ"), actor=cast.users["officer_uz"],
                                    as_of=datetime.date(2024, 9, 1), text="Working on it.")
    with pytest.raises(ValidationError) as err:
        services.return_report(report, actor=cast.users["secretariat_uz"], reason=" ")
    assert "return_reason" in err.value.message_dict
    services.return_report(report, actor=cast.users["secretariat_uz"], reason="No evidence.")
    assert side_of(decision, "UZ").status == DecisionSide.Status.RETURNED
    assert Notification.objects.get(user=cast.users["officer_uz"]).message.startswith("Your report")
    # the secretariat heard of the report when it arrived
    assert Notification.objects.filter(user=cast.users["secretariat_uz"]).count() == 1
    # after a return the side may report again
    services.submit_report(side_of(decision, "UZ"), actor=cast.users["officer_uz"],
                           as_of=datetime.date(2024, 9, 2), text="Now with the act.")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "ok"),
    [
        ("a.pdf", b"%PDF-1.7", "application/pdf", True),
        ("a.png", b"\x89PNG\r\n\x1a\n....", "image/png", True),
        ("a.jpg", b"\xff\xd8\xff\xe0", "image/jpeg", True),
        ("a.txt", "Акт подписан".encode(), "text/plain", True),
        ("a.docx", b"PK\x03\x04rest", "application/vnd.openxmlformats-officedocument."
                                       "wordprocessingml.document", True),
        ("a.exe", b"MZ", "application/octet-stream", False),
        ("a.pdf", b"MZ not a pdf", "application/pdf", False),
        ("a.txt", b"\x00\x01\x02", "text/plain", False),
    ],
)
def test_evidence_types_are_checked_by_extension_and_content(name, content, content_type, ok):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    if ok:
        services.check_evidence(upload)
    else:
        with pytest.raises(ValidationError):
            services.check_evidence(upload)


@pytest.mark.parametrize("name", [
    "a" * 300 + ".pdf",  # a name longer than the column
    "акт сверки " * 30 + ".pdf",  # within 255 characters of Django's uploads, over 255 bytes
])
def test_a_long_evidence_name_is_shortened_and_keeps_its_extension(name):
    from django.core.files.base import ContentFile

    cast, decision = setup_case()
    report = services.submit_report(
        side_of(decision, "KZ"), actor=cast.users["officer_kz_lead"],
        as_of=datetime.date(2024, 9, 1), text="Signed.",
        files=[ContentFile(b"%PDF-1.4 test", name=name)],
    )
    evidence = report.evidence.get()
    assert evidence.original_name.endswith(".pdf") and len(evidence.original_name) <= 255
    assert name.startswith(evidence.original_name[:-4])
    stored = evidence.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(".pdf") and len(stored.encode()) <= 255
    assert evidence.file.read() == b"%PDF-1.4 test"


def test_evidence_over_20_mb_is_refused(monkeypatch):
    monkeypatch.setattr(services, "EVIDENCE_MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="20 MB"):
        services.check_evidence(SimpleUploadedFile("a.pdf", b"%PDF-1.4 more than ten bytes"))


def test_a_bad_evidence_file_leaves_no_report():
    cast, decision = setup_case()
    with pytest.raises(ValidationError):
        services.submit_report(side_of(decision, "KZ"), actor=cast.users["secretariat_kz"],
                               as_of=datetime.date(2024, 9, 1), text="x",
                               files=[SimpleUploadedFile("virus.exe", b"MZ")])
    assert not ExecutionReport.objects.exists()
    assert side_of(decision, "KZ").status == DecisionSide.Status.NOT_STARTED


@pytest.mark.parametrize(
    ("start", "target", "ok"),
    [
        ("not_started", "in_progress", True),
        ("in_progress", "not_started", True),
        ("returned", "in_progress", True),
        ("in_progress", "not_done", True),
        ("done", "in_progress", True),
        ("in_progress", "in_progress", False),
        ("in_progress", "done", False),
        ("in_progress", "reported", False),
        ("reported", "in_progress", False),
    ],
)
def test_side_status_transitions_are_validated(start, target, ok):
    cast, decision = setup_case()
    DecisionSide.objects.filter(decision=decision, side__code="KZ").update(status=start)
    part = side_of(decision, "KZ")
    if ok:
        services.set_side_status(part, target, actor=cast.users["secretariat_kz"])
        assert side_of(decision, "KZ").status == target
    else:
        with pytest.raises(ValidationError):
            services.set_side_status(part, target, actor=cast.users["secretariat_kz"])


def test_an_officer_cannot_close_a_part_as_not_done():
    cast, decision = setup_case()
    with pytest.raises(PermissionDenied):
        services.set_side_status(side_of(decision, "KZ"), "not_done",
                                 actor=cast.users["officer_kz_lead"])


def test_an_officer_cannot_name_executors_for_the_other_side():
    cast, decision = setup_case()
    with pytest.raises(PermissionDenied):
        services.set_side_executors(side_of(decision, "UZ"), actor=cast.users["officer_kz_lead"],
                                    lead=cast.uz_lead)


def test_executors_are_set_and_logged():
    cast, decision = setup_case()
    services.set_side_executors(side_of(decision, "KZ"), actor=cast.users["secretariat_kz"],
                                lead=cast.kz_lead, co_executors=[cast.kz_other])
    part = side_of(decision, "KZ")
    assert list(part.co_executors.all()) == [cast.kz_other]
    assert ChangeLogEntry.objects.filter(action="set_executors").count() == 1
    assert Decision.objects.get(pk=decision.pk).version == decision.version + 1


def test_an_approved_extension_moves_only_that_sides_due_date():
    cast, decision = setup_case()
    part = side_of(decision, "KZ")
    ext = services.request_extension(part, actor=cast.users["officer_kz_lead"],
                                     proposed_on=datetime.date(2025, 3, 1), reason="Winter.")
    with pytest.raises(PermissionDenied):
        services.approve_extension(ext, actor=cast.users["secretariat_uz"])
    services.approve_extension(ext, actor=cast.users["secretariat_kz"], note="Agreed.")
    ext.refresh_from_db()
    assert ext.state == DeadlineExtension.State.APPROVED
    assert ext.previous_due_on == datetime.date(2024, 12, 31)
    assert side_of(decision, "KZ").due_on == datetime.date(2025, 3, 1)
    assert side_of(decision, "UZ").due_on == datetime.date(2024, 12, 31)
    with pytest.raises(ValidationError, match="already"):
        services.refuse_extension(ext, actor=cast.users["secretariat_kz"], note="No.")


def test_an_extension_must_move_the_date_later_and_give_a_reason():
    cast, decision = setup_case()
    with pytest.raises(ValidationError) as err:
        services.request_extension(side_of(decision, "KZ"), actor=cast.users["secretariat_kz"],
                                   proposed_on=datetime.date(2024, 12, 1), reason="")
    assert set(err.value.message_dict) == {"proposed_on", "reason"}
    assert not DeadlineExtension.objects.exists()


def test_a_refusal_needs_a_note_and_keeps_the_date():
    cast, decision = setup_case()
    ext = services.request_extension(side_of(decision, "KZ"), actor=cast.users["officer_kz_lead"],
                                     proposed_on=datetime.date(2025, 3, 1), reason="Winter.")
    with pytest.raises(ValidationError):
        services.refuse_extension(ext, actor=cast.users["secretariat_kz"], note="")
    services.refuse_extension(ext, actor=cast.users["secretariat_kz"], note="Not justified.")
    assert side_of(decision, "KZ").due_on == datetime.date(2024, 12, 31)


def test_removal_from_control_needs_a_date_and_basis_and_can_be_undone():
    cast, decision = setup_case()
    with pytest.raises(ValidationError) as err:
        services.remove_from_control(decision, actor=cast.users["secretariat_kz"],
                                     removed_on=None, basis="")
    assert set(err.value.message_dict) == {"removed_on", "removal_basis"}
    services.remove_from_control(decision, actor=cast.users["secretariat_kz"],
                                 removed_on=datetime.date(2024, 9, 1), basis="Executed.")
    decision.refresh_from_db()
    assert decision.control_state == "removed"
    assert decision.removed_by == cast.users["secretariat_kz"]
    with pytest.raises(ValidationError):
        services.submit_report(side_of(decision, "KZ"), actor=cast.users["secretariat_kz"],
                               as_of=datetime.date(2024, 9, 1), text="late")
    with pytest.raises(ValidationError, match="already"):
        services.remove_from_control(decision, actor=cast.users["secretariat_kz"],
                                     removed_on=datetime.date(2024, 9, 1), basis="Again.")
    services.restore_to_control(decision, actor=cast.users["secretariat_uz"],
                                reason="Reopened by the 22nd meeting.")
    decision.refresh_from_db()
    assert decision.control_state == "on_control" and decision.removed_on is None
