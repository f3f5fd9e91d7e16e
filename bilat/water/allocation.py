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
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bilat.accounts.models import Role
from bilat.accounts.policy import Action, require
from bilat.core.changelog import record_change, snapshot
from bilat.decisions.models import Notification

from .models import Alert, Plan, SeasonLimit, Series, WaterAuthority
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
class SeasonUse:
    """A party's use of its season limit so far: the dekadas, their total, the limit."""

    limit: SeasonLimit
    lines: list[PlanLine] = field(default_factory=list)
    total: Volume | None = None

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
        return sum(line.planned_mm3 or 0.0 for line in self.lines)


def season_use(limit: SeasonLimit, *, series_qs=None) -> SeasonUse:
    """Plan and actual of every dekada of a limit's season."""
    dekadas = season_dekadas(limit.year, limit.season)
    plans = {p.period: p.volume_mm3 for p in limit.plans.all()}
    series = _series_of(limit, series_qs)
    volumes = dekada_volumes(series, dekadas) if series else [None] * len(dekadas)
    lines = [PlanLine(limit, str(d), float(plans[str(d)]) if str(d) in plans else None, v)
             for d, v in zip(dekadas, volumes, strict=True)]
    use = SeasonUse(limit, lines)
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
    values = {"side": line.limit.side.code, "site": line.limit.site.code, "period": line.period,
              "planned": f"{line.planned_mm3:.2f}", "actual": f"{line.actual_mm3:.2f}",
              "percent": f"{line.deviation_percent:+.1f}"}
    if level == Alert.Level.BREACH:
        subject = _("Water plan breached: %(site)s, dekada %(period)s") % values
    else:
        subject = _("Water plan deviation: %(site)s, dekada %(period)s") % values
    body = _("%(side)s at %(site)s in dekada %(period)s: planned %(planned)s Mm³, actual "
             "%(actual)s Mm³ (%(percent)s %%).") % values
    return subject, body


def _recipients(limit: SeasonLimit) -> list[User]:
    """The party's water officers and its secretariat."""
    orgs = WaterAuthority.objects.filter(organisation__side=limit.side_id).values(
        "organisation_id")
    officers = Q(profile__role=Role.OFFICER, profile__organisation_id__in=orgs)
    secretariat = Q(profile__role=Role.SECRETARIAT, profile__side=limit.side_id)
    return list(get_user_model().objects.filter(officers | secretariat, is_active=True)
                .order_by("pk"))


def scan_deviations(*, periods: list[str] | None = None) -> ScanResult:
    """Compare every dekada plan with its actual and raise each new warning or breach once."""
    result = ScanResult()
    plans = Plan.objects.select_related("limit__side", "limit__site").filter(
        period__regex=r"^\d{4}-\d{2}-[123]$")
    if periods:
        plans = plans.filter(period__in=periods)
    sent = set(Alert.objects.values_list("limit_id", "period", "level"))
    for plan in plans.order_by("period", "limit_id"):
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
                subject, body = _message(line, line.status)
                for user in _recipients(plan.limit):
                    Notification.objects.create(user=user, message=f"{subject}. {body}")
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


@transaction.atomic
def set_plan(limit: SeasonLimit, period: str, volume_mm3: Decimal, *, actor: User | None,
             provenance: str = "illustrative") -> Plan:
    """Set the planned volume of a limit over a dekada or month."""
    plan, created = Plan.objects.get_or_create(
        limit=limit, period=period,
        defaults={"volume_mm3": volume_mm3, "provenance": provenance})
    if created:
        record_change(plan, action="create", actor=actor)
    elif plan.volume_mm3 != volume_mm3:
        before = snapshot(plan)
        plan.volume_mm3 = volume_mm3
        plan.save(update_fields=["volume_mm3"])
        record_change(plan, action="update", actor=actor, before=before)
    return plan
