"""``bilat trade load|indicators|demo|upgrade``: fill the trade warehouse and ask it questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from bilat.accounts.policy import reader_of
from bilat.commissions.commands import add_commission_option, the_one
from bilat.commissions.context import in_commission
from bilat.commissions.models import Commission, all_commissions
from bilat.core.models import AccessTier
from bilat.targets.services import trade_target
from bilat.trade.demo import load_demo
from bilat.trade.display import plain_text
from bilat.trade.forms import parse_pair_query
from bilat.trade.indicators import PairIndicators, pair_indicators
from bilat.trade.loaders import FORMATS, LoadError, load
from bilat.trade.queries import CA5
from bilat.trade.serializers import PairIndicatorsSerializer
from bilat.trade.warehouse import SCHEMA_VERSION, WarehouseError, upgrade

# The options of ``indicators``, named as the API names its parameters (PairQueryForm checks both).
QUESTION = ("reporter", "partner", "year", "basis", "product_basis", "target", "target_year")


class Command(BaseCommand):
    help = "Load statistics into the trade warehouse, load the demo, or print a pair's indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p_load = sub.add_parser("load", help="Load BACI, Comtrade or national statistics files.")
        p_load.add_argument("--format", required=True, choices=FORMATS)
        p_load.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        p_load.add_argument("--source", help="Source name (default: from the format).")
        p_load.add_argument("--vintage", help="Release of the source (default: from the file).")
        p_load.add_argument("--basis", help="Statistics basis (default: BACI, COMTRADE, reporter).")
        p_load.add_argument("--flag", choices=("derived", "illustrative", "synthetic"))
        p_load.add_argument("--classification", help="HS edition, e.g. HS17 (default: from name).")

        p_ind = sub.add_parser("indicators", help="Every indicator of a pair, in US$.")
        p_ind.add_argument("--reporter", help="Default: the commission's first side.")
        p_ind.add_argument("--partner", help="Default: the commission's second side.")
        add_commission_option(p_ind)
        p_ind.add_argument("--year", help="Default: the latest year with a turnover.")
        p_ind.add_argument("--basis", help="Statistics basis (default: the reporter's).")
        p_ind.add_argument("--product-basis", help="Basis of the HS detail (default: BACI).")
        p_ind.add_argument("--target", help="Target in US$, a finite number (default: the "
                                            "commission's Target record of mutual trade).")
        p_ind.add_argument("--target-year", help="Default: the year of that Target record.")
        p_ind.add_argument("--json", action="store_true", help="Print JSON.")

        sub.add_parser("demo", help="Load the demo figures and the synthetic world sample.")
        sub.add_parser("upgrade", help="Convert a warehouse written by an earlier bilat.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"handle_{options['action']}")(**options)
        except LoadError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        except WarehouseError as exc:
            raise CommandError(str(exc)) from exc

    def say(self, message: str) -> None:
        self.stderr.write(message)

    def handle_load(self, **o: Any) -> None:
        result = load(
            o["format"], o["paths"], source=o["source"], vintage=o["vintage"], basis=o["basis"],
            flag=o["flag"], classification=o["classification"], progress=self.say,
        )
        years = sorted({s[2] for s in result.scopes})
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {result.rows:,} rows from {len(result.files)} file(s)"
            f" for {', '.join(map(str, years)) or 'no year'}"
            + (f"; {result.skipped:,} breakdown rows skipped" if result.skipped else "")
            + (f"; {result.products:,} product codes" if result.products else "")
        ))
        for name, vintage in result.vintages.items():
            self.stdout.write(f"  {name}: vintage {vintage}")

    def handle_demo(self, **o: Any) -> None:
        results = load_demo(progress=self.say)
        rows = sum(r.rows for r in results)
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {rows:,} rows."))

    def handle_upgrade(self, **o: Any) -> None:
        before = upgrade()
        self.stdout.write(self.style.SUCCESS(
            f"The trade warehouse has layout version {SCHEMA_VERSION}"
            + (f" (was {before})." if before != SCHEMA_VERSION else " already.")
        ))

    def handle_indicators(self, **o: Any) -> None:
        commission = _default_commission(o.get("commission"))
        if not (o["reporter"] and o["partner"]):  # the pair of the commission meant
            first, second = commission.side_codes if commission else (CA5[0], CA5[1])
            o["reporter"] = o["reporter"] or (second if o["partner"] == first else first)
            o["partner"] = o["partner"] or (second if o["reporter"] == first else first)
        recorded = _recorded_target(commission)
        try:
            query = parse_pair_query({name: o[name] for name in QUESTION if o[name] is not None},
                                     default_target=recorded)
        except ValidationError as exc:
            raise CommandError("; ".join(
                f"--{name.replace('_', '-')}: {' '.join(messages)}"
                for name, messages in exc.message_dict.items()
            )) from exc
        found = pair_indicators(query)
        self.stderr.write(
            f"Target: {_bn(query.target.value)} by {query.target.year}, {query.target.source}."
            if query.target else
            "No target: the commission has no Target record of mutual trade with a year; give "
            "--target and --target-year.")
        self.stderr.write(f"{found.basis_reason}."
                          + (f" Nothing to show: {found.empty_reason}." if found.empty_reason
                             else ""))
        if o["json"]:
            data = PairIndicatorsSerializer(found).data
            try:
                # Strict JSON: NaN and Infinity are not JSON, and no figure of ours is either.
                text = json.dumps(data, ensure_ascii=False, indent=2, default=str, allow_nan=False)
            except ValueError as exc:
                raise CommandError(
                    "An indicator is not a finite number; the warehouse holds a figure loaded "
                    "before bilat refused them: reload its file."
                ) from exc
            self.stdout.write(text)
            return
        self.stdout.write(render_text(found))


def _default_commission(code: str | None) -> Commission | None:
    """The commission named, or the installation's only one; None with no commission recorded
    (a warehouse without a registry: the default region's first pair, no target)."""
    if code:
        return the_one(code)
    try:
        known = all_commissions()
    except (DatabaseError, RuntimeError):  # no registry database to ask (RuntimeError: tests)
        known = []
    return the_one(None, known) if known else None


def _recorded_target(commission: Commission | None):
    """The commission's public Target record of mutual trade, as the pace reads it."""
    if commission is None:
        return None
    with in_commission(commission.pk):
        return trade_target(reader_of(AccessTier.PUBLIC))


def _bn(value: float | None) -> str:
    """US$ and US$ bn, rounded half-up (bilat.trade.display)."""
    if value is None:
        return "—"
    return f"{plain_text(value, 0)} US$ ({plain_text(value / 1e9, 2)} bn)"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{plain_text(value, 1, signed=True)} %"


def render_text(d: PairIndicators) -> str:
    """A short text report of the indicators (the JSON has everything)."""
    lines = [f"{d.reporter}–{d.partner}, {d.year}, basis {d.basis} (values in US$)",
             f"  {d.basis_reason}"]
    if d.empty_reason:
        lines.append(f"  nothing to show: {d.empty_reason}")
    cur = d.current
    for measure in ("exports", "imports", "turnover"):
        fig = getattr(cur, measure) if cur else None
        if fig:
            flag = f" [{fig.flag}]" if fig.flag else ""
            lines.append(f"  {measure:9} {_bn(fig.value)}  — {fig.source}{flag}")
    if cur and cur.balance is not None:
        lines.append(f"  balance   {_bn(cur.balance)}")
    for measure, g in (d.growth or {}).items():
        lines.append(f"  {measure:9} y/y {_pct(g.yoy)}; since {g.base_year} "
                     f"{_pct(g.growth_n)}; CAGR {_pct(g.cagr)}")
    if y := d.ytd:
        lines.append(f"  year to date {y.period} ({y.basis}): {_bn(y.turnover.value)},"
                     f" {_pct(y.turnover.growth)} against {y.previous_period}")
    s = d.share_of_reporter_region
    if s and s.share is not None:
        lines.append(f"  {s.numerator_label} ÷ {s.denominator_label}: {plain_text(s.share, 1)} %")
    r = d.share_of_region
    if r and r.share_low is not None and r.share_high is not None:
        lines.append(f"  share of all trade within the region (each pair once): "
                     f"{plain_text(r.share_low, 1)}–{plain_text(r.share_high, 1)} %")
    if t := d.target:
        lines.append(f"  target {_bn(t.target_value)} by {t.target_year}: needs "
                     f"{_pct(t.required_growth)} a year, observed {_pct(t.observed_growth)};"
                     f" {t.status}")
    for name, index in (("complementarity", d.complementarity),
                        ("trade intensity", d.trade_intensity)):
        if index:
            text = ", ".join(f"{k} {plain_text(v, 2)}" for k, v in index.by_direction.items()
                             if v is not None)
            lines.append(f"  {name} ({index.basis}, {index.year}): {text}")
    return "\n".join(lines) + "\n"
