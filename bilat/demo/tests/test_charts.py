"""Every chart of the demo means the same in every language (issue 14): colour, dash and order
follow codes, never translated labels, and years sit at their true distances."""

from datetime import date

import pytest
from django.test import override_settings
from django.utils import translation

from bilat.briefings import sources
from bilat.briefings.dashboard import build_dashboard
from bilat.briefings.figures import build_figures
from bilat.briefings.pack import build_briefing
from bilat.core import palette
from bilat.meetings.models import Meeting
from bilat.trade import queries, visuals
from bilat.trade.forms import PairQueryForm
from bilat.trade.indicators import pair_indicators
from bilat.trade.warehouse import forget_readers
from bilat.water import charts as water_charts
from bilat.water.models import Reading, Series, Site
from bilat.water.periods import Dekada

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.engine_neutral]

LANGUAGES = ("en", "ru", "kk", "uz")
KEYED = ("color", "strokeDash")


@pytest.fixture(scope="module")
def trade_warehouse(tmp_path_factory):
    from bilat.trade.demo import load_demo

    path = tmp_path_factory.mktemp("trade") / "warehouse.duckdb"
    load_demo(progress=None, warehouse=path)
    return path


@pytest.fixture(scope="module")
def charts_by_language(demo_module, trade_warehouse, django_db_blocker):
    """Each chart of the dashboard, the pack, the trade pair page and the water pages, by
    language and key (built once: the tests only read them)."""
    with django_db_blocker.unblock():
        return _build(trade_warehouse)


def _build(trade_warehouse) -> dict[str, dict[str, dict]]:
    meeting = Meeting.objects.get(number=21)
    series = Series.objects.filter(readings__isnull=False).distinct().first()
    dekada = Dekada.of(Reading.objects.filter(series=series).earliest("at").at.date())
    out = {}
    with override_settings(TRADE_WAREHOUSE=trade_warehouse):
        forget_readers()
        figures = build_figures(sources.gather(as_of=date(2024, 7, 12), meeting=meeting,
                                               user=None))
        for lang in LANGUAGES:
            with translation.override(lang):
                board = build_dashboard(None, date(2024, 7, 12))
                pack = build_briefing(figures, lang=lang, as_of=date(2024, 7, 12),
                                      content_hash="0" * 64)
                form = PairQueryForm({"reporter": "KZ", "partner": "UZ"})
                assert form.is_valid()
                trade = visuals.pair_charts(pair_indicators(form.query()),
                                            queries.pair_series("KZ", "UZ"), "KZ", "UZ", lang)
                found = {
                    **{f"dashboard-{c.key}": c for c in [*board.charts, board.map_chart]},
                    **{f"pack-{c.key}": c for s in pack.sections for c in s.charts},
                    **{c.key: c for c in trade},
                    "water-sites": water_charts.sites_map(list(Site.objects.all())),
                    "water-series": water_charts.series_chart(series, dekada),
                }
                out[lang] = {key: c.spec for key, c in found.items()}
    forget_readers()
    return out


def _encodings(spec: dict):
    """Every encoding of a spec and its layers, with the data it draws."""
    if "encoding" in spec:
        yield spec["encoding"], spec.get("data", {}).get("values", [])
    for layer in spec.get("layer", []):
        yield from _encodings(layer)


def _keyed(spec: dict) -> list[tuple]:
    """(channel, field, domain, range, the field's values in the data) of colour and dash."""
    found = []
    for encoding, values in _encodings(spec):
        for channel in KEYED:
            if channel in encoding:
                e = encoding[channel]
                assert "domain" in e.get("scale", {}), f"{channel} not keyed by codes"
                found.append((channel, e["field"], e["scale"]["domain"], e["scale"]["range"],
                              [v.get(e["field"]) for v in values]))
    return found


def _shape(spec: dict) -> list[dict]:
    """What each channel encodes and in which order (titles and tooltips aside)."""
    return [{channel: {k: e.get(k) for k in ("field", "type", "sort", "timeUnit", "stack")}
             for channel, e in encoding.items() if channel != "tooltip" and isinstance(e, dict)}
            for encoding, _values in _encodings(spec)]


def test_every_chart_has_the_same_colours_and_dashes_for_the_same_codes_in_every_language(
        charts_by_language):
    en = charts_by_language["en"]
    assert {"dashboard-turnover", "dashboard-flows", "dashboard-stages", "dashboard-map",
            "pack-turnover", "pack-flows", "pack-portfolio", "pack-decisions", "trade-series",
            "trade-mirror", "trade-sections", "water-sites", "water-series"} <= set(en)
    for lang in LANGUAGES[1:]:
        assert set(charts_by_language[lang]) == set(en), lang
        for key, spec in charts_by_language[lang].items():
            assert _keyed(spec) == _keyed(en[key]), (lang, key)
            assert _shape(spec) == _shape(en[key]), (lang, key)  # order by code too


def _scale(spec: dict, channel: str) -> dict:
    (found,) = [dict(zip(domain, range_, strict=True))
                for c, _field, domain, range_, _values in _keyed(spec) if c == channel]
    return found


def test_the_path_to_the_target_is_dashed_red_and_the_actuals_solid_in_every_language(
        charts_by_language):
    for lang, specs in charts_by_language.items():
        colours, dashes = (_scale(specs["pack-turnover"], "color"),
                           _scale(specs["pack-turnover"], "strokeDash"))
        assert colours["path"] == palette.SERIES["path"], lang
        assert dashes["path"] == palette.DASHED and dashes["KZ"] == palette.SOLID, lang
        assert colours["KZ"] == palette.SIDES[0] and colours["UZ"] == palette.SIDES[1], lang
        statuses = _scale(specs["pack-decisions"], "color")
        assert statuses and all(palette.STATUSES[s] == c for s, c in statuses.items()), lang


def test_year_axes_are_quantitative_or_temporal_never_categories(charts_by_language):
    for lang, specs in charts_by_language.items():
        years = 0
        for key, spec in specs.items():
            for encoding, _values in _encodings(spec):
                x = encoding.get("x", {})
                if x.get("field") in ("year", "date"):
                    years += 1
                    assert x["type"] in ("quantitative", "temporal"), (lang, key)
        assert years >= 6, lang  # turnover and flows twice, the trade series and mirror
