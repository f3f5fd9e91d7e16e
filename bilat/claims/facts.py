"""The data a claim is checked against: the trade warehouse and the registry.

``DataFacts`` answers the checker's ``FactsProvider`` protocol (``consistency.FactsProvider``):

* trade flows (turnover, exports, imports) of a pair for a year, a month or January to a month,
  on every basis the warehouse holds: each statistics office's own report (reporter ``KZ``,
  ``UZ``…) and mirror sources (BACI, Comtrade: reporter ``mirror``). The meeting's own rounding
  (basis ``meeting``) is a release's figure, not data, and synthetic rows are not data at all;
  growth rates are worked out by the checker from two such figures;
* the registry's portfolio for a stock of projects (counts, US$ values, jobs) by stage,
  counting what a reader of the document's tier may see (reporter ``registry``), through the
  portfolio rule the secretariat defined for those stages where there is one;
* the commission's trade targets (reporter ``registry``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import nullcontext
from decimal import Decimal

from bilat.accounts.policy import AnyUser, visible
from bilat.commissions.context import in_commission
from bilat.commissions.models import all_commissions
from bilat.projects.models import PortfolioRule
from bilat.projects.services import compute_portfolio, visible_projects
from bilat.targets.models import Target
from bilat.trade.queries import PairTotals, pair_totals
from bilat.trade.warehouse import WarehouseError

from .consistency import Fact
from .messages import LANGUAGES, msg

# The statistics bases that are not a country's own office: they mirror both.
MIRROR_BASES = {"BACI", "comtrade", "Comtrade", "mirror"}
FLOWS = {"trade_turnover": "turnover", "exports": "exports", "imports": "imports"}

# A stock of projects: the stages it counts, what it sums, which projects' jobs.
PORTFOLIO_STAGES = {
    "projects": ({1, 2, 3, 4},),
    "projects_completed": ({4}, {3, 4}),
    "projects_in_progress": ({2}, {2, 3}),
    "projects_planned": ({1},),
    "projects_pipeline": ({1},),
}
STOCKS = {
    "projects_count": ("projects", "count"),
    "projects_value": ("projects", "value"),
    "jobs": ("projects", "jobs_planned"),
    "jobs_created": ("projects_completed", "jobs_created"),
    "projects_completed_count": ("projects_completed", "count"),
    "projects_completed_value": ("projects_completed", "value"),
    "projects_in_progress_count": ("projects_in_progress", "count"),
    "projects_in_progress_value": ("projects_in_progress", "value"),
    "projects_planned_count": ("projects_planned", "count"),
    "projects_planned_value": ("projects_planned", "value"),
    "projects_pipeline_value": ("projects_pipeline", "value"),
}
TARGETS = {"trade_turnover_target": "turnover", "trade_potential": None}


def _period_key(period: str) -> tuple[str, int, int] | None:
    """The warehouse's (period kind, year, last month) of a claim's period, if it has one."""
    if m := re.fullmatch(r"(\d{4})", period):
        return "year", int(m[1]), 0
    if m := re.fullmatch(r"(\d{4})-01\.\.(\d{4})-(\d{2})", period):
        if m[1] == m[2]:
            return "ytd", int(m[1]), int(m[3])
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return "month", int(m[1]), int(m[2])
    return None


def published_step(value: float) -> float:
    """The precision a warehouse figure was most likely published with, in US$.

    The warehouse keeps US$ loaded from tables in millions: 4,400 (million) was "4.4 bn",
    a precision of 100 million; 1,317.0 is to the million; 953.4 to 0.1 million."""
    text = f"{value / 1e6:.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1]) * 1e6
    digits = text.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** min(zeros, max(len(digits) - 1, 0)) * 1e6


def _scale(unit: str) -> float:
    """The factor from an indicator's unit to US$: 'US$ bn' 1e9, 'US$ million' 1e6."""
    unit = unit.lower()
    if "bn" in unit or "billion" in unit:
        return 1e9
    if re.search(r"\bm\b|million|mln", unit):
        return 1e6
    return 1.0


class DataFacts:
    """Facts from the warehouse and the registry, as a reader of one tier sees them."""

    def __init__(self, *, reader: AnyUser = None, warehouse=None,
                 home: Sequence[str] | None = None):
        self.reader = reader
        self.warehouse = warehouse
        # The pair the registry's projects and targets are of: given, or the two sides of the
        # commission a claim's countries are (``_answering``).
        self.home = set(home) if home is not None else None
        self._pairs: dict[tuple[str, str], PairTotals | None] = {}
        self._portfolio: dict[str, dict[str, float] | None] = {}

    def _answering(self, countries: Sequence[str]) -> tuple[bool, int | None]:
        """Whether the registry answers for a claim about these countries, and the id of the
        commission whose records do (None: the records as they are scoped now)."""
        codes = set(countries)
        if self.home is not None:
            return codes == self.home, None
        for commission in all_commissions():
            if set(commission.side_codes) == codes:
                return True, commission.pk
        return False, None

    # ---- the protocol -----------------------------------------------------------------

    def facts(self, indicator: str, period: str, countries: Sequence[str]) -> list[Fact]:
        if indicator in FLOWS:
            return self._trade(indicator, period, countries)
        if indicator in STOCKS:
            return self._stock(indicator, countries)
        if indicator in TARGETS:
            return self._target(indicator, period, countries)
        return []

    # ---- trade --------------------------------------------------------------------------

    def _totals(self, a: str, b: str) -> PairTotals | None:
        key = (a, b)
        if key not in self._pairs:
            try:
                self._pairs[key] = pair_totals(a, b, warehouse=self.warehouse)
            except WarehouseError:
                self._pairs[key] = None
        return self._pairs[key]

    def _trade(self, indicator: str, period: str, countries: Sequence[str]) -> list[Fact]:
        key = _period_key(period)
        if key is None or len(countries) != 2 or countries[0] == countries[1]:
            return []
        reporter, partner = countries
        totals = self._totals(reporter, partner)
        if totals is None:
            return []
        kind, year, month = key
        out = []
        for p in totals.series(reporter, period_kind=None):
            if (p.year, p.month) != (year, month) or p.period_kind != kind:
                continue
            figure = getattr(p, FLOWS[indicator])
            if figure is None or p.basis == "meeting" or figure.flag == "synthetic":
                continue
            who = "mirror" if p.basis in MIRROR_BASES else p.basis
            label = msg("source.derived" if figure.flag == "derived" else "source.basis",
                        basis=p.basis, source=figure.source)
            out.append(Fact(figure.value, who, label, published_step(figure.value)))
        return out

    # ---- the registry -------------------------------------------------------------------

    def _portfolio_of(self, group: str, commission_id: int | None = None) -> dict | None:
        key = f"{commission_id}:{group}"
        if key in self._portfolio:
            return self._portfolio[key]
        totals = None
        for stages in PORTFOLIO_STAGES[group]:
            rule = next((r for r in PortfolioRule.objects.all() if set(r.stages) == stages), None)
            if rule is not None:
                t = compute_portfolio(rule, user=self.reader)
                totals = {"count": t.project_count, "value": float(t.value_usd),
                          "jobs": t.jobs, "source": msg("source.rule", rule=_named(rule, rule.code)),
                          "jobs_basis": rule.jobs_basis}
                break
        if totals is None:
            projects = visible_projects(self.reader).eligible().filter(
                stage__in=PORTFOLIO_STAGES[group][0])
            rows = list(projects.values_list("value_planned_usd", "jobs_planned", "jobs_created"))
            if rows:
                totals = {"count": len(rows),
                          "value": float(sum((v for v, _p, _c in rows if v), Decimal(0))),
                          "jobs_planned": sum(p for _v, p, _c in rows if p),
                          "jobs_created": sum(c for _v, _p, c in rows if c),
                          "source": msg("source.stages")}
        self._portfolio[key] = totals
        return totals

    def _stock(self, indicator: str, countries: Sequence[str]) -> list[Fact]:
        answers, commission_id = self._answering(countries)
        if not answers:
            return []
        group, measure = STOCKS[indicator]
        with in_commission(commission_id) if commission_id else nullcontext():
            totals = self._portfolio_of(group, commission_id)
        if not totals:
            return []
        if measure.startswith("jobs_"):
            if "jobs" in totals:  # a rule: its own jobs basis
                if totals["jobs_basis"] != measure[5:]:
                    return []
                value = totals["jobs"]
            else:
                value = totals[measure]
        else:
            value = totals[measure]
        return [Fact(float(value), "registry", totals["source"])]

    def _target(self, indicator: str, period: str, countries: Sequence[str]) -> list[Fact]:
        metric = TARGETS[indicator]
        answers, commission_id = self._answering(countries)
        if metric is None or not answers:
            return []
        with in_commission(commission_id) if commission_id else nullcontext():
            targets = list(visible(self.reader, Target.objects.select_related("indicator"))
                           .filter(indicator__trade_metric=metric))
        out = []
        for t in targets:
            same = (str(t.target_year) == period if t.target_year
                    else period in ("medium_term", "unspecified")
                    or (t.assumed_year and str(t.assumed_year) == period))
            if same:
                out.append(Fact(float(t.target_value) * _scale(t.indicator.unit), "registry",
                                msg("source.target", title=_named(t))))
        return out


def _named(record, code: str = "") -> dict:
    """A registry record (a portfolio rule, a target) as a message names it: by its title in
    each language it has (``messages``: the reader's, else a fallback), the checker's English
    by ``code`` when given."""
    names = {lang: getattr(record, f"title_{lang}", "") for lang in LANGUAGES}
    named = {"named": {lang: text for lang, text in names.items() if text}}
    return {**named, "code": code} if code else named
