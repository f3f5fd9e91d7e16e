"""Balassa RCA against the ecomplexity package on a hand-made fixture."""

import pandas as pd
import pytest

from bilat.core.tests.tools import require_module
from bilat.trade import queries
from bilat.trade.loaders import load

from .factories import baci

ecomplexity = require_module("ecomplexity", "pip install -e '.[dev]'")
pytestmark = pytest.mark.filterwarnings("ignore")

LINES = (
    "2022,398,860,100199,600,1", "2022,398,417,260300,300,1", "2022,398,643,270900,900,1",
    "2022,860,398,080610,250,1", "2022,860,417,100199,50,1", "2022,860,643,870899,400,1",
    "2022,643,398,270900,1200,1", "2022,643,860,100199,700,1", "2022,643,417,080610,90,1",
    "2022,417,398,080610,80,1", "2022,417,860,260300,60,1",
)


def test_rca_matches_ecomplexity_for_every_country_and_product(tmp_path, warehouse):
    load("baci", [baci(tmp_path, *LINES)], warehouse=warehouse)
    ours = queries.rca(year=2022, warehouse=warehouse).to_pandas()
    exports = ours[["country", "year", "product", "value"]]
    ref = ecomplexity.ecomplexity(
        exports, {"time": "year", "loc": "country", "prod": "product", "val": "value"},
        verbose=False,
    )
    merged = ours.merge(ref[["country", "product", "rca"]], on=["country", "product"],
                        suffixes=("", "_ref"))
    assert len(merged) == len(ours) == 11  # KZ, UZ, RU 3 products each, KG 2
    assert merged["rca"].to_numpy() == pytest.approx(merged["rca_ref"].to_numpy())
    kz_oil = merged[(merged.country == "KZ") & (merged["product"] == "270900")]["rca"].item()
    # KZ: 900/1800 of its exports; world: 2100/4630 -> (0.5) / (0.45356...) = 1.1024
    assert kz_oil == pytest.approx(0.5 / (2100 / 4630))


def test_rca_by_hand_with_pandas_agrees(tmp_path, warehouse):
    load("baci", [baci(tmp_path, *LINES)], warehouse=warehouse)
    ours = queries.rca(warehouse=warehouse).to_pandas().set_index(["country", "product"])
    df = pd.DataFrame([line.split(",") for line in LINES], columns=list("tijkvq"))
    df["v"] = df["v"].astype(float) * 1000
    x = df.groupby(["i", "k"])["v"].sum()
    share = x / x.groupby(level=0).transform("sum")
    world = x.groupby(level=1).sum() / x.sum()
    ref = share / world.reindex(x.index.get_level_values(1)).to_numpy()
    iso = {"398": "KZ", "860": "UZ", "643": "RU", "417": "KG"}
    for (m49, product), value in ref.items():
        assert ours.loc[(iso[m49], product), "rca"] == pytest.approx(value)
