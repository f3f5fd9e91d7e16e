"""``bilat trade load|indicators|demo``: fill the trade warehouse and ask it questions."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.trade import queries
from bilat.trade.demo import load_demo
from bilat.trade.loaders import FORMATS, LoadError, load
from bilat.trade.warehouse import WarehouseError


def finite_float(text: str) -> float:
    """A command-line number that is finite (not nan, inf or too large)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


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
        p_ind.add_argument("--reporter", default="KZ")
        p_ind.add_argument("--partner", default="UZ")
        p_ind.add_argument("--year", type=int)
        p_ind.add_argument("--basis", help="Statistics basis (default: the reporter's).")
        p_ind.add_argument("--product-basis", default=queries.PRODUCT_BASIS)
        p_ind.add_argument("--target", type=finite_float, default=10e9, help="Target in US$.")
        p_ind.add_argument("--target-year", type=int, default=2030)
        p_ind.add_argument("--json", action="store_true", help="Print JSON.")

        sub.add_parser("demo", help="Load the demo figures and the synthetic world sample.")

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

    def handle_demo(self, **o: Any) -> None:
        results = load_demo(progress=self.say)
        rows = sum(r.rows for r in results)
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {rows:,} rows."))

    def handle_indicators(self, **o: Any) -> None:
        data = queries.pair_indicators(
            o["reporter"].upper(), o["partner"].upper(), year=o["year"], basis=o["basis"],
            product_basis=o["product_basis"], target_value=o["target"],
            target_year=o["target_year"],
        )
        if o["json"]:
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
        self.stdout.write(render_text(data))


def _bn(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} US$ ({value / 1e9:.2f} bn)"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f} %"


def render_text(d: dict[str, Any]) -> str:
    """A short text report of the indicators (the JSON has everything)."""
    lines = [f"{d['reporter']}–{d['partner']}, {d['year']}, basis {d['basis']} (values in US$)"]
    cur = d.get("current") or {}
    for measure in ("exports", "imports", "turnover"):
        fig = cur.get(measure)
        if fig:
            flag = f" [{fig['flag']}]" if fig.get("flag") else ""
            lines.append(f"  {measure:9} {_bn(fig['value'])}  — {fig['source']}{flag}")
    if cur.get("balance") is not None:
        lines.append(f"  balance   {_bn(cur['balance'])}")
    for measure, g in (d.get("growth") or {}).items():
        lines.append(f"  {measure:9} y/y {_pct(g['yoy'])}; since {g['base_year']} "
                     f"{_pct(g['growth_n'])}; CAGR {_pct(g['cagr'])}")
    if d.get("ytd"):
        y = d["ytd"]
        lines.append(f"  year to date {y['period']} ({y['basis']}): {_bn(y['turnover']['value'])},"
                     f" {_pct(y['turnover']['growth'])} against {y['previous_period']}")
    s = d.get("share_of_reporter_region")
    if s and s.get("share") is not None:
        lines.append(f"  {s['numerator_label']} ÷ {s['denominator_label']}: {s['share']:.1f} %")
    r = d.get("share_of_region")
    if r and r.get("share_low") is not None:
        lines.append(f"  share of all trade within the region (each pair once): "
                     f"{r['share_low']:.1f}–{r['share_high']:.1f} %")
    t = d.get("target")
    if t:
        lines.append(f"  target {_bn(t['target_value'])} by {t['target_year']}: needs "
                     f"{_pct(t['required_growth'])} a year, observed {_pct(t['observed_growth'])};"
                     f" {t['status']}")
    for key in ("complementarity", "trade_intensity"):
        if d.get(key):
            values = {k: v for k, v in d[key].items() if "->" in k}
            text = ", ".join(f"{k} {v:.2f}" for k, v in values.items() if v is not None)
            lines.append(f"  {key.replace('_', ' ')} ({d[key]['basis']}, {d[key]['year']}): {text}")
    return "\n".join(lines) + "\n"

