"""The dekada bulletin: plan against actual per site and party, with coverage and quality,
approved by each party, exported as PDF and XLSX in English or Russian.

Each approval records the digest of the figures the party approved; when the figures change
(a late reading, a correction, a new plan) the digest no longer matches and the bulletin is
open again for that party.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, require
from bilat.briefings.formatting import number, percent
from bilat.core.changelog import record_change
from bilat.directory.models import Side

from .allocation import MonthLine, PlanLine, dekada_line, month_lines, season_use
from .models import Bulletin, BulletinApproval, SeasonLimit
from .periods import Dekada

APPROVED, REOPENED, PENDING = "approved", "reopened", "pending"


@dataclass
class BulletinRow:
    line: PlanLine
    season_measured_mm3: float
    season_limit_mm3: float
    # The month of the dekada, when it has a plan of its own: its volume up to the end of
    # this dekada; judged (deviation, status) in the month's last dekada only.
    month: MonthLine | None = None
    month_complete: bool = False

    @property
    def limit(self) -> SeasonLimit:
        return self.line.limit

    def as_dict(self) -> dict:
        v = self.line.volume
        return {
            "party": self.limit.side.code, "site": self.limit.site.code, "kind": self.limit.kind,
            "planned_mm3": _r(self.line.planned_mm3), "actual_mm3": _r(self.line.actual_mm3),
            "deviation_mm3": _r(self.line.deviation_mm3), "status": self.line.status,
            "coverage": round(v.coverage, 4) if v else 0.0,
            "volume_status": v.status if v else "missing",
            "good": v.good if v else 0, "suspect": v.suspect if v else 0,
            "poor": v.poor if v else 0, "gaps": v.gaps if v else 0,
            "season_measured_mm3": _r(self.season_measured_mm3),
            "season_limit_mm3": _r(self.season_limit_mm3),
        } | self.month_dict()

    def month_dict(self) -> dict:
        """The month's figures (only when the month has a plan: a bulletin without month
        plans keeps the digest it had)."""
        m = self.month
        if m is None:
            return {}
        return {"month": m.period, "month_planned_mm3": _r(m.planned_mm3),
                "month_actual_mm3": _r(m.actual_mm3),
                "month_dekada_plans_mm3": _r(m.dekada_planned_mm3),
                "month_status": m.status if self.month_complete else "open"}


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def season_of(dekada: Dekada) -> tuple[int, str]:
    if 4 <= dekada.month <= 9:
        return dekada.year, SeasonLimit.Season.GROWING
    return (dekada.year if dekada.month >= 10 else dekada.year - 1), SeasonLimit.Season.NON_GROWING


def bulletin_rows(dekada: Dekada) -> list[BulletinRow]:
    """One row per season limit in force during ``dekada``, parties in order."""
    year, season = season_of(dekada)
    rows = []
    for limit in SeasonLimit.objects.filter(year=year, season=season).select_related(
            "side", "site__side").prefetch_related("plans").order_by("side__order", "site__code",
                                                                     "kind"):
        plans = {p.period: p.volume_mm3 for p in limit.plans.all()}
        line = dekada_line(limit, dekada, plans=plans)
        use = season_use(limit)
        upto = [ln for ln in use.lines if ln.period <= str(dekada)]
        measured = sum((ln.volume.measured_m3 for ln in upto if ln.volume), 0.0) / 1e6
        month = None
        if dekada.month_key in plans:
            month = month_lines(limit, [ln for ln in upto if ln.period[:7] == dekada.month_key],
                                plans)[0]
        rows.append(BulletinRow(line, measured, float(limit.limit_mm3), month,
                                month_complete=dekada.number == 3))
    return rows


def digest(rows: list[BulletinRow]) -> str:
    payload = json.dumps([r.as_dict() for r in rows], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def approvals(period: str, rows: list[BulletinRow] | None = None) -> dict[str, dict]:
    """Per party: approved (the figures are as approved), reopened (changed since), pending."""
    current = digest(rows if rows is not None else bulletin_rows(Dekada.parse(period)))
    states: dict[str, dict] = {s.code: {"state": PENDING, "approval": None}
                               for s in Side.objects.order_by("order")}
    for a in BulletinApproval.objects.filter(bulletin__period=period).select_related(
            "side", "approved_by").order_by("approved_at", "pk"):
        states[a.side.code] = {"state": APPROVED if a.digest == current else REOPENED,
                               "approval": a}
    return states


class StaleFiguresError(Exception):
    """The bulletin's figures changed since the approver read them (their digest differs):
    approving would sign figures they have not seen. Pages and the API answer it as 409."""

    def __init__(self, expected: str, current: str):
        self.expected, self.current = expected, current
        super().__init__(_("The bulletin's figures changed after you opened it (a late reading, "
                           "a correction or a new plan). Reload it, check the figures and "
                           "approve again."))


@transaction.atomic
def approve_bulletin(period: str, *, side: Side, actor: User,
                     expected_digest: str | None = None) -> BulletinApproval:
    """Record one party's approval of a dekada's figures as they stand now.

    ``expected_digest`` is the version the approver saw (the bulletin's ``digest``): when the
    figures changed since, nothing is written and StaleFiguresError is raised. Pages and the
    API always send it; the server's own callers (the demo) may leave it out."""
    dekada = Dekada.parse(period)
    bulletin, created = Bulletin.objects.get_or_create(period=str(dekada))
    # One approval of a dekada at a time: the figures are compared and signed under this lock.
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if created:
        record_change(bulletin, action="create", actor=actor)
    require(actor, Action.REPORT, bulletin, side_id=side.pk)
    current = digest(bulletin_rows(dekada))
    if expected_digest is not None and expected_digest != current:
        raise StaleFiguresError(expected_digest, current)
    approval = BulletinApproval.objects.create(
        bulletin=bulletin, side=side, approved_by=actor, digest=current)
    record_change(approval, action="approve", actor=actor)
    return approval


def _context(dekada: Dekada, lang: str) -> dict:
    rows = bulletin_rows(dekada)
    states = approvals(str(dekada), rows)

    def mm3(value):
        return "—" if value is None else number(value, lang, 2)

    table = []
    for r in rows:
        d = r.as_dict()
        line = r.line
        table.append({
            "party": r.limit.side.name, "site": r.limit.site.name,
            "kind": r.limit.get_kind_display(), "planned": mm3(line.planned_mm3),
            "actual": mm3(line.actual_mm3), "deviation": mm3(line.deviation_mm3),
            "deviation_percent": "—" if line.deviation_percent is None else percent(
                line.deviation_percent, lang, signed=True),
            "status": status_label(line.status), "status_code": line.status,
            "coverage": percent(d["coverage"] * 100, lang),
            "volume_status": status_label(d["volume_status"]),
            "quality": _("%(good)s good, %(suspect)s suspect, %(poor)s poor, %(gaps)s gaps")
            % d,
            "season": _("%(used)s of %(limit)s Mm³") % {
                "used": mm3(r.season_measured_mm3), "limit": number(r.season_limit_mm3, lang)},
            "month": _month_shown(r, mm3, lang),
        })
    return {"dekada": dekada, "rows": table, "raw": rows, "states": states,
            "has_months": any(r.month for r in rows),
            "first_day": dekada.first_day, "last_day": dekada.last_day,
            "digest": digest(rows), "lang": lang}


def _month_shown(row: BulletinRow, mm3, lang: str) -> dict | None:
    m = row.month
    if m is None:
        return None
    return {
        "period": m.period, "planned": mm3(m.planned_mm3), "actual": mm3(m.actual_mm3),
        "dekada_plans": mm3(m.dekada_planned_mm3), "disagree": m.plans_disagree,
        "deviation": mm3(m.deviation_mm3) if row.month_complete else "—",
        "deviation_percent": percent(m.deviation_percent, lang, signed=True)
        if row.month_complete and m.deviation_percent is not None else "—",
        "status": status_label(m.status) if row.month_complete else _("month not over"),
        "status_code": m.status if row.month_complete else "open",
    }


def status_label(code: str) -> str:
    return {
        "ok": _("within plan"), "warn": _("warning"), "breach": _("breach"),
        "unknown": _("no plan or no data"), "complete": _("complete"),
        "measured": _("measured"), "estimate": _("estimate"), "missing": _("missing"),
        APPROVED: _("approved"), REOPENED: _("changed since approval"),
        PENDING: _("awaiting approval"),
    }.get(code, code)


def page_context(dekada: Dekada, lang: str) -> dict:
    """What the bulletin page shows (the same figures as the documents)."""
    return _context(dekada, lang)


def to_html(dekada: Dekada, lang: str) -> str:
    with translation.override(lang):
        return render_to_string("water/bulletin_document.html", _context(dekada, lang))


def to_pdf(dekada: Dekada, lang: str) -> bytes:
    """The bulletin as PDF, laid out by WeasyPrint (as briefing packs are)."""
    from weasyprint import HTML

    return HTML(string=to_html(dekada, lang)).write_pdf()


def to_xlsx(dekada: Dekada, lang: str) -> bytes:
    from openpyxl import Workbook

    with translation.override(lang):
        ctx = _context(dekada, lang)
        book = Workbook()
        sheet = book.active
        sheet.title = str(dekada)
        sheet.append([_("Dekada bulletin %(dekada)s (%(first)s – %(last)s)") % {
            "dekada": dekada, "first": dekada.first_day, "last": dekada.last_day}])
        sheet.append([_("Party"), _("Site"), _("Limit"), _("Planned, Mm³"), _("Actual, Mm³"),
                      _("Deviation, Mm³"), _("Status"), _("Coverage"), _("Volume"),
                      _("Quality"), _("Season so far, Mm³"), _("Season limit, Mm³")])
        for row, shown in zip(ctx["raw"], ctx["rows"], strict=True):
            d = row.as_dict()
            sheet.append([shown["party"], shown["site"], shown["kind"], d["planned_mm3"],
                          d["actual_mm3"], d["deviation_mm3"], shown["status"], d["coverage"],
                          shown["volume_status"], shown["quality"], d["season_measured_mm3"],
                          d["season_limit_mm3"]])
        if ctx["has_months"]:
            sheet.append([])
            sheet.append([_("Party"), _("Site"), _("Month"), _("Planned, Mm³"),
                          _("Dekada plans, Mm³"), _("Actual, Mm³"), _("Status")])
            for row, shown in zip(ctx["raw"], ctx["rows"], strict=True):
                if row.month is not None:
                    d = row.month_dict()
                    sheet.append([shown["party"], shown["site"], d["month"],
                                  d["month_planned_mm3"], d["month_dekada_plans_mm3"],
                                  d["month_actual_mm3"], shown["month"]["status"]])
        sheet.append([])
        for code, state in ctx["states"].items():
            sheet.append([code, status_label(state["state"])])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def render(dekada: Dekada, lang: str, fmt: str) -> bytes:
    if fmt == "pdf":
        return to_pdf(dekada, lang)
    if fmt == "xlsx":
        return to_xlsx(dekada, lang)
    if fmt == "html":
        return to_html(dekada, lang).encode()
    raise ValueError(f"unknown format {fmt!r} (pdf, xlsx or html)")
