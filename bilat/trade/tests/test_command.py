import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings


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
