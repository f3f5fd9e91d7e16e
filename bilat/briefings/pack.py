"""The briefing pack: sections of text, tables and charts written from a snapshot's figures.

``build_briefing`` reads nothing but the figures (and the snapshot's date and hash), so the same
snapshot gives the same pack, byte for byte, whenever it is produced. The document types
(section, table, chart, writer) live in ``document.py``; renderers for Markdown, HTML, Word and
PDF in ``render.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilat.core.languages import language_names

from . import charts
from .document import (
    MARK,
    NOT_FACT,
    Briefing,
    PairWords,
    Section,
    Table,
    Writer,
    provenance_label,
    provenance_reason,
)
from .figures import Figure, FigureSet, inputs_of, weakest
from .formatting import count, money, number, ordinal, percent, thousands, word

# --- sections ------------------------------------------------------------------------------


def _summary(w: Writer) -> Section:
    s = Section("summary", _("Summary"))
    year = w.latest_year()
    if year and _has_growth(w, year):
        s.bullets.append(_(
            "Trade turnover in %(year)s: %(turnover)s (%(basis)s), %(growth)s over five years."
        ) % {"year": year, "basis": w.basis(w.first_basis),
             "turnover": w.money(f"trade.turnover.{year}.{w.first_basis}"),
             "growth": w.pct(f"trade.growth5.turnover.{year}.{w.first_basis}")})
    elif year:
        s.bullets.append(_("Trade turnover in %(year)s: %(turnover)s (%(basis)s).") % {
            "year": year, "basis": w.basis(w.first_basis),
            "turnover": w.money(f"trade.turnover.{year}.{w.first_basis}")})
    ytd = w.f.get("trade.ytd.turnover")
    if ytd:
        s.bullets.append(_("Year to date (%(period)s): %(value)s, %(growth)s against the same "
                           "months of last year.") % {
            "period": w.period(ytd.period), "value": w.money("trade.ytd.turnover"),
            "growth": w.pct("trade.ytd.growth")})
    if "target.trade.value" in w.f:
        s.bullets.append(_(
            "Target: %(target)s of mutual trade by %(year)s; at the observed pace the target "
            "is %(status)s (growth needed %(required)s a year, observed %(observed)s)."
        ) % {"target": w.money("target.trade.value"), "year": w.year("target.trade.year"),
             "status": w.status(w.f.text(f"trade.pace.{w.first_basis}.status")),
             "required": w.pct(f"trade.pace.{w.first_basis}.required", signed=False),
             "observed": w.pct(f"trade.pace.{w.first_basis}.observed", signed=False)})
    if "portfolio.all.count" in w.f:
        s.bullets.append(_(
            "Industrial cooperation: %(count)s projects worth %(value)s, %(jobs)s jobs; "
            "%(done)s implemented (%(done_value)s), %(running)s in implementation "
            "(%(running_value)s)."
        ) % {"count": w.count("portfolio.all.count"), "value": w.money("portfolio.all.value"),
             "jobs": w.jobs("portfolio.all.jobs"),
             "done": w.count("portfolio.implemented.count"),
             "done_value": w.money("portfolio.implemented.value"),
             "running": w.count("portfolio.implementation.count"),
             "running_value": w.money("portfolio.implementation.value")})
    decided = _decision_totals(w)
    if decided:
        parts = [
            _("%(side)s: %(done)s of %(total)s done, %(overdue)s overdue") % {
                "side": w.side(side), "done": count(t["done"], w.lang),
                "total": count(t["total"], w.lang), "overdue": count(t["overdue"], w.lang)}
            for side, t in decided.items()
        ]
        marked = any(not w.is_fact(f.key) for f in w.f.prefixed("decisions."))
        s.bullets.append(_("Decisions of the previous session: %(parts)s.") % {
            "parts": "; ".join(parts) + (MARK if marked else "")})
    if _not_facts(w):
        s.paragraphs.append(_("Figures marked %(mark)s are illustrative or synthetic: computed "
                              "from records that are not from a published source (see the data "
                              "notes).") % {"mark": MARK})
    return s


def _decision_totals(w: Writer) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = {}
    for fig in w.f.prefixed("decisions."):
        parts = fig.key.split(".")
        if len(parts) == 4 and parts[2] == "all":
            t = totals.setdefault(parts[1], {"done": 0, "total": 0, "overdue": 0})
            t["total"] += int(fig.value or 0)
            if parts[3] == "done":
                t["done"] += int(fig.value or 0)
        elif len(parts) == 3 and parts[2] == "overdue":
            totals.setdefault(parts[1], {"done": 0, "total": 0, "overdue": 0})["overdue"] = int(
                fig.value or 0)
    return totals


def _has_growth(w: Writer, year: int) -> bool:
    """Whether the first side's basis has the turnover of five years before ``year``."""
    return f"trade.growth5.turnover.{year}.{w.first_basis}" in w.f


def _trade(w: Writer) -> Section:
    s = Section("trade", _("Trade"))
    year = w.latest_year()
    if year and not _has_growth(w, year):
        s.paragraphs.append(_(
            "In %(year)s trade turnover between %(first_ins)s and %(second_ins)s amounted to "
            "%(turnover)s according to %(basis)s."
        ) % {**w.words, "year": year, "basis": w.basis(w.first_basis),
             "turnover": w.money(f"trade.turnover.{year}.{w.first_basis}")})
    elif year:
        first = year - 5
        s.paragraphs.append(_(
            "In %(year)s trade turnover between %(first_ins)s and %(second_ins)s amounted to "
            "%(turnover)s according to %(basis)s, %(growth)s over five years. "
            "%(first_gen)s's exports to %(second)s rose from %(x0)s in %(first_year)s to %(x1)s "
            "(%(gx)s); its imports from %(second_gen)s came to %(m1)s (%(gm)s)."
        ) % {**w.words, "basis": w.basis(w.first_basis), "first_year": first,
            "year": year, "turnover": w.money(f"trade.turnover.{year}.{w.first_basis}"),
            "growth": w.pct(f"trade.growth5.turnover.{year}.{w.first_basis}"),
            "x0": w.money(f"trade.{w.x}.{first}.{w.first_basis}"), "x1": w.money(f"trade.{w.x}.{year}.{w.first_basis}"),
            "gx": w.pct(f"trade.growth5.{w.x}.{year}.{w.first_basis}"),
            "m1": w.money(f"trade.{w.m}.{year}.{w.first_basis}"),
            "gm": w.pct(f"trade.growth5.{w.m}.{year}.{w.first_basis}"),
        })
    ytd = w.f.get("trade.ytd.turnover")
    if ytd:
        prev = w.f.get("trade.ytd.turnover.previous")
        s.paragraphs.append(_(
            "In %(period)s turnover came to %(value)s (%(basis)s), against %(previous)s in the "
            "same months of the previous year (%(growth)s)."
        ) % {"period": w.period(ytd.period), "value": w.money("trade.ytd.turnover"),
             "basis": w.basis(ytd.basis),
             "previous": w.money("trade.ytd.turnover.previous") if prev else "—",
             "growth": w.pct("trade.ytd.growth")})
    share_fig = w.f.get(w.share_key)
    if share_fig:
        text = _(
            "%(second)s accounts for %(share)s of %(first_gen)s's trade with %(region_ins)s "
            "(%(year)s, %(basis)s: the turnover of %(first_gen)s with %(second_ins)s divided by "
            "%(first_gen)s's turnover with the %(others)s other countries of %(region_gen)s, "
            "%(denominator)s)."
        ) % {**w.words, "basis": w.basis(share_fig.basis), "share": w.pct(w.share_key, signed=False), "year": share_fig.period,
             "denominator": w.money(f"{w.share_key}.denominator")}
        if "trade.share.pair_of_region.low" in w.f:
            text += " " + _(
                "Of all trade within %(region_gen)s, each pair of countries counted once, the "
                "pair %(first)s — %(second)s makes up %(low)s to %(high)s."
            ) % {**w.words, "low": w.pct("trade.share.pair_of_region.low", signed=False),
                 "high": w.pct("trade.share.pair_of_region.high", signed=False)}
        s.paragraphs.append(text)
    s.tables.append(_trade_table(w))
    if "target.trade.value" in w.f:
        s.tables.append(_pace_table(w))
        s.paragraphs.append(_(
            "The heads of state set the target of %(target)s of mutual trade by %(year)s. "
            "Trade must grow by %(required)s a year to reach it; over the last five years it "
            "grew by %(observed)s a year (%(basis)s)."
        ) % {"basis": w.basis(w.first_basis), "target": w.money("target.trade.value"), "year": w.year("target.trade.year"),
             "required": w.pct(f"trade.pace.{w.first_basis}.required", signed=False),
             "observed": w.pct(f"trade.pace.{w.first_basis}.observed", signed=False)})
    s.charts += [charts.turnover_chart(w), charts.flows_chart(w)]
    return s


def _trade_table(w: Writer) -> Table:
    rows = []
    seen = sorted({(f.period, f.basis) for f in w.f.prefixed("trade.turnover.")},
                  key=lambda k: (k[0], k[1]))
    for year, basis in seen:
        if not year.isdigit():
            continue
        turnover = w.f.get(f"trade.turnover.{year}.{basis}")
        rows.append([
            year, w.basis(basis),
            w.money(f"trade.turnover.{year}.{basis}", qualify=False),
            w.money(f"trade.{w.x}.{year}.{basis}", qualify=False),
            w.money(f"trade.{w.m}.{year}.{basis}", qualify=False),
            _("derived") if turnover and turnover.provenance == "derived" else "",
        ])
    return Table(_("Mutual trade by year, as each side reports it"),
                 [_("Year"), _("Basis"), _("Turnover"), w.flow(w.x), w.flow(w.m), _("Note")],
                 rows, (2, 3, 4))


def _pace_table(w: Writer) -> Table:
    rows = []
    for basis in w.pair.bases if w.pair else ():
        if f"trade.pace.{basis}.status" not in w.f:
            continue
        latest = w.f.get(f"trade.pace.{basis}.latest")
        rows.append([
            w.basis(basis), f"{latest.period}: {w.money(f'trade.pace.{basis}.latest')}",
            w.pct(f"trade.pace.{basis}.required", signed=False),
            w.pct(f"trade.pace.{basis}.observed", signed=False),
            w.money(f"trade.pace.{basis}.projected"),
            w.status(w.f.text(f"trade.pace.{basis}.status")),
        ])
    return Table(
        _("Pace to the target of %(target)s by %(year)s") % {
            "target": w.money("target.trade.value"), "year": w.year("target.trade.year")},
        [_("Basis"), _("Latest"), _("Growth needed a year"), _("Growth observed a year"),
         _("Projected at the target year"), _("Signal")], rows, (2, 3, 4))


def _portfolio(w: Writer) -> Section:
    s = Section("portfolio", _("Industrial cooperation portfolio"))
    if "portfolio.all.count" not in w.f:
        s.paragraphs.append(_("No portfolio figures were recorded in this snapshot."))
        return s
    n = int(w.f.value("portfolio.all.count") or 0)
    done = int(w.f.value("portfolio.implemented.count") or 0)
    running = int(w.f.value("portfolio.implementation.count") or 0)
    s.paragraphs.append(ngettext(
        "Industrial cooperation provides for %(count)s project worth %(value)s, with %(jobs)s "
        "jobs.",
        "Industrial cooperation provides for %(count)s projects worth %(value)s, with %(jobs)s "
        "jobs.", n,
    ) % {"count": w.count("portfolio.all.count"), "value": w.money("portfolio.all.value"),
         "jobs": w.jobs("portfolio.all.jobs")})
    s.paragraphs.append(ngettext(
        "%(count)s joint project worth %(value)s has been implemented, creating %(jobs)s jobs.",
        "%(count)s joint projects worth %(value)s have been implemented, creating %(jobs)s "
        "jobs.", done,
    ) % {"count": w.count("portfolio.implemented.count"),
         "value": w.money("portfolio.implemented.value"),
         "jobs": w.jobs("portfolio.implemented.jobs")})
    s.paragraphs.append(ngettext(
        "%(count)s investment project worth %(value)s is being implemented.",
        "%(count)s investment projects worth %(value)s are being implemented.", running,
    ) % {"count": w.count("portfolio.implementation.count"),
         "value": w.money("portfolio.implementation.value")})
    rows = []
    labels = {"all": _("All projects"), "implemented": _("Implemented"),
              "implementation": _("In implementation")}
    for code, label in labels.items():
        if f"portfolio.{code}.count" in w.f:
            rows.append([label, w.count(f"portfolio.{code}.count"),
                         w.money(f"portfolio.{code}.value"), w.jobs(f"portfolio.{code}.jobs"),
                         w.rule(f"portfolio.{code}")])
    s.tables.append(Table(_("Portfolio figures computed from the project records"),
                          [_("Figure"), _("Projects"), _("Value"), _("Jobs"),
                           _("Counting rule")], rows, (1, 2, 3)))
    s.charts.append(charts.portfolio_chart(w))
    return s


def _project_names(w: Writer, kind: str) -> list[str]:
    return sorted({f.key.split(".")[1] for f in w.f.prefixed("project.")
                   if f.key.endswith(".kind") and f.text == kind})


def _capacity(w: Writer, code: str) -> str:
    fig = w.f.get(f"project.{code}.capacity")
    if fig is None or fig.value is None:
        return ""
    unit = fig.unit
    key = f"project.{code}.capacity"
    if unit in ("t", "tonnes", "t/year"):
        text, _q = thousands(fig.value, w.lang)
        return w.mark(key, text) + word("t", w.lang)
    if unit in ("ha", "hectares"):
        return w.mark(key, number(fig.value, w.lang)) + word("ha", w.lang)
    return f"{w.mark(key, number(fig.value, w.lang))} {unit}"


def _projects(w: Writer) -> Section:
    s = Section("projects", _("Named projects"))
    transport = [w.text(f"project.{c}.name") for c in _project_names(w, "transport")]
    if transport:
        s.paragraphs.append(_("Transport: the parties are interested in the %(names)s "
                              "projects.") % {"names": ", ".join(transport)})
    for code in ("icic", "taraz"):
        if f"project.{code}.name.en" not in w.f:
            continue
        name = w.text(f"project.{code}.name")
        place = w.text(f"project.{code}.place")
        bits = [b for b in (_capacity(w, code), place) if b]
        line = name + (" — " + "; ".join(bits) if bits else "")
        stage = w.f.text(f"project.{code}.stage")
        if stage:
            line += " (" + stage_label(stage) + ")"
        s.bullets.append(line)
    return s


def stage_label(stage: str) -> str:
    return {
        "1": _("pipeline"), "2": _("implementation"), "3": _("finalisation"),
        "4": _("implemented"), "5": _("cancelled"), "6": _("suspended"),
    }.get(stage, stage)


def water_uses(w: Writer) -> list[dict]:
    """Each party's season use against its limit, from the water figures (water.limit.*)."""
    uses = []
    for fig in w.f.prefixed("water.limit."):
        if not fig.key.endswith(".limit"):
            continue
        key = fig.key.removesuffix(".limit")
        used, planned = w.f.get(f"{key}.used"), w.f.get(f"{key}.planned")
        coverage = w.f.value(f"{key}.coverage")
        share = (used.value / fig.value * 100) if used and used.value is not None and fig.value \
            else None
        uses.append({
            "key": key, "side": key.rsplit(".", 1)[1], "site": w.text(f"{key}.site"),
            "kind": w.f.text(f"{key}.kind"), "period": fig.period,
            "limit": number(fig.value, w.lang), "limit_provenance": fig.provenance,
            "used": number(used.value, w.lang, 1) if used and used.value is not None else "—",
            "planned": number(planned.value, w.lang, 1) if planned and planned.value is not None
            else "—",
            "share": percent(share, w.lang) if share is not None else "—",
            "coverage": percent(coverage * 100, w.lang) if coverage is not None else "—",
            "provenance": used.provenance if used else "", "link": used.link if used else "",
        })
    return uses


def _water(w: Writer) -> Section:
    s = Section("water", _("Water"))
    names = [w.text(f"project.{c}.name") for c in _project_names(w, "water")]
    if names:
        s.bullets += names
    uses = water_uses(w)
    if uses:
        s.tables.append(Table(
            _("Season use against the limit (Mm³, from the water records)"),
            [_("Party"), _("Intake"), _("Limit"), _("Used"), _("Share"), _("Planned so far"),
             _("Coverage")],
            [[w.side(u["side"]), u["site"], w.mark(f"{u['key']}.limit", u["limit"]),
              w.mark(f"{u['key']}.used", u["used"]), w.mark(f"{u['key']}.used", u["share"]),
              w.mark(f"{u['key']}.planned", u["planned"]),
              w.mark(f"{u['key']}.coverage", u["coverage"])] for u in uses], (2, 3, 4, 5, 6)))
        if any(u["provenance"] == "synthetic" for u in uses):
            s.paragraphs.append(_("Use is measured from synthetic demo telemetry; the dekada "
                                  "plans are illustrative."))
    rows = _decision_rows(w, sector="water")
    if rows:
        s.tables.append(Table(_("Water decisions of the previous session"),
                              [_("Side"), _("Status"), _("Decisions")], rows, (2,)))
    if not names and not rows and not uses:
        s.paragraphs.append(_("No water projects or decisions were recorded in this snapshot."))
    else:
        s.paragraphs.insert(0, _("Joint steps to digitalise and automate water distribution on "
                                 "the Syr Darya:"))
    return s


def _decision_rows(w: Writer, *, sector: str) -> list[list[str]]:
    rows = []
    for fig in w.f.prefixed("decisions."):
        parts = fig.key.split(".")
        if len(parts) == 4 and parts[2] == sector:
            rows.append([w.side(parts[1]), w.status(parts[3]), w.count(fig.key)])
    return rows


def _decisions(w: Writer) -> Section:
    meeting = w.f.value("decisions.meeting")
    s = Section("decisions", _("Decisions of the previous session"))
    if meeting is not None:
        s.paragraphs.append(_("Status of implementation of the decisions of the %(n)s "
                              "session, by sector and side.") % {"n": ordinal(int(meeting), w.lang)})
    sectors: dict[str, dict[tuple[str, str], str]] = {}
    statuses: list[str] = []
    for fig in w.f.prefixed("decisions."):
        parts = fig.key.split(".")
        if len(parts) == 4:
            side, sector, status = parts[1:]
            sectors.setdefault(sector, {})[(side, status)] = w.count(fig.key)
            if status not in statuses:
                statuses.append(status)
    statuses.sort()
    rows = []
    for sector in sorted(sectors, key=lambda x: (x == "all", x)):
        for side in w.pair.codes if w.pair else ():
            cells = [sectors[sector].get((side, st), "0") for st in statuses]
            label = _("All sectors") if sector == "all" else w.text(f"sector.{sector}") or sector
            rows.append([label, w.side(side), *cells])
    if rows:
        s.tables.append(Table(_("Decisions by sector, side and status"),
                              [_("Sector"), _("Side"), *[w.status(x) for x in statuses]], rows,
                              tuple(range(2, 2 + len(statuses)))))
        s.charts.append(charts.decisions_chart(w))
    bits = []
    for side in w.pair.codes if w.pair else ():
        if f"decisions.{side}.overdue" in w.f:
            bits.append(f"{w.side(side)}: {w.count(f'decisions.{side}.overdue')}")
    if bits:
        s.paragraphs.append(_("Overdue: %(list)s.") % {"list": "; ".join(bits)})
    if "decisions.carried_over" in w.f:
        s.paragraphs.append(_("Carried over to this session: %(n)s.") % {
            "n": w.count("decisions.carried_over")})
    if not rows:
        s.paragraphs.append(_("No decisions were recorded in this snapshot."))
    return s


def _release(w: Writer) -> Section:
    """The press release the commission would publish, every figure computed."""
    s = Section("release", _("Draft press release"))
    number_ = w.f.value("meeting.number")
    held = w.f.text("meeting.held_on")
    place = w.text("meeting.place")
    if number_ is not None and held:
        s.paragraphs.append(_(
            "The %(n)s meeting of the Joint Intergovernmental Commission on Bilateral "
            "Cooperation between %(first_ins)s and %(second_ins)s was held in %(place)s on "
            "%(date)s."
        ) % {**w.words, "n": ordinal(int(number_), w.lang), "place": place, "date": w.day(date.fromisoformat(held))})
    share_fig = w.f.get(w.share_key)
    if share_fig:
        s.paragraphs.append(_(
            "%(second)s accounts for %(share)s of %(first_gen)s's trade with %(region_gen)s."
        ) % {**w.words, "share": w.pct(w.share_key, signed=False)})
    year = w.latest_year()
    ytd = w.f.get("trade.ytd.turnover")
    if year and ytd:
        s.paragraphs.append(_(
            "In %(year)s trade turnover between the two countries amounted to %(turnover)s; "
            "in %(period)s it came to %(ytd)s."
        ) % {"year": year, "turnover": w.money(f"trade.turnover.{year}.{w.first_basis}"),
             "period": w.period(ytd.period), "ytd": w.money("trade.ytd.turnover")})
    if "portfolio.all.count" in w.f:
        s.paragraphs.append(_(
            "Industrial cooperation provides for %(count)s projects worth %(value)s, creating "
            "%(jobs)s jobs. %(done)s joint projects worth %(done_value)s have been "
            "implemented, creating %(done_jobs)s jobs; %(running)s investment projects worth "
            "%(running_value)s are under way."
        ) % {"count": w.count("portfolio.all.count"), "value": w.money("portfolio.all.value"),
             "jobs": w.jobs("portfolio.all.jobs"), "done": w.count("portfolio.implemented.count"),
             "done_value": w.money("portfolio.implemented.value"),
             "done_jobs": w.jobs("portfolio.implemented.jobs"),
             "running": w.count("portfolio.implementation.count"),
             "running_value": w.money("portfolio.implementation.value")})
    if "project.taraz.name.en" in w.f:
        s.paragraphs.append(_("One of the large projects is the %(name)s with a capacity of "
                              "%(capacity)s of steel products a year.") % {
            "name": w.text("project.taraz.name"), "capacity": _capacity(w, "taraz")})
    if "project.icic.name.en" in w.f:
        s.paragraphs.append(_("The %(name)s, with an area of %(area)s (%(place)s), will give "
                              "joint production further impetus.") % {
            "name": w.text("project.icic.name"), "area": _capacity(w, "icic"),
            "place": w.text("project.icic.place")})
    transport = [w.text(f"project.{c}.name") for c in _project_names(w, "transport")]
    if transport:
        s.paragraphs.append(_("The parties expressed joint interest in the %(names)s "
                              "projects.") % {"names": ", ".join(transport)})
    if "target.trade.value" in w.f:
        s.paragraphs.append(_("The heads of state have set the task of bringing mutual trade "
                              "to %(target)s.") % {"target": w.money("target.trade.value")})
    if year and _has_growth(w, year):
        s.paragraphs.append(_(
            "Reference: trade turnover between %(first_ins)s and %(second_ins)s grew by %(g)s "
            "over five years to %(turnover)s. Exports of goods from %(first_gen)s increased by "
            "%(gx)s, from %(x0)s to %(x1)s. Imports decreased by %(gm)s and amounted to %(m1)s "
            "in %(year)s."
        ) % {**w.words, "g": w.pct(f"trade.growth5.turnover.{year}.{w.first_basis}", signed=False),
             "turnover": w.money(f"trade.turnover.{year}.{w.first_basis}"),
             "gx": w.pct(f"trade.growth5.{w.x}.{year}.{w.first_basis}", signed=False),
             "x0": w.money(f"trade.{w.x}.{year - 5}.{w.first_basis}"),
             "x1": w.money(f"trade.{w.x}.{year}.{w.first_basis}"),
             "gm": w.mark(f"trade.growth5.{w.m}.{year}.{w.first_basis}", percent(
                 abs(w.f.value(f"trade.growth5.{w.m}.{year}.{w.first_basis}") or 0), w.lang)),
             "m1": w.money(f"trade.{w.m}.{year}.{w.first_basis}"), "year": year})
    return s


def _not_facts(w: Writer) -> list[tuple[str, Figure]]:
    """The figures that are not facts (illustrative or synthetic), one per thing they describe,
    each with a label: the figure whose reason covers the most inputs stands for its group."""
    portfolio = {"all": _("All projects"), "implemented": _("Implemented"),
                 "implementation": _("In implementation")}
    water = {"limit": _("Limit"), "used": _("Used"), "planned": _("Planned so far"),
             "coverage": _("Coverage")}
    groups: dict[str, list[Figure]] = {}
    for f in w.f:
        if f.provenance not in NOT_FACT:
            continue
        parts = f.key.split(".")
        if parts[0] == "portfolio" and len(parts) == 3:
            label = f"{_('Industrial cooperation portfolio')}: {portfolio.get(parts[1], parts[1])}"
        elif parts[0] == "decisions" and parts[1] == "carried_over":
            label = _("Decisions carried over to this session")
        elif parts[0] == "decisions":
            label = f"{_('Decisions of the previous session')}: {w.side(parts[1])}"
        elif parts[0] == "project":
            label = w.text(f"project.{parts[1]}.name")
        elif parts[0] == "theme":
            label = _("Product themes")
        elif parts[0] == "water" and len(parts) == 6 and parts[5] in water:
            key = ".".join(parts[:5])
            label = f"{_('Water')}: {w.text(f'{key}.site')} ({w.side(parts[4])})"
        else:
            label = f.key
        groups.setdefault(label, []).append(f)
    out = []
    for label, figs in sorted(groups.items()):
        measures = [water[f.key.rsplit(".", 1)[1]] for f in figs if f.key.startswith("water.")]
        if measures:
            label += " (" + ", ".join(measures) + ")"
        # The weakest of the group, and of those the one computed from the most inputs.
        worst = weakest(f.provenance for f in figs)
        out.append((label, max((f for f in figs if f.provenance == worst),
                               key=lambda f: sum(inputs_of(f.inputs)[1].values()))))
    return out


def _themes(w: Writer) -> Section | None:
    """The commission's product themes over the years, each way (a table), or None."""
    keys = sorted({tuple(f.key.split(".")[1:4]) for f in w.f.prefixed("theme.")
                   if f.key.endswith(".value")}, key=lambda k: (-int(k[2]), k[0], k[1]))
    if not keys or not w.pair:
        return None
    s = Section("themes", _("Product themes"))
    first, second = w.pair.codes
    ways = (f"{first}-{second}", f"{second}-{first}")
    themes = list(dict.fromkeys(code for code, _way, _year in keys))
    rows = []
    for year in sorted({int(y) for _c, _w, y in keys}, reverse=True):
        for code in themes:
            row = [str(year), w.text(f"theme.{code}.title")]
            for way in ways:
                base = f"theme.{code}.{way}.{year}"
                value = w.f.value(f"{base}.value")
                row += ["—" if value is None else number(value, w.lang, 1),
                        w.pct(f"{base}.share", signed=False), w.pct(f"{base}.growth")]
            rows.append(row)
    flows = [w.flow(w.x), w.flow(w.m)]
    s.tables.append(Table(
        _("Product themes each way, US$ million, share of the direction's trade and growth "
          "on the year before"),
        [_("Year"), _("Theme"), *(label for flow in flows for label in (
            flow, _("share"), _("y/y")))], rows, (2, 3, 4, 5, 6, 7)))
    sample = w.f.get(f"theme.{themes[0]}.{ways[0]}.{keys[0][2]}.value")
    if sample and sample.provenance == "synthetic":
        s.paragraphs.append(_(
            "These theme figures are computed from %(source)s, which is synthetic (generated, "
            "not real trade): they show how the series is built, not the trade of the sides."
        ) % {"source": w.cited(sample.source) or sample.basis})
    return s


def _notes(w: Writer) -> Section:
    s = Section("notes", _("Data notes"))
    # Notes on the release's own figures come from the claims checker when a release is stored,
    # each worded per language (``claims.note.NN.ru``) beside its English (``claims.note.NN``).
    checked = [f for f in w.f.prefixed("claims.note.") if f.key.count(".") == 2]
    s.bullets.extend(w.cited(w.text(f.key)) for f in checked)
    year = w.latest_year()
    if year and not checked:
        meeting = w.f.get(f"trade.turnover.{year}.meeting")
        own = w.f.get(f"trade.turnover.{year}.{w.first_basis}")
        if meeting and own and meeting.value != own.value:
            parts = (w.f.value(f"trade.{w.x}.{year}.{w.first_basis}") or Decimal(0)) + (
                w.f.value(f"trade.{w.m}.{year}.{w.first_basis}") or Decimal(0))
            s.bullets.append(_(
                "Two figures for turnover in %(year)s: %(meeting)s (the meeting's figure, "
                "%(msource)s) and %(kz)s (%(basis)s, %(ksource)s). Exports and imports "
                "on that basis add up to %(parts)s (%(x)s + %(m)s), so this pack uses "
                "%(kz)s."
            ) % {"basis": w.basis(w.first_basis), "year": year, "meeting": w.money(f"trade.turnover.{year}.meeting"),
                 "msource": w.cited(meeting.source), "kz": w.money(f"trade.turnover.{year}.{w.first_basis}"),
                 "ksource": w.cited(own.source), "parts": money(parts, w.lang),
                 "x": w.money(f"trade.{w.x}.{year}.{w.first_basis}"), "m": w.money(f"trade.{w.m}.{year}.{w.first_basis}")})
    if w.share_key in w.f and not checked:
        text = _(
            "%(second_gen)s's share of %(first_gen)s's trade with %(region_ins)s (%(share)s on "
            "%(basis)s) is not a share of all trade in %(region_gen)s."
        ) % {**w.words, "basis": w.basis(w.f.get(w.share_key).basis), "share": w.pct(w.share_key, signed=False)}
        if "trade.share.pair_of_region.low" in w.f:
            text += " " + _(
                "Trade between %(first_ins)s and %(second_ins)s is %(low)s to %(high)s of all "
                "trade within %(region_gen)s, each pair of countries counted once."
            ) % {**w.words, "low": w.pct("trade.share.pair_of_region.low", signed=False, ),
                 "high": w.pct("trade.share.pair_of_region.high", signed=False)}
        s.bullets.append(text)
    measures = {key: w.flow(key) for key in ("turnover", w.x, w.m) if key}
    derived = [f for f in w.f if f.provenance == "derived" and f.key.count(".") == 3
               and f.key.split(".")[1] in measures and f.period.isdigit()]
    if derived:
        s.bullets.append(_("Derived, not published: %(list)s.") % {
            "list": ", ".join(f"{measures[f.key.split('.')[1]]} {f.period} ({w.basis(f.basis)})"
                              for f in derived)})
    listed = _not_facts(w)
    if listed:
        s.bullets.append(_("Figures marked %(mark)s are not facts: %(list)s.") % {
            "mark": MARK, "list": "; ".join(
                f"{label} — " + (f"{provenance_label(fig.provenance)}, " if fig.inputs else "")
                + provenance_reason(fig.provenance, fig.inputs, w.lang)
                for label, fig in listed)})
    later = w.f.value("sources.later")
    if later:
        s.bullets.append(ngettext(
            "%(n)s source published after %(date)s is not cited.",
            "%(n)s sources published after %(date)s are not cited.", int(later)) % {
            "n": count(later, w.lang),
            "date": w.day(date.fromisoformat(w.f.get("sources.later").period))})
    sources = sorted({src.strip() for f in w.f for src in f.source.split(";") if src.strip()})
    s.tables.append(Table(_("Sources"), [_("Source")], [[w.cited(src)] for src in sources]))
    s.paragraphs.append(_("Definitions follow the metrics registry of bilat; every figure in "
                          "this pack is frozen in snapshot %(hash)s.") % {
        "hash": w.f.text("snapshot.hash") or ""})
    if w.fallbacks:
        names = language_names()
        s.paragraphs.append(_("Texts not kept in the language of this pack (names of projects, "
                              "places and sectors) are given %(languages)s.") % {
            "languages": ", ".join(names.get(code, code) for code in sorted(w.fallbacks))})
    return s


def build_briefing(figures: FigureSet, *, lang: str, as_of: date, content_hash: str) -> Briefing:
    """The briefing pack in one language, from a snapshot's figures only."""
    with translation.override(lang):
        w = Writer(FigureSet([*figures, Figure("snapshot.hash", None, text=content_hash[:12])]),
                   lang)
        number_ = w.f.value("meeting.number")
        if number_ is not None:
            title = _("Briefing for the %(n)s meeting of the Joint Intergovernmental "
                      "Commission") % {"n": ordinal(int(number_), lang)}
        else:
            title = _("Briefing of the Joint Intergovernmental Commission")
        subtitle = _("%(first)s — %(second)s. Figures as of %(date)s.") % PairWords(
            {**w.words, "date": w.day(as_of)})
        sections = [_summary(w), _trade(w), _portfolio(w), _projects(w), _water(w),
                    _decisions(w), _release(w), _notes(w)]
        if themes := _themes(w):
            sections.insert(2, themes)
        return Briefing(lang, title, subtitle, as_of, content_hash, sections)
