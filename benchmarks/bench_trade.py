"""Benchmark of the trade warehouse against pandas and hand-written DuckDB SQL (the floor).

Generates BACI-shaped synthetic data (one CSV per year; 11 million rows = one world year by
default), then times, for bilat, pandas and the floor: the load, a pair's series by year, the
pair by HS4 in the latest year, RCA for every country x HS6 x year, complementarity for the
pair, and the full indicators call. Each engine runs in its own process (the data is generated
in another) and reports its own peak memory, read from /proc/self/status VmHWM.

    python benchmarks/bench_trade.py                 # 11 M rows, about 5 minutes on 2 cores
    python benchmarks/bench_trade.py --rows 110000000 --no-pandas   # ten years
    python benchmarks/bench_trade.py --rows 20000 --repeat 1        # smoke test
    python benchmarks/bench_trade.py --rows 110000000 --pairs-only --pair-runs 40

After the engines, the pair queries (pair by HS4 in the latest year, the pair's series) run
interleaved with the floor's in one process, on the warehouse and the floor's table the
engines just loaded: ``--pair-runs`` rounds (40 by default; 0: not at all), bilat first in
one round and the floor first in the next, each call timed in wall and CPU seconds (every
thread of the process). On a shared machine this compares the two under the same load, which
two separate children's medians of ``--repeat`` calls do not. ``--pairs-only`` runs only
this, on the databases a previous run left in ``--work``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROWS_PER_YEAR = 11_000_000
FIRST_YEAR = 2014
KZ, UZ = 398, 860
# load_cpu: the load's CPU seconds (every thread of the process): on a shared machine the
# wall time depends on what else runs, the CPU time much less.
PHASES = ("load", "load_cpu", "pair_series", "pair_hs4", "rca_all", "complementarity",
          "indicators")


# --- data ---------------------------------------------------------------------------------


def generate(out: Path, rows: int) -> list[Path]:
    """Write BACI-shaped yearly CSVs (t,i,j,k,v,q), deterministic, no duplicate keys."""
    import duckdb

    from bilat.trade.warehouse import DATA_DIR

    years = max(1, round(rows / ROWS_PER_YEAR))
    per_year = rows // years
    out.mkdir(parents=True, exist_ok=True)
    files = [out / f"BACI_HS17_Y{FIRST_YEAR + n}_VBENCH.csv" for n in range(years)]
    stamp = out / f"rows-{rows}.done"
    if stamp.exists() and all(f.exists() for f in files):
        return files
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    con.execute(
        "CREATE TABLE c AS SELECT row_number() OVER (ORDER BY m49 NOT IN ('398', '860'), m49::INT) - 1 "
        "AS n, m49 FROM "
        "read_csv($p, header = true, all_varchar = true) WHERE is_iso = '1' "
        "AND m49::INT NOT IN (0) LIMIT 220",
        {"p": str(DATA_DIR / "countries.csv")},
    )
    # ~5,000 HS6 codes spread over the real chapters (BACI has about 5,200 per edition).
    con.execute(
        "CREATE TABLE p AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM ("
        " SELECT h.chapter || lpad((s * 7 % 10000)::VARCHAR, 4, '0') AS code"
        " FROM read_csv($p, header = true, all_varchar = true) h, range(54) r(s)"
        " WHERE h.chapter NOT IN ('98', '99'))",
        {"p": str(DATA_DIR / "hs_chapters.csv")},
    )
    n_c = con.execute("SELECT count(*) FROM c").fetchone()[0]
    n_p = con.execute("SELECT count(*) FROM p").fetchone()[0]
    combos = n_c * (n_c - 1) * n_p
    if per_year > combos:
        raise SystemExit(f"at most {combos:,} rows a year")
    for n, path in enumerate(files):
        # Row r maps to a unique (exporter, importer, product) by a stride coprime with combos.
        con.execute(
            f"""COPY (
                WITH r AS (
                    SELECT (x * 2654435761 + {n} * 97) % {combos} AS combo, x
                    FROM range({per_year}) t(x)
                ), d AS (
                    SELECT combo // ({(n_c - 1) * n_p}) AS ei,
                           (combo % {(n_c - 1) * n_p}) // {n_p} AS jj,
                           combo % {n_p} AS pk, x FROM r
                )
                SELECT {FIRST_YEAR + n} AS t, e.m49::INT AS i, m.m49::INT AS j, p.code AS k,
                       round(((hash(x, {n}) % 1000000) / 100.0 + 0.5)
                             * CASE WHEN e.m49::INT IN ({KZ}, {UZ}) THEN 3 ELSE 1 END, 3) AS v,
                       CASE WHEN hash(x, 7) % 50 = 0 THEN 'NA'
                            ELSE round((hash(x, 3) % 100000) / 10.0, 3)::VARCHAR END AS q
                FROM d
                JOIN c e ON e.n = d.ei
                JOIN c m ON m.n = CASE WHEN d.jj < d.ei THEN d.jj ELSE d.jj + 1 END
                JOIN p ON p.n = d.pk
                ORDER BY i, j, k
            ) TO '{path}' (HEADER, DELIMITER ',')"""
        )
    # The Kazakh–Uzbek pair must exist whatever the sample: add a handful of its flows.
    stamp.write_text("ok")
    return files


# --- the engines --------------------------------------------------------------------------


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run_bilat(files: list[Path], work: Path, repeat: int) -> dict[str, float]:
    from bilat.trade import queries
    from bilat.trade.indicators import PairQuery, pair_indicators
    from bilat.trade.loaders import load

    wh = work / "bilat.duckdb"
    wh.unlink(missing_ok=True)
    year = FIRST_YEAR + len(files) - 1
    out: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    load("baci", files, warehouse=wh)
    out["load"] = time.perf_counter() - start
    out["load_cpu"] = time.process_time() - cpu
    out["pair_series"], _ = timed(
        lambda: queries.pair_series("KZ", "UZ", basis="BACI", warehouse=wh), repeat)
    out["pair_hs4"], _ = timed(
        lambda: queries.pair_products("KZ", "UZ", year, basis="BACI", warehouse=wh), repeat)
    out["rca_all"], _ = timed(lambda: queries.rca(basis="BACI", warehouse=wh), repeat)
    out["complementarity"], _ = timed(
        lambda: queries.complementarity("KZ", "UZ", year, basis="BACI", warehouse=wh), repeat)
    question = PairQuery("KZ", "UZ", year=year, basis="BACI")
    out["indicators"], _ = timed(lambda: pair_indicators(question, warehouse=wh), repeat)
    return out


# The floor: the same computations, hand-written on a plain table of the CSV columns (m49 codes,
# thousand US$), with no checks, no vintages and no pre-aggregates.
CA5 = (398, 860, 417, 762, 795)
FLOOR_SERIES = """
SELECT t, sum(v) FILTER (WHERE i = 398) * 1000 AS kz_to_uz,
       sum(v) FILTER (WHERE i = 860) * 1000 AS uz_to_kz
FROM baci WHERE (i = 398 AND j = 860) OR (i = 860 AND j = 398) GROUP BY t ORDER BY t"""
FLOOR_HS4_YEAR = """
SELECT left(k, 4) AS hs4, sum(v) FILTER (WHERE i = 398) AS x, sum(v) FILTER (WHERE i = 860) AS m
FROM baci WHERE ((i = 398 AND j = 860) OR (i = 860 AND j = 398)) AND t = $year GROUP BY ALL"""
FLOOR_RCA = """
WITH x AS (SELECT t, i, k, sum(v) AS v FROM baci GROUP BY ALL),
c AS (SELECT t, i, sum(v) AS tot FROM x GROUP BY ALL),
p AS (SELECT t, k, sum(v) AS tot FROM x GROUP BY ALL),
w AS (SELECT t, sum(v) AS tot FROM x GROUP BY ALL)
SELECT x.t, x.i, x.k, x.v, (x.v / c.tot) / (p.tot / w.tot) AS rca
FROM x JOIN c USING (t, i) JOIN p USING (t, k) JOIN w USING (t)"""
FLOOR_COMPLEMENTARITY = """
WITH x AS (SELECT k, sum(v) AS v FROM baci WHERE t = $year AND i = $a GROUP BY k),
m AS (SELECT k, sum(v) AS v FROM baci WHERE t = $year AND j = $b GROUP BY k),
sx AS (SELECT k, v / sum(v) OVER () AS s FROM x), sm AS (SELECT k, v / sum(v) OVER () AS s FROM m)
SELECT 100 * (1 - sum(abs(coalesce(sm.s, 0) - coalesce(sx.s, 0))) / 2) FROM sx FULL JOIN sm USING (k)"""
FLOOR_TOP_RCA = """
WITH x AS (SELECT i, k, sum(v) AS v FROM baci WHERE t = $year GROUP BY ALL),
c AS (SELECT i, sum(v) AS tot FROM x GROUP BY ALL), p AS (SELECT k, sum(v) AS tot FROM x GROUP BY ALL),
w AS (SELECT sum(v) AS tot FROM x)
SELECT x.i, x.k, (x.v / c.tot) / (p.tot / w.tot) AS rca FROM x JOIN c USING (i) JOIN p USING (k), w
WHERE x.i IN (398, 860) ORDER BY rca DESC LIMIT 20"""
FLOOR_REGION = f"""
SELECT least(i, j) AS a, greatest(i, j) AS b, sum(v) * 1000 AS turnover FROM baci
WHERE t = $year AND i IN {CA5} AND j IN {CA5} GROUP BY ALL"""
FLOOR_INTENSITY = """
SELECT (sum(v) FILTER (WHERE i = $a AND j = $b) / sum(v) FILTER (WHERE i = $a))
       / (sum(v) FILTER (WHERE j = $b) / sum(v))
FROM baci WHERE t = $year"""
FLOOR_POTENTIAL = """
WITH world_k AS (SELECT k, sum(v) AS total FROM baci WHERE t = $year GROUP BY k),
world AS (SELECT sum(v) AS total FROM baci WHERE t = $year),
a AS (SELECT k, sum(v) AS v FROM baci WHERE t = $year AND i = $a GROUP BY k),
a_total AS (SELECT sum(v) AS total FROM a),
demand AS (
    SELECT k, sum(v) FILTER (WHERE t = $year) AS now, sum(v) FILTER (WHERE t = $year - 3) AS before
    FROM baci WHERE j = $b AND t IN ($year, $year - 3) GROUP BY k),
actual AS (SELECT k, sum(v) AS v FROM baci WHERE t = $year AND i = $a AND j = $b GROUP BY k),
scored AS (
    SELECT a.k, a.v / world_k.total AS share, d.now AS demand,
           CASE WHEN d.before > 0 THEN greatest(-0.5, least(1.0, pow(d.now / d.before, 1 / 3) - 1))
                ELSE 0 END AS g, coalesce(act.v, 0) AS actual
    FROM a JOIN world_k USING (k) JOIN demand d USING (k) LEFT JOIN actual act USING (k)
    CROSS JOIN world CROSS JOIN a_total WHERE d.now > 0)
SELECT k, greatest(0, share * demand * (1 + g) - actual) AS untapped FROM scored
ORDER BY untapped DESC, k LIMIT 10"""


def duckdb_config() -> dict[str, Any]:
    """The floor's engine settings: the same threads and memory ceiling as bilat's."""
    from bilat.trade.warehouse import engine_config

    return engine_config()


def run_floor(files: list[Path], work: Path, repeat: int) -> dict[str, float]:
    import duckdb

    db = work / "floor.duckdb"
    db.unlink(missing_ok=True)
    year = FIRST_YEAR + len(files) - 1
    con = duckdb.connect(str(db), config=duckdb_config())
    out: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    con.execute(
        "CREATE TABLE baci AS SELECT * FROM read_csv($f, header = true, types = {'t': 'INTEGER', "
        "'i': 'INTEGER', 'j': 'INTEGER', 'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'VARCHAR'})",
        {"f": [str(f) for f in files]},
    )
    con.execute("CHECKPOINT")
    out["load"] = time.perf_counter() - start
    out["load_cpu"] = time.process_time() - cpu
    q = lambda sql, p=None: con.execute(sql, p).fetchall()  # noqa: E731
    y = {"year": year}
    out["pair_series"], _ = timed(lambda: q(FLOOR_SERIES), repeat)
    out["pair_hs4"], _ = timed(lambda: q(FLOOR_HS4_YEAR, y), repeat)
    out["rca_all"], _ = timed(lambda: con.execute(FLOOR_RCA).to_arrow_table(), repeat)
    comp = lambda a, b: q(FLOOR_COMPLEMENTARITY, {**y, "a": a, "b": b})  # noqa: E731
    out["complementarity"], _ = timed(lambda: comp(KZ, UZ), repeat)

    def indicators() -> Any:
        # What bilat's pair_indicators computes for a BACI-only warehouse, hand-written.
        return (
            q(FLOOR_SERIES), q(FLOOR_REGION, y), q(FLOOR_HS4_YEAR, y), q(FLOOR_TOP_RCA, y),
            [q(FLOOR_INTENSITY, {**y, "a": a, "b": b}) for a, b in ((KZ, UZ), (UZ, KZ))],
            comp(KZ, UZ), comp(UZ, KZ),
            [q(FLOOR_POTENTIAL, {**y, "a": a, "b": b}) for a, b in ((KZ, UZ), (UZ, KZ))],
        )

    out["indicators"], _ = timed(indicators, repeat)
    con.close()
    return out


def run_pandas(files: list[Path], work: Path, repeat: int) -> dict[str, float]:
    import pandas as pd

    year = FIRST_YEAR + len(files) - 1
    out: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    df = pd.concat(
        [pd.read_csv(f, dtype={"t": "int16", "i": "int16", "j": "int16", "k": str,
                               "v": "float64"}, na_values=["NA"], engine="pyarrow")
         for f in files],
        ignore_index=True,
    )
    out["load"] = time.perf_counter() - start
    out["load_cpu"] = time.process_time() - cpu

    def pair() -> pd.DataFrame:
        return df[((df.i == KZ) & (df.j == UZ)) | ((df.i == UZ) & (df.j == KZ))]

    def series() -> Any:
        return pair().groupby(["t", "i"])["v"].sum()

    def rca_all() -> Any:
        x = df.groupby(["t", "i", "k"], sort=False)["v"].sum().reset_index()
        c = x.groupby(["t", "i"])["v"].transform("sum")
        p = x.groupby(["t", "k"])["v"].transform("sum")
        w = x.groupby("t")["v"].transform("sum")
        return (x.v / c) / (p / w)

    def comp(a: int, b: int) -> float:
        y = df[df.t == year]
        x = y[y.i == a].groupby("k")["v"].sum()
        m = y[y.j == b].groupby("k")["v"].sum()
        sx, sm = (x / x.sum()), (m / m.sum())
        both = pd.concat([sx, sm], axis=1).fillna(0)
        return 100 * (1 - (both.iloc[:, 0] - both.iloc[:, 1]).abs().sum() / 2)

    def top_rca() -> Any:
        y = df[df.t == year]
        x = y.groupby(["i", "k"])["v"].sum().reset_index()
        r = (x.v / x.groupby("i")["v"].transform("sum")) / (
            x.groupby("k")["v"].transform("sum") / x.v.sum())
        return r[x.i.isin([KZ, UZ])].nlargest(20)

    def region() -> Any:
        y = df[(df.t == year) & df.i.isin(CA5) & df.j.isin(CA5)]
        return y.groupby([y[["i", "j"]].min(axis=1), y[["i", "j"]].max(axis=1)])["v"].sum()

    def hs4_year() -> Any:
        p = pair()
        p = p[p.t == year]
        return p.groupby([p.k.str[:4], p.i])["v"].sum()

    def intensity(a: int, b: int) -> float:
        y = df[df.t == year]
        ab = y.v[(y.i == a) & (y.j == b)].sum()
        return (ab / y.v[y.i == a].sum()) / (y.v[y.j == b].sum() / y.v.sum())

    def potential(a: int, b: int) -> Any:
        y = df[df.t == year]
        world_k = y.groupby("k")["v"].sum()
        ax = y[y.i == a].groupby("k")["v"].sum()
        d = df[(df.j == b) & df.t.isin([year, year - 3])]
        now = d[d.t == year].groupby("k")["v"].sum()
        before = d[d.t == year - 3].groupby("k")["v"].sum()
        actual = y[(y.i == a) & (y.j == b)].groupby("k")["v"].sum()
        t = pd.DataFrame({"share": ax / world_k, "now": now, "before": before,
                          "actual": actual}).dropna(subset=["share", "now"])
        t = t[t.now > 0]
        g = ((t.now / t.before) ** (1 / 3) - 1).clip(-0.5, 1.0).where(t.before > 0, 0.0)
        untapped = (t.share * t.now * (1 + g) - t.actual.fillna(0)).clip(lower=0)
        return untapped.nlargest(10)

    out["pair_series"], _ = timed(series, repeat)
    out["pair_hs4"], _ = timed(hs4_year, repeat)
    out["rca_all"], _ = timed(rca_all, repeat)
    out["complementarity"], _ = timed(lambda: comp(KZ, UZ), repeat)
    out["indicators"], _ = timed(
        lambda: (series(), region(), hs4_year(), top_rca(), intensity(KZ, UZ), intensity(UZ, KZ),
                 comp(KZ, UZ), comp(UZ, KZ), potential(KZ, UZ), potential(UZ, KZ)), repeat)
    return out


ENGINES = {"bilat": run_bilat, "floor": run_floor, "pandas": run_pandas}


def run_pairs(files: list[Path], work: Path, runs: int) -> dict[str, Any]:
    """The pair queries of bilat and of the floor interleaved in one process, on the databases
    the engines loaded: per query and engine the median wall and CPU seconds of ``runs``
    calls, bilat first in even rounds and the floor first in odd ones (after one warm-up call
    each)."""
    import duckdb

    from bilat.trade import queries

    wh, db = work / "bilat.duckdb", work / "floor.duckdb"
    if not (wh.exists() and db.exists()):
        raise SystemExit(f"no bilat.duckdb and floor.duckdb in {work}: run the engines first")
    year = FIRST_YEAR + len(files) - 1
    con = duckdb.connect(str(db), read_only=True, config=duckdb_config())
    y = {"year": year}
    calls: dict[str, dict[str, Callable[[], Any]]] = {
        "pair_hs4": {
            "bilat": lambda: queries.pair_products("KZ", "UZ", year, basis="BACI", warehouse=wh),
            "floor": lambda: con.execute(FLOOR_HS4_YEAR, y).fetchall(),
        },
        "pair_series": {
            "bilat": lambda: queries.pair_series("KZ", "UZ", basis="BACI", warehouse=wh),
            "floor": lambda: con.execute(FLOOR_SERIES).fetchall(),
        },
    }
    out: dict[str, Any] = {"runs": runs}
    for query, engines in calls.items():
        times: dict[str, dict[str, list[float]]] = {e: {"wall": [], "cpu": []} for e in engines}
        for fn in engines.values():
            fn()  # warm-up: the first call opens the file and reads its catalogue
        for n in range(max(1, runs)):
            order = list(engines) if n % 2 == 0 else list(reversed(engines))
            for engine in order:
                start, cpu = time.perf_counter(), time.process_time()
                engines[engine]()
                times[engine]["cpu"].append(time.process_time() - cpu)
                times[engine]["wall"].append(time.perf_counter() - start)
        out[query] = {e: {k: statistics.median(v) for k, v in t.items()}
                      | {"wall_min": min(t["wall"])} for e, t in times.items()}
    con.close()
    return out


def print_pairs(pairs: dict[str, Any]) -> None:
    print(f"pair queries interleaved with the floor, {pairs['runs']} runs each "
          "(medians, ms; minimum wall in brackets)")
    print(f"{'query':16}{'bilat wall':>12}{'floor wall':>12}{'ratio':>8}"
          f"{'bilat CPU':>12}{'floor CPU':>12}{'ratio':>8}")
    for query in ("pair_hs4", "pair_series"):
        b, f = pairs[query]["bilat"], pairs[query]["floor"]
        print(f"{query:16}{b['wall'] * 1e3:12.2f}{f['wall'] * 1e3:12.2f}"
              f"{b['wall'] / f['wall']:8.2f}{b['cpu'] * 1e3:12.2f}{f['cpu'] * 1e3:12.2f}"
              f"{b['cpu'] / f['cpu'] if f['cpu'] else float('nan'):8.2f}"
              f"   [{b['wall_min'] * 1e3:.2f} / {f['wall_min'] * 1e3:.2f}]")


def high_water_mib() -> float:
    """This process's peak resident memory (MiB): VmHWM, which belongs to the process's own
    address space and starts afresh at exec. ``getrusage``'s ru_maxrss does not: Linux carries
    the peak of the address space exec replaced (the parent's, copied at fork) into it, so a
    child of a large parent reports at least the parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: an upper bound


def child(engine: str, files: list[Path], work: Path, repeat: int) -> None:
    """Run one engine and print its timings and its own peak memory (MiB) as JSON: the peak,
    and the peak above what the process held before the engine started (its imports). The
    engine ``pairs`` prints the interleaved pair queries (``repeat``: their rounds)."""
    import duckdb  # noqa: F401 - imported by every engine: not the engine's own memory
    from django.conf import settings

    # bilat's trade modules mark texts for translation at import (gettext_noop), which reads
    # Django's settings: Django's defaults do (no project, no database, DuckDB's settings from
    # the environment, as the floor's).
    if not settings.configured:
        settings.configure()
    if engine == "pairs":
        print(json.dumps(run_pairs(files, work, repeat)))
        return
    start = high_water_mib()
    result: dict[str, Any] = ENGINES[engine](files, work, repeat)
    result["peak_mib"] = high_water_mib()
    result["peak_above_start_mib"] = result["peak_mib"] - start
    print(json.dumps(result))


def fmt_load(load: tuple[float, float, float]) -> str:
    return ", ".join(f"{x:.2f}" for x in load)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=ROWS_PER_YEAR)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "trade")
    parser.add_argument("--no-pandas", action="store_true",
                        help="skip pandas (done anyway above 30 M rows: it needs ~4x RAM)")
    parser.add_argument("--engines", default="bilat,floor,pandas")
    parser.add_argument("--pair-runs", type=int, default=40,
                        help="rounds of the pair queries interleaved with the floor's (0: none)")
    parser.add_argument("--pairs-only", action="store_true",
                        help="only the interleaved pair queries, on the databases of a "
                             "previous run in --work")
    parser.add_argument("--child", choices=(*ENGINES, "pairs"), help=argparse.SUPPRESS)
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    work = args.work / f"rows-{args.rows}"
    work.mkdir(parents=True, exist_ok=True)
    if args.child:
        files = sorted(work.glob("BACI_*.csv"))
        child(args.child, files, work, args.repeat)
        return 0

    start = time.perf_counter()
    if args.generate_only:
        generate(work, args.rows)
        return 0
    # Generated in a process of its own: the parent stays small, so nothing of its size can
    # reach the engines' figures.
    subprocess.run([sys.executable, __file__, "--generate-only", "--rows", str(args.rows),
                    "--work", str(args.work)], check=True)
    files = generate(work, args.rows)
    size = sum(f.stat().st_size for f in files) / 2**20
    print(f"data: {args.rows:,} rows in {len(files)} file(s), {size:,.0f} MiB "
          f"(generated or reused in {time.perf_counter() - start:.1f} s)")
    # Other work on a shared machine slows every engine: record how busy it was.
    load_before = os.getloadavg()
    engines = [e for e in args.engines.split(",") if e in ENGINES]
    if args.no_pandas or args.rows > 30_000_000:
        engines = [e for e in engines if e != "pandas"]

    def run_child(engine: str, repeat: int) -> dict[str, Any] | int:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", engine, "--rows", str(args.rows),
             "--repeat", str(repeat), "--work", str(args.work)],
            capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        return json.loads(proc.stdout.strip().splitlines()[-1])

    if args.pairs_only:
        pairs = run_child("pairs", args.pair_runs)
        if isinstance(pairs, int):
            return pairs
        print_pairs(pairs)
        load_after = os.getloadavg()
        print(f"load average (1, 5, 15 min): before {fmt_load(load_before)}, after "
              f"{fmt_load(load_after)}; {os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}")
        report = {"rows": args.rows, "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
                  "load_average_before": load_before, "load_average_after": load_after,
                  "pairs": pairs}
        (work / "pairs.json").write_text(json.dumps(report, indent=2))
        return 0
    results: dict[str, dict[str, float]] = {}
    for engine in engines:
        found = run_child(engine, args.repeat)
        if isinstance(found, int):
            return found
        results[engine] = found
    pairs = None
    if args.pair_runs and {"bilat", "floor"} <= set(engines):
        found = run_child("pairs", args.pair_runs)
        if isinstance(found, int):
            return found
        pairs = found

    header = f"{'phase':16}" + "".join(f"{e + ' s':>12}" for e in engines)
    header += f"{'bilat/floor':>13}{'pandas/bilat':>14}"
    print(header)
    for phase in PHASES:
        line = f"{phase:16}" + "".join(f"{results[e][phase]:12.3f}" for e in engines)
        b = results.get("bilat", {}).get(phase)
        f = results.get("floor", {}).get(phase)
        p = results.get("pandas", {}).get(phase)
        line += f"{b / f:13.2f}" if b and f else f"{'':13}"
        line += f"{p / b:14.1f}" if b and p else f"{'':14}"
        print(line)
    print(f"{'peak MiB':16}" + "".join(f"{results[e]['peak_mib']:12.0f}" for e in engines))
    print(f"{'  above start':16}"
          + "".join(f"{results[e]['peak_above_start_mib']:12.0f}" for e in engines))
    if pairs:
        print_pairs(pairs)
    load_after = os.getloadavg()
    print(f"load average (1, 5, 15 min): before {fmt_load(load_before)}, after "
          f"{fmt_load(load_after)}; {os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}")
    report = {"rows": args.rows, "files": len(files), "csv_mib": size, "cpus": os.cpu_count(),
              "repeat": args.repeat, "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
              "load_average_before": load_before, "load_average_after": load_after,
              "results": results, "pairs": pairs}
    (work / "results.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
