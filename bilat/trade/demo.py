"""The demo dataset: the commission's published figures and a synthetic world sample.

The published figures (docs: /work/shared/reference/facts.md, §2, §3 and §8) are shipped as
national-statistics tables in ``data/demo/`` and go through the same loader users run. The
world sample is generated from a fixed seed in BACI's shape, flagged ``synthetic``, so that
RCA, complementarity and export potential have something to show; it is not real trade.
"""

from __future__ import annotations

import csv
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from .loaders import LoadResult, load
from .warehouse import DATA_DIR

DEMO_DIR = DATA_DIR / "demo"
NATIONAL_FILES = ("kz_uz_bilateral.csv", "central_asia_2023.csv")
PRODUCT_CODES = "product_codes_HS17_demo.csv"
SYNTHETIC_SOURCE = "Synthetic world sample (BACI shape, seed 2024)"
# Sorts before any real BACI version (V2024...), so real data loaded later wins.
SYNTHETIC_VINTAGE = "V000000"
SYNTHETIC_YEARS = (2020, 2021, 2022, 2023)
SEED = 2024

# M49 codes of the sample's countries and a rough size (US$ bn of exports) for each.
WORLD = {
    398: 80, 860: 25, 417: 4, 762: 2, 795: 12, 643: 420, 156: 3500, 792: 250, 276: 1700,
    842: 2000, 699: 450, 364: 90, 4: 1, 410: 680, 381: 650, 251: 600, 784: 400, 586: 35,
    31: 30, 112: 40, 804: 45,
}
# Where each sample country is strong (chapter or HS6 prefix -> weight), after facts.md §4.
STRENGTHS = {
    398: {"10": 8, "11": 8, "26": 6, "2701": 5, "2709": 9, "7601": 5, "7207": 4, "2523": 3,
          "1512": 3, "3102": 2, "2608": 5, "2603": 4, "2602": 5},
    860: {"07": 6, "08": 8, "52": 6, "61": 5, "8707": 6, "8407": 5, "8708": 5, "7208": 3,
          "6904": 4, "3901": 4, "8418": 5, "7108": 6, "7403": 4, "3105": 3, "1704": 3,
          "3004": 2},
    417: {"71": 6, "07": 3, "04": 3}, 762: {"76": 6, "52": 4, "08": 3},
    795: {"2711": 9, "52": 4}, 643: {"27": 6, "10": 4, "72": 3},
    156: {"85": 6, "84": 5, "61": 3, "94": 3}, 792: {"61": 4, "87": 3, "07": 2},
    276: {"87": 6, "84": 5, "30": 4}, 842: {"85": 4, "27": 3, "30": 3, "84": 3},
}


def generate_world_sample(path: Path, *, seed: int = SEED) -> int:
    """Write a small BACI-shaped CSV (t,i,j,k,v,q; thousand US$, tonnes); return its rows."""
    rng = random.Random(seed)
    with (DEMO_DIR / PRODUCT_CODES).open(encoding="utf-8") as fh:
        products = [r["code"] for r in csv.DictReader(fh)]

    def strength(country: int, product: str) -> float:
        s = STRENGTHS.get(country, {})
        return max((w for prefix, w in s.items() if product.startswith(prefix)), default=0.5)

    base = {p: rng.lognormvariate(0, 1) for p in products}
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(("t", "i", "j", "k", "v", "q"))
        for year_index, year in enumerate(SYNTHETIC_YEARS):
            for i, size_i in WORLD.items():
                for j, size_j in WORLD.items():
                    if i == j:
                        continue
                    # Neighbours trade more: the Central Asian pairs get a gravity bonus.
                    near = 6.0 if i in (398, 860, 417, 762, 795) and j in (398, 860, 417, 762, 795) else 1.0
                    for k in products:
                        s = strength(i, k)
                        if rng.random() > min(0.95, 0.25 + s / 10):
                            continue
                        trend = (1.0 + 0.04 * s / 5) ** year_index
                        v = (size_i * size_j) ** 0.5 * s**1.5 * base[k] * near * trend
                        v *= rng.lognormvariate(0, 0.35) * 3.0  # thousand US$
                        q = "NA" if rng.random() < 0.02 else f"{v / rng.uniform(0.3, 3):.3f}"
                        out.writerow((year, i, j, k, f"{v:.3f}", q))
                        rows += 1
    return rows


def load_demo(
    progress: Callable[[str], None] | None = print, *, warehouse: Path | None = None
) -> list[LoadResult]:
    """Load the demo figures (published, derived and synthetic) into the warehouse."""
    say = progress or (lambda _msg: None)
    results = []
    say("Loading the published Kazakh–Uzbek and Central Asian figures")
    results.append(
        load("national", [DEMO_DIR / name for name in NATIONAL_FILES], warehouse=warehouse,
             progress=say)
    )
    with tempfile.TemporaryDirectory(prefix="bilat-demo-") as tmp:
        sample = Path(tmp) / f"BACI_HS17_Y{SYNTHETIC_YEARS[0]}-{SYNTHETIC_YEARS[-1]}_{SYNTHETIC_VINTAGE}.csv"
        rows = generate_world_sample(sample)
        say(f"Loading the synthetic world sample ({rows:,} rows, flagged synthetic)")
        results.append(
            load(
                "baci", [DEMO_DIR / PRODUCT_CODES, sample], warehouse=warehouse,
                source=SYNTHETIC_SOURCE, vintage=SYNTHETIC_VINTAGE, flag="synthetic",
                classification="HS17", progress=say,
            )
        )
    return results
