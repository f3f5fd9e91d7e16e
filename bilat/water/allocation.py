"""Allocation: each party's plan against its actual use, per dekada and season, the deviation
(ok / warn / breach), and the alerts it raises, once each.

A withdrawal limit is breached by taking more than planned; a guaranteed inflow or an
environmental release by delivering less. Thresholds are percentages of the plan
(``BILAT_WATER_WARN_PERCENT``, ``BILAT_WATER_BREACH_PERCENT``).

Alerts go out once per limit, dekada and level, as the reminders do
(bilat/decisions/reminders.py): the ``Alert`` row is inserted first, in the same transaction as
the in-app notifications, and its unique key refuses a second one; mail is handed over only
after that transaction commits (at most once).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilat.accounts.models import Role
from bilat.accounts.policy import Action, can, require
from bilat.core.changelog import record_change, snapshot
from bilat.core.models import Provenance
from bilat.core.services import (
    add_part,
    check_version,
    create_record,
    remove_part,
    update_part,
    update_record,
)
from bilat.decisions.models import Notification
from bilat.decisions.notices import settings_of

from .models import Agreement, Alert, Plan, SeasonLimit, Series, WaterAuthority
from .periods import Dekada, season_dekadas
from .volumes import Volume, dekada_volumes, flow_series, sum_volumes

logger = logging.getLogger(__name__)
OK, WARN, BREACH, UNKNOWN = "ok", "warn", "breach", "unknown"


def thresholds() -> tuple[float, float]:
    return (float(getattr(settings, "BILAT_WATER_WARN_PERCENT", 5)),
            float(getattr(settings, "BILAT_WATER_BREACH_PERCENT", 10)))


def deviation_status(kind: str, planned: float, actual: float | None) -> str:
    """ok, warn or breach of ``actual`` against ``planned`` for a limit of ``kind``."""
    if actual is None or planned <= 0:
        return UNKNOWN
    excess = (actual - planned) / planned * 100
    if kind != SeasonLimit.Kind.WITHDRAWAL:
        excess = -excess  # a guaranteed flow falls short by delivering less
    warn, breach = thresholds()
    if excess > breach:
        return BREACH
    if excess > warn:
        return WARN
    return OK


@dataclass
class PlanLine:
    """One limit over one period: plan, actual (with its coverage), deviation and status."""

    limit: SeasonLimit
    period: str
    planned_mm3: float | None
    volume: Volume | None

    @property
    def actual_mm3(self) -> float | None:
        return self.volume.mm3 if self.volume else None

    @property
    def period_ends_on(self):
        return Dekada.parse(self.period).last_day

    @property
    def deviation_mm3(self) -> float | None:
        if self.planned_mm3 is None or self.actual_mm3 is None:
            return None
        return self.actual_mm3 - self.planned_mm3

    @property
    def deviation_percent(self) -> float | None:
        if self.deviation_mm3 is None or not self.planned_mm3:
            return None
        return self.deviation_mm3 / self.planned_mm3 * 100

    @property
    def status(self) -> str:
        if self.planned_mm3 is None:
            return UNKNOWN
        return deviation_status(self.limit.kind, self.planned_mm3, self.actual_mm3)


def _series_of(limit: SeasonLimit, series_qs) -> Series | None:
    return flow_series(limit.site, series_qs)


def dekada_line(limit: SeasonLimit, dekada: Dekada, *, series_qs=None,
                plans: dict | None = None) -> PlanLine:
    """Plan against actual for one limit over one dekada."""
    plan = (plans or {}).get(str(dekada))
    if plans is None:
        found = Plan.objects.filter(limit=limit, period=str(dekada)).first()
        plan = found.volume_mm3 if found else None
    series = _series_of(limit, series_qs)
    volume = dekada_volumes(series, [dekada])[0] if series else None
    return PlanLine(limit, str(dekada), float(plan) if plan is not None else None, volume)


@dataclass
class MonthLine(PlanLine):
    """One limit over one month: the month's own plan against the month's volume (its
    dekadas added up), and the sum of its dekada plans, which should equal the month plan."""

    dekada_planned_mm3: float | None = None

    @property
    def period_ends_on(self):
        year, month = (int(x) for x in self.period.split("-"))
        return Dekada(year, month, 3).last_day

    @property
    def plans_disagree(self) -> bool:
        """The dekada plans do not add up to the month plan (to the plans' 0.01 Mm³)."""
        if self.planned_mm3 is None or self.dekada_planned_mm3 is None:
            return False
        return abs(self.planned_mm3 - self.dekada_planned_mm3) >= 0.005


def month_lines(limit: SeasonLimit, lines: list[PlanLine], plans: dict) -> list[MonthLine]:
    """Per month of the dekada ``lines``: the month plan (None if the month has none), the
    month's volume and the sum of its dekada plans (None if it has none)."""
    by_month: dict[str, list[PlanLine]] = {}
    for line in lines:
        by_month.setdefault(line.period[:7], []).append(line)
    out = []
    for month, group in by_month.items():
        plan = plans.get(month)
        volumes = [ln.volume for ln in group if ln.volume]
        dekada_plans = [ln.planned_mm3 for ln in group if ln.planned_mm3 is not None]
        out.append(MonthLine(limit, month, float(plan) if plan is not None else None,
                             sum_volumes(month, volumes) if volumes else None,
                             sum(dekada_plans) if dekada_plans else None))
    return out


@dataclass
class SeasonUse:
    """A party's use of its season limit so far: the dekadas, their total, the limit."""

    limit: SeasonLimit
    lines: list[PlanLine] = field(default_factory=list)
    total: Volume | None = None
    months: list[MonthLine] = field(default_factory=list)

    @property
    def has_month_plans(self) -> bool:
        return any(m.planned_mm3 is not None for m in self.months)

    @property
    def used_mm3(self) -> float | None:
        return self.total.mm3 if self.total and self.total.covered_seconds else None

    @property
    def measured_mm3(self) -> float:
        """What was measured (gaps counted as nothing): the floor of the use so far."""
        return sum((line.volume.measured_m3 for line in self.lines if line.volume), 0.0) / 1e6

    @property
    def share_of_limit(self) -> float | None:
        if not self.limit.limit_mm3:
            return None
        return self.measured_mm3 / float(self.limit.limit_mm3)

    @property
    def planned_mm3(self) -> float:
        """The season's plan so far: per month its dekada plans, or its month plan if it has
        no dekada plan."""
        if not self.months:
            return sum(line.planned_mm3 or 0.0 for line in self.lines)
        return sum(m.dekada_planned_mm3 if m.dekada_planned_mm3 is not None
                   else (m.planned_mm3 or 0.0) for m in self.months)


def season_use(limit: SeasonLimit, *, series_qs=None) -> SeasonUse:
    """Plan and actual of every dekada of a limit's season."""
    dekadas = season_dekadas(limit.year, limit.season)
    plans = {p.period: p.volume_mm3 for p in limit.plans.all()}
    series = _series_of(limit, series_qs)
    volumes = dekada_volumes(series, dekadas) if series else [None] * len(dekadas)
    lines = [PlanLine(limit, str(d), float(plans[str(d)]) if str(d) in plans else None, v)
             for d, v in zip(dekadas, volumes, strict=True)]
    use = SeasonUse(limit, lines, months=month_lines(limit, lines, plans))
    if series:
        use.total = sum_volumes(f"{limit.year}-{limit.season}", [v for v in volumes if v])
    return use


@dataclass
class ScanResult:
    """What one scan of the plans did."""

    checked: int = 0
    alerts: int = 0
    notifications: int = 0
    already_sent: int = 0
    raised: list[tuple[str, str, str]] = field(default_factory=list)


def _message(line: PlanLine, level: str) -> tuple[str, str]:
    values = {"side": line.limit.side.code, "site": line.limit.site.name, "period": line.period,
              "planned": f"{line.planned_mm3:.2f}", "actual": f"{line.actual_mm3:.2f}",
              "percent": f"{line.deviation_percent:+.1f}"}
    breached = level == Alert.Level.BREACH
    if isinstance(line, MonthLine):
        subject = (_("Water plan breached: %(site)s, month %(period)s") if breached
                   else _("Water plan deviation: %(site)s, month %(period)s"))
        body = _("%(side)s at %(site)s in month %(period)s: planned %(planned)s Mm³, actual "
                 "%(actual)s Mm³ (%(percent)s %%).")
    else:
        subject = (_("Water plan breached: %(site)s, dekada %(period)s") if breached
                   else _("Water plan deviation: %(site)s, dekada %(period)s"))
        body = _("%(side)s at %(site)s in dekada %(period)s: planned %(planned)s Mm³, actual "
                 "%(actual)s Mm³ (%(percent)s %%).")
    return subject % values, body % values


def _recipients(limit: SeasonLimit) -> list[User]:
    """The party's water officers and its secretariat."""
    orgs = WaterAuthority.objects.filter(organisation__side=limit.side_id).values(
        "organisation_id")
    officers = Q(profile__role=Role.OFFICER, profile__organisation_id__in=orgs)
    secretariat = Q(profile__role=Role.SECRETARIAT, profile__side=limit.side_id)
    return list(get_user_model().objects.filter(officers | secretariat, is_active=True)
                .order_by("pk"))


def month_line(limit: SeasonLimit, month: str, plans: dict, *, series_qs=None) -> MonthLine:
    """Plan against actual for one limit over one month (``2024-07``)."""
    year, number = (int(x) for x in month.split("-"))
    dekadas = [Dekada(year, number, n) for n in (1, 2, 3)]
    series = _series_of(limit, series_qs)
    volumes = dekada_volumes(series, dekadas) if series else [None] * 3
    lines = [PlanLine(limit, str(d), float(plans[str(d)]) if str(d) in plans else None, v)
             for d, v in zip(dekadas, volumes, strict=True)]
    return month_lines(limit, lines, plans)[0]


def scan_deviations(*, periods: list[str] | None = None) -> ScanResult:
    """Compare every dekada plan, and the plan of every month ended, with its actual and raise
    each new warning or breach once."""
    result = ScanResult()
    plans = Plan.objects.select_related("limit__side", "limit__site").filter(
        period__regex=r"^\d{4}-\d{2}(-[123])?$")
    if periods:
        plans = plans.filter(period__in=periods)
    sent = set(Alert.objects.values_list("limit_id", "period", "level"))
    today = timezone.localdate()
    for plan in plans.order_by("period", "limit_id"):
        if plan.is_month:
            line = month_line(plan.limit, plan.period, {plan.period: plan.volume_mm3})
            if line.period_ends_on >= today:
                continue  # a month is judged once it has ended
        else:
            line = dekada_line(plan.limit, Dekada.parse(plan.period),
                               plans={plan.period: plan.volume_mm3})
        result.checked += 1
        if line.status not in (WARN, BREACH):
            continue
        if (plan.limit_id, plan.period, line.status) in sent:
            result.already_sent += 1
            continue
        mails: list[tuple[str, str, str]] = []
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    limit=plan.limit, period=plan.period, level=line.status,
                    planned_mm3=line.planned_mm3, actual_mm3=line.actual_mm3)
                record_change(alert, action="raise", actor=None)
                for user in _recipients(plan.limit):
                    # Written in the language of the recipient's notification settings.
                    language = settings_of(user).language_code
                    with translation.override(language):
                        subject, body = _message(line, line.status)
                    Notification.objects.create(user=user, message=f"{subject}. {body}",
                                                language=language)
                    result.notifications += 1
                    if user.email:
                        mails.append((subject, body, user.email))
        except IntegrityError:  # another scan raised it first
            result.already_sent += 1
            continue
        transaction.on_commit(lambda mails=mails: _send_mails(mails))
        result.alerts += 1
        result.raised.append((plan.limit.site.code, plan.period, line.status))
    return result


def _send_mails(mails: list[tuple[str, str, str]]) -> None:
    for subject, body, address in mails:
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # noqa: BLE001 - a mail server outage: logged, never retried
            logger.exception("Water alert e-mail to %s could not be sent", address)


@transaction.atomic
def acknowledge_alert(alert: Alert, *, actor: User) -> Alert:
    """Record that the party's water authority has seen an alert."""
    require(actor, Action.REPORT, alert, side_id=alert.limit.side_id)
    if alert.acknowledged_at is not None:
        return alert  # the first acknowledgement stands
    before = snapshot(alert)
    alert.acknowledged_by = actor
    alert.acknowledged_at = timezone.now()
    alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
    record_change(alert, action="acknowledge", actor=actor, before=before)
    return alert


# --- agreements, limits and plans: written through the registry's own write path -----------
# An agreement is kept by the secretariats (the policy's ADD and CHANGE, as any registry
# record); its limits are its parts; a limit's plans are the limit's parts, kept by the
# party's water officers and secretariat (CHANGE_SIDE on the limit for its side). Every write
# checks the version the editor read and leaves one change-log entry per record it changes.


def can_keep_agreements(user: User) -> bool:
    return can(user, Action.ADD)


def can_keep_plans(user: User, limit: SeasonLimit) -> bool:
    return can(user, Action.CHANGE_SIDE, limit, side_id=limit.side_id)


def create_agreement(values: dict, *, actor: User, reason: str = "") -> Agreement:
    require(actor, Action.ADD)
    return create_record(Agreement(**values), actor=actor, reason=reason)


def update_agreement(agreement: Agreement, changes: dict, *, actor: User,
                     expected_version: int | None, reason: str = "") -> Agreement:
    require(actor, Action.CHANGE, agreement)
    return update_record(agreement, changes, actor=actor, expected_version=expected_version,
                         reason=reason)


def add_limit(agreement: Agreement, values: dict, *, actor: User,
              expected_version: int | None = None, reason: str = "") -> SeasonLimit:
    """A party's limit under ``agreement`` (``expected_version``: the agreement's, as read)."""
    require(actor, Action.CHANGE, agreement)
    return add_part(agreement, SeasonLimit(agreement=agreement, **values), actor=actor,
                    expected_version=expected_version, reason=reason)


def update_limit(limit: SeasonLimit, changes: dict, *, actor: User,
                 expected_version: int | None, reason: str = "") -> SeasonLimit:
    require(actor, Action.CHANGE, limit.agreement)
    return update_part(limit, changes, parent=limit.agreement, actor=actor,
                       expected_version=expected_version, reason=reason)


def set_plans(limit: SeasonLimit, volumes: dict[str, Decimal | None], *, actor: User,
              expected_version: int | None, provenance: str | None = None,
              reason: str = "") -> SeasonLimit:
    """Set the plans of a limit for the periods given (None removes one), all or none.

    ``expected_version`` is the limit's version as the editor read it (every plan written
    bumps it): when someone changed the limit or its plans since, StaleVersionError and
    nothing is written. A bulletin approved before shows *changed since approval* for the
    dekadas whose plan changed (its figures' digest includes the plan)."""
    require(actor, Action.CHANGE_SIDE, limit, side_id=limit.side_id)
    return _write_plans(limit, volumes, actor=actor, expected_version=expected_version,
                        provenance=provenance, reason=reason)


def set_plan(limit: SeasonLimit, period: str, volume_mm3: Decimal, *, actor: User | None,
             provenance: str = "illustrative") -> Plan:
    """Set the planned volume of a limit over a dekada or month (the server's own loaders:
    the demo, an import; no permission asked)."""
    _write_plans(limit, {period: volume_mm3}, actor=actor, expected_version=None,
                 provenance=provenance)
    return Plan.objects.get(limit=limit, period=period)


@transaction.atomic
def _write_plans(limit: SeasonLimit, volumes: dict, *, actor: User | None,
                 expected_version: int | None, provenance: str | None, reason: str = ""
                 ) -> SeasonLimit:
    allowed = set(limit.periods())
    errors = {}
    for period, volume in volumes.items():
        if period not in allowed:
            errors[period] = _("Not a month or dekada of the limit's season (%(first)s – "
                               "%(last)s).") % {"first": limit.starts_on, "last": limit.ends_on}
        elif volume is not None and volume < 0:
            errors[period] = _("A planned volume cannot be negative.")
    if errors:
        raise ValidationError(errors)
    if expected_version is not None:
        check_version(limit, expected_version)
    existing = {p.period: p for p in Plan.objects.filter(limit=limit)}
    for period, volume in sorted(volumes.items()):
        plan = existing.get(period)
        if plan is None:
            if volume is not None:
                add_part(limit, Plan(limit=limit, period=period, volume_mm3=volume,
                                     provenance=provenance or Provenance.ILLUSTRATIVE),
                         actor=actor, reason=reason)
        elif volume is None:
            remove_part(plan, parent=limit, actor=actor, expected_version=None, reason=reason)
        else:
            changes = {"volume_mm3": volume}
            if provenance:
                changes["provenance"] = provenance
            update_part(plan, changes, parent=limit, actor=actor, expected_version=None,
                        reason=reason)
    limit.refresh_from_db()
    return limit
