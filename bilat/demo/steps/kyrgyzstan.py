"""Load the second commission: Kazakhstan–Kyrgyzstan, with a small illustrative registry."""

from __future__ import annotations

import datetime

from bilat.accounts.models import Membership, Profile
from bilat.commissions.context import in_commission
from bilat.core.services import upsert_record
from bilat.decisions.models import Decision
from bilat.decisions.services import adopt_decision
from bilat.directory.models import CommissionBody, Organisation
from bilat.meetings.models import Meeting
from bilat.meetings.services import create_meeting
from bilat.projects.models import Project
from bilat.projects.services import create_project
from bilat.work.models import NotificationSettings

from ..data import directory as directory_data
from ..data import kyrgyzstan as data
from ..data import users as user_data
from .common import ILLUSTRATIVE_REASON, DemoRun
from .directory import load_commission, load_side
from .users import NOTICES_LANGUAGE, ensure_user


def load(run: DemoRun) -> None:
    """Kyrgyzstan, the commission, its organisations, one session, three decisions, a project,
    its logins, and a role in it for the Kazakh secretariat."""
    actor = run.actor
    code, m49, name_en, name_ru, order = data.SIDE
    run.sides[code] = load_side(run, code, m49, name_en, name_ru, order)
    commission = load_commission(run, data.COMMISSION, directory_data.REGION)
    with in_commission(commission.pk):
        for org_code, side, kind, short, o_en, o_ru, parent, provenance in data.ORGANISATIONS:
            run.orgs[org_code] = upsert_record(
                Organisation, {"code": org_code},
                {"side": run.sides[side], "kind": kind, "short_name": short,
                 "short_name_ru": data.SHORT_NAMES_RU.get(org_code, ""), "name_en": o_en,
                 "name_ru": o_ru, "parent": run.orgs[parent] if parent else None,
                 "provenance": provenance}, actor=actor,
            )
        body_code, body_en, body_ru = data.BODY
        body = upsert_record(
            CommissionBody, {"code": body_code},
            {"kind": "commission", "name_en": body_en, "name_ru": body_ru, "parent": None,
             "sector": None, "provenance": "illustrative"},
            actor=actor, m2m={"sides": [run.sides["KZ"], run.sides[code]]},
        )
        spec = dict(data.MEETING)
        number = spec.pop("number")
        meeting = Meeting.objects.filter(body=body, number=number).first() or create_meeting(
            Meeting(body=body, number=number, commission=commission, **spec), actor=actor)
        for control, sector, t_en, t_ru, tier, leads in data.DECISIONS:
            if Decision.objects.filter(control_number=control).exists():
                continue
            decision = Decision(
                control_number=control, meeting=meeting, commission=commission,
                source_kind=Decision.SourceKind.PROTOCOL, source_date=meeting.held_on,
                title_en=t_en, title_ru=t_ru, text_en=t_en, text_ru=t_ru, signed_language="ru",
                sector=run.sectors[sector], access_tier=tier, provenance="illustrative",
                issued_on=meeting.held_on, deadline_type=Decision.DeadlineType.FIXED,
                due_on=datetime.date(2025, 6, 30),
            )
            adopt_decision(decision, actor=actor, reason=ILLUSTRATIVE_REASON, parts=[
                {"side": run.sides[side], "lead": run.orgs[org]} for side, org in leads.items()])
        project = dict(data.PROJECT)
        if not Project.objects.filter(code=project["code"]).exists():
            project["sector"] = run.sectors[project["sector"]]
            create_project(actor=actor, values={**project, "commission": commission},
                           reason=ILLUSTRATIVE_REASON)
        for username, _pw, role, side, org, _commission in user_data.SECOND_COMMISSION_USERS:
            user = ensure_user(username, superuser=False)
            upsert_record(
                Profile, {"user": user},
                {"role": role, "side": run.sides[side], "organisation": run.orgs[org],
                 "commission": commission}, actor=actor,
            )
            upsert_record(NotificationSettings, {"user": user},
                          {"language": NOTICES_LANGUAGE}, actor=actor)
            run.users[username] = user
    for username, commission_code, role, side, org in user_data.MEMBERSHIPS:
        upsert_record(
            Membership, {"user": run.users[username], "commission": run.commissions[commission_code]},
            {"role": role, "side": run.sides[side], "organisation": run.orgs[org]}, actor=actor,
        )
    run.note(f"commission {commission.code}: 1 session, {len(data.DECISIONS)} decisions, "
             "1 project (illustrative)")
