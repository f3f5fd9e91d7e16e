import json
from io import StringIO

import duckdb
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from bilat.trade.loaders import load

from .factories import baci


def test_trade_indicators_prints_every_indicator_as_json_in_us_dollars(demo_warehouse):
    out = StringIO()
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        call_command("trade", "indicators", "--reporter", "KZ", "--partner", "UZ", "--json",
                     stdout=out)
    data = json.loads(out.getvalue())
    assert data["unit"] == "US$" and data["basis"] == "KZ" and data["year"] == 2023
    assert data["current"]["turnover"]["value"] == 4.4e9
    assert "reference block" in data["current"]["turnover"]["source"]
    assert data["ytd"]["period"] == "2024 Jan–Apr"
    assert round(data["share_of_reporter_region"]["share"], 1) == 57.6


def test_trade_load_reports_the_bad_line_and_loads_nothing(tmp_path):
    bad = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    bad.write_text("t,i,j,k,v,q\n2022,398,860,100199,-1,1\n")
    with override_settings(TRADE_WAREHOUSE=tmp_path / "w.duckdb"):
        with pytest.raises(CommandError, match="line 2: negative value"):
            call_command("trade", "load", "--format", "baci", str(bad), stderr=StringIO())
    assert not (tmp_path / "w.duckdb").exists()


def test_trade_load_then_text_indicators(tmp_path):
    good = tmp_path / "kz.csv"
    good.write_text("reporter,partner,period,exports,imports,source,unit\n"
                    "KZ,UZ,2023,3.1,1.3,Kazakh statistics,billion USD\n")
    out = StringIO()
    with override_settings(TRADE_WAREHOUSE=tmp_path / "w.duckdb"):
        call_command("trade", "load", "--format", "national", str(good), stdout=out,
                     stderr=StringIO())
        call_command("trade", "indicators", stdout=out)
    assert "Loaded 2 rows" in out.getvalue()
    assert "4,400,000,000 US$" in out.getvalue()


@pytest.mark.parametrize("target", ["nan", "inf", "-inf", "1e400"])
def test_trade_indicators_refuses_a_target_that_is_not_a_finite_number(demo_warehouse, target):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        with pytest.raises(CommandError, match="is not a finite number"):
            call_command("trade", "indicators", "--json", f"--target={target}", stdout=StringIO())


def test_trade_indicators_json_fails_loudly_rather_than_print_nan(tmp_path):
    """A warehouse loaded before non-finite numbers were refused never yields invalid JSON."""
    good = tmp_path / "kz.csv"
    good.write_text("reporter,partner,period,exports,imports,source,unit\n"
                    "KZ,UZ,2023,3.1,1.3,Kazakh statistics,billion USD\n")
    warehouse = tmp_path / "w.duckdb"
    load("national", [good], warehouse=warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE pair_totals SET value = 'nan' WHERE exporter = 'KZ'")
    out = StringIO()
    with override_settings(TRADE_WAREHOUSE=warehouse):
        with pytest.raises(CommandError, match="not a finite number .* reload that file"):
            call_command("trade", "indicators", "--json", stdout=out)
    assert out.getvalue() == ""


def test_trade_upgrade_converts_nothing_twice_and_refuses_no_warehouse(tmp_path):
    out = StringIO()
    with override_settings(TRADE_WAREHOUSE=tmp_path / "w.duckdb"):
        with pytest.raises(CommandError, match="No trade warehouse"):
            call_command("trade", "upgrade", stdout=out)
        call_command("trade", "load", "--format", "baci", str(baci(tmp_path)), stdout=out,
                     stderr=StringIO())
        call_command("trade", "upgrade", stdout=out)
    assert "layout version 2 already." in out.getvalue()
