"""Factory functions for decisions with both sides, and the cast of users who act on them."""

import datetime
from dataclasses import dataclass

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.decisions.models import Decision, DecisionSide, ExecutionReport
from bilat.directory.tests.factories import make_organisation, make_sector, make_sides


@dataclass
class Cast:
    """Two sides, their organisations, and one user in each role the permission tests need."""

    kz: object
    uz: object
    kz_lead: object
    kz_other: object
    uz_lead: object
    users: dict


def make_cast() -> Cast:
    kz, uz = make_sides()
    kz_lead = make_organisation(kz, "kz-trade-ministry")
    kz_other = make_organisation(kz, "kz-energy-ministry")
    uz_lead = make_organisation(uz, "uz-investment-ministry")
    users = {
        "anonymous": None,
        "viewer": make_user("viewer"),
        "officer_kz_lead": make_user("officer_kz_lead", Role.OFFICER, organisation=kz_lead),
        "officer_kz_other": make_user("officer_kz_other", Role.OFFICER, organisation=kz_other),
        "officer_uz": make_user("officer_uz", Role.OFFICER, organisation=uz_lead),
        "secretariat_kz": make_user("secretariat_kz", Role.SECRETARIAT, side=kz),
        "secretariat_uz": make_user("secretariat_uz", Role.SECRETARIAT, side=uz),
        "superuser": make_user("root", superuser=True),
        # Submits the reports that others verify in the permission tables (four-eyes rule).
        "reporter": make_user("reporter", superuser=True),
    }
    return Cast(kz, uz, kz_lead, kz_other, uz_lead, users)


def make_decision(
    control_number: str = "IGC21-3.2", *, kz_lead=None, uz_lead=None, access_tier="official",
    due_on: datetime.date | None = datetime.date(2024, 12, 31), **extra,
) -> Decision:
    """A decision with a part for each side, written directly (no log): for arranging tests."""
    kz, uz = make_sides()
    decision = Decision.objects.create(
        control_number=control_number, title_en=f"Decision {control_number}",
        title_ru=f"Решение {control_number}", sector=extra.pop("sector", None) or make_sector(),
        issued_on=extra.pop("issued_on", datetime.date(2024, 7, 12)), due_on=due_on,
        access_tier=access_tier, **extra,
    )
    DecisionSide.objects.create(decision=decision, side=kz, lead=kz_lead, due_on=due_on)
    DecisionSide.objects.create(decision=decision, side=uz, lead=uz_lead, due_on=due_on)
    return decision


def side_of(decision: Decision, code: str) -> DecisionSide:
    return decision.sides.select_related("side", "decision").get(side__code=code)


def make_report(part: DecisionSide, user, **extra) -> ExecutionReport:
    """A submitted report written directly, with the side moved to reported."""
    report = ExecutionReport.objects.create(
        decision_side=part, as_of=extra.pop("as_of", datetime.date(2024, 9, 1)),
        text=extra.pop("text", "Done as agreed."), submitted_by=user, **extra,
    )
    DecisionSide.objects.filter(pk=part.pk).update(status=DecisionSide.Status.REPORTED)
    part.refresh_from_db()
    return report
