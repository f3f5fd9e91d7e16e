"""bilat build_assets: write the vega-embed bundle the dashboard's charts use."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

VENDOR = Path(__file__).resolve().parents[2] / "static" / "briefings" / "vendor"


class Command(BaseCommand):
    help = ("Write the vega-embed/Vega/Vega-Lite bundle from vl-convert into "
            "bilat/briefings/static/briefings/vendor/ (served by bilat itself, no CDN).")

    def handle(self, *args, **options):
        import vl_convert as vlc

        VENDOR.mkdir(parents=True, exist_ok=True)
        path = VENDOR / "vega-embed.js"
        bundle = vlc.javascript_bundle()
        path.write_text(bundle, encoding="utf-8")
        self.stdout.write(f"Wrote {path} ({len(bundle):,} characters, vl-convert "
                          f"{getattr(vlc, '__version__', '?')}).")
