"""``bilat water import|volumes|listen|bulletin|check``: the water accounting from the shell."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.core.management.commands.export import user_named
from bilat.water import allocation, bulletin, mqtt, services
from bilat.water.models import Site
from bilat.water.parsing import ParseError, rows_from_file
from bilat.water.periods import Dekada
from bilat.water.volumes import flow_series, season_report


class Command(BaseCommand):
    help = "Import readings, print volumes, listen to MQTT, write a dekada bulletin, scan plans."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("import", help="Import readings from a CSV, XLSX or JSON file.")
        p.add_argument("path", type=Path, metavar="FILE")
        p.add_argument("--json", action="store_true", help="Print the batch's answer as JSON.")
        p.add_argument("--as", dest="username", help="Act as this user (default: the system).")
        p.add_argument("--batch-id", default="", help="Idempotency key (the same id: one batch).")

        p = sub.add_parser("volumes", help="A site's volumes per dekada, month and season.")
        p.add_argument("--site", required=True, help="Site code.")
        p.add_argument("--season", required=True, type=int, help="Year the season starts.")
        p.add_argument("--kind", default="growing", choices=("growing", "non_growing"))
        p.add_argument("--json", action="store_true", help="Print JSON.")

        p = sub.add_parser("listen", help="Subscribe to the MQTT broker (BILAT_MQTT_URL).")
        p.add_argument("--as", dest="username", help="Act as this user (default: "
                                                     "BILAT_MQTT_USER, else the system).")

        p = sub.add_parser("bulletin", help="Write a dekada bulletin (PDF, XLSX or HTML).")
        p.add_argument("--dekada", required=True, help="YYYY-MM-N, N = 1, 2 or 3.")
        p.add_argument("--lang", default="en", choices=[code for code, _ in settings.LANGUAGES])
        p.add_argument("--format", default="pdf", choices=("pdf", "xlsx", "html"))
        p.add_argument("-o", "--output", type=Path, required=True, help="File to write.")

        sub.add_parser("check", help="Compare dekada plans with actuals; raise alerts once.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"handle_{options['action']}")(**options)

    def handle_import(self, **o: Any) -> None:
        user = user_named(o["username"])
        try:
            rows = rows_from_file(o["path"])
        except (OSError, ParseError) as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        outcome = services.ingest(rows, actor=user, door="file", batch_id=o["batch_id"],
                                  as_system=user is None)
        answer = outcome.as_dict()
        if o["json"]:
            self.stdout.write(json.dumps({k: answer[k] for k in (
                "new", "duplicate", "conflict", "rejected", "rejected_rows")}, ensure_ascii=False))
            return
        self.stdout.write(
            f"{answer['new']} new, {answer['duplicate']} duplicate, {answer['conflict']} "
            f"conflict, {answer['rejected']} rejected (batch {answer['batch_id']})")
        for r in answer["rejected_rows"]:
            self.stderr.write(f"row {r['row']}: {r['reason']}")

    def handle_volumes(self, **o: Any) -> None:
        site = Site.objects.select_related("side").filter(code=o["site"]).first()
        if site is None:
            raise CommandError(f"There is no site {o['site']!r}.")
        series = flow_series(site)
        if series is None:
            raise CommandError(f"Site {site.code!r} has no discharge or stage series.")
        report = season_report(series, o["season"], o["kind"])
        if o["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        for d in report["dekadas"]:
            volume = "—" if d["volume_mm3"] is None else f"{d['volume_mm3']:.3f}"
            self.stdout.write(f"{d['period']}  {volume:>10} Mm³  {d['coverage']:.1%}  "
                              f"{d['status']}")
        t = report["total"]
        volume = "—" if t["volume_mm3"] is None else f"{t['volume_mm3']:.3f}"
        self.stdout.write(f"season   {volume:>10} Mm³  {t['coverage']:.1%}  {t['status']}")

    def handle_listen(self, **o: Any) -> None:
        user = user_named(o["username"] or settings.BILAT_MQTT_USER)
        self.stderr.write(f"Listening on {settings.BILAT_MQTT_URL} "
                          f"({settings.BILAT_MQTT_TOPIC}/<series>); Ctrl-C stops.")

        def report(topic: str, outcome: services.Outcome) -> None:
            a = outcome.as_dict()
            again = " (batch id seen before: its first answer)" if outcome.replayed else ""
            self.stderr.write(f"{topic}: {a['new']} new, {a['duplicate']} duplicate, "
                              f"{a['conflict']} conflict, {a['rejected']} rejected{again}")

        try:
            mqtt.listen(actor=user, on_batch=report)
        except KeyboardInterrupt:
            sys.stderr.write("stopped\n")

    def handle_bulletin(self, **o: Any) -> None:
        try:
            dekada = Dekada.parse(o["dekada"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        data = bulletin.render(dekada, o["lang"], o["format"])
        o["output"].write_bytes(data)
        self.stdout.write(f"Wrote {o['output']} ({len(data):,} bytes).")

    def handle_check(self, **o: Any) -> None:
        result = allocation.scan_deviations()
        self.stdout.write(
            f"{result.checked} plans checked, {result.alerts} alerts raised, "
            f"{result.already_sent} already raised, {result.notifications} notifications")
