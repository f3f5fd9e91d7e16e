"""Run by test_doors in a child process: write one big batch, pausing after each chunk so the
test can kill the process in the middle (kill -9) and look at what is left."""

import datetime
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilat.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bilat.water import services  # noqa: E402
from bilat.water.models import Site  # noqa: E402

from .factories import UTC, make_water, varying  # noqa: E402

if connection.vendor == "sqlite" and "water_site" not in connection.introspection.table_names():
    # A fresh file: tables straight from the models, faster than every migration.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
if not Site.objects.exists():
    make_water()
pause = float(sys.argv[1])


def announce(written: int) -> None:
    print(f"chunk {written}", flush=True)
    time.sleep(pause)


services.after_chunk = announce
rows = varying("dostyk-head-q", datetime.datetime(2024, 7, 1, tzinfo=UTC), 10_000)
outcome = services.ingest(rows, actor=None, door="file", as_system=True)
print(f"done {outcome.new}", flush=True)
