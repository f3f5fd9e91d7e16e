"""CPU per request of each page in the load's mix, in one process (`make bench-pages`).

`python benchmarks/page_cpu.py [--repeat 20] [--pages /,/trade/KZ-UZ/]`, with DATABASE_URL and
BILAT_DATA_DIR naming an installation that holds the demo (`bilat demo --no-serve`), and
BILAT_REDIS_URL to time the cache through Redis as `bilat serve` uses it. Renders each page of
``benchmarks/locustfile.py`` as the user the load sends there (Django's test client, settings
``benchmarks.dashboard_site``), ``--repeat`` times after one warm-up request, and prints the
median CPU milliseconds (this process and its DuckDB threads), the median wall milliseconds and
the queries of the last request; ``--misses`` empties the cache before each request, as a
write does for the pages it changes; ``--after-write`` writes to another decision's side before
each request (untimed), as the load's officers and verifiers do several times a second, so that
each page costs what it costs under that load: built again where the write moves its key. The load's server time is about the sum of these over the
mix: a page that takes 50 ms of CPU serves at most 40 requests a second on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (user, page) as the load's users ask for them; "" is the anonymous public.
MIX = [
    ("", "/bench/floor/"), ("", "/"), ("", "/decisions/"), ("", "/decisions/[id]/"),
    ("", "/projects/"), ("", "/trade/"), ("", "/trade/KZ-UZ/"), ("", "/meetings/"),
    ("viewer", "/"), ("viewer", "/decisions/"), ("viewer", "/decisions/[id]/"),
    ("viewer", "/projects/portfolio/"), ("viewer", "/targets/"), ("viewer", "/trade/KZ-UZ/"),
    ("viewer", "/meetings/"),
    ("kz-officer", "/decisions/"), ("kz-officer", "/decisions/[id]/"),
    ("kz-officer", "/api/v1/decisions/[id]/"),
    ("kz-secretariat", "/"), ("kz-secretariat", "/overview/"),
    ("kz-secretariat", "/decisions/"), ("kz-secretariat", "/decisions/[id]/"),
    ("kz-secretariat", "/decisions/discipline/"), ("kz-secretariat", "/decisions/export/?format=csv"),
    ("kz-secretariat", "/decisions/import/"),
    ("kz-secretariat", "/api/v1/reports/?verification=submitted"),
    # A briefing pack: freeze or reuse the snapshot (the POST), then the file in each format.
    ("viewer", "POST /briefings/meetings/[meeting]/download/"),
    ("viewer", "/briefings/snapshots/[snapshot]/download/?lang=en&format=html"),
    ("viewer", "/briefings/snapshots/[snapshot]/download/?lang=en&format=docx"),
    ("viewer", "/briefings/snapshots/[snapshot]/download/?lang=en&format=pdf"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", default="", help="comma-separated pages (default: the mix)")
    parser.add_argument("--misses", action="store_true",
                        help="empty the cache before each request (a page's cost after a write)")
    parser.add_argument("--after-write", action="store_true",
                        help="write to another decision's side before each request")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.dashboard_site")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bilat.accounts.policy import visible
    from bilat.briefings.models import Snapshot
    from bilat.decisions.models import Decision
    from bilat.meetings.models import Meeting

    settings.ALLOWED_HOSTS = ["*"]
    decision = Decision.objects.order_by("pk").first()
    written = Decision.objects.order_by("pk").last().sides.first()  # what --after-write writes

    def write() -> None:
        from bilat.core.changelog import record_change, snapshot

        with transaction.atomic():
            record_change(written, action="update", actor=None, before=snapshot(written),
                          message="page_cpu --after-write")
    # The session the load's viewers take the pack of: the first the sessions page lists to them.
    meeting = (visible(get_user_model().objects.get(username="viewer"), Meeting.objects.all())
               .order_by("-held_on", "-number").first())
    wanted = set(filter(None, args.pages.split(",")))
    clients: dict[str, Client] = {}
    print(f"{'user':<15} {'page':<42} {'CPU ms':>7} {'wall ms':>8} {'queries':>7}")
    for username, page in MIX:
        if wanted and page not in wanted:
            continue
        if username not in clients:
            clients[username] = Client()
            if username:
                clients[username].force_login(get_user_model().objects.get(username=username))
        client = clients[username]
        method, _, url = page.rpartition(" ")
        url = url.replace("[id]", str(decision.pk if decision else 0))
        url = url.replace("[meeting]", str(meeting.pk if meeting else 0))
        snapshot = Snapshot.objects.order_by("-pk").first()
        url = url.replace("[snapshot]", str(snapshot.pk if snapshot else 0))
        post = {"lang": "en", "format": "html"}

        def ask(url=url, post=post, client=client, method=method):
            return client.post(url, post) if method == "POST" else client.get(url)

        status = ask().status_code  # warm-up: connections, templates, caches
        cpu, wall = [], []
        for _ in range(args.repeat):
            if args.misses:
                cache.clear()
            if args.after_write:
                write()
            began_cpu, began = time.process_time(), time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                ask()
            cpu.append((time.process_time() - began_cpu) * 1000)
            wall.append((time.perf_counter() - began) * 1000)
        print(f"{username or 'anonymous':<15} {page:<42} {statistics.median(cpu):>7.1f} "
              f"{statistics.median(wall):>8.1f} {len(queries):>7}"
              + ("" if status in (200, 303) else f"  (status {status})"), flush=True)


if __name__ == "__main__":
    main()
