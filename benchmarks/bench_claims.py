"""Claims benchmark: bilat's extractor and the quantulum3 baseline on the annotated releases.

bilat is scored as the issue asks: micro precision, recall and F1 on deduplicated (indicator,
value, period) triples, overall and on core claims, for each split of the set. quantulum3 finds
numbers and units, not claims: it has no indicators and no periods, so it is scored the
fairest way it can be, on deduplicated (unit class, |value|) pairs (money, percent, count,
tonnes, hectares) against the expected claims, and bilat is scored the same way beside it.
On core claims, a found pair that matches a non-core expected claim is left out rather than
counted wrong. Both run offline: the script counts attempted network connections (0 expected).

    python benchmarks/bench_claims.py [--repeat 3] [--engines bilat,quantulum3] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bilat.claims.checker import check_claims  # noqa: E402
from bilat.claims.extract import extract_claims  # noqa: E402
from bilat.claims.scoring import REL_TOL, Score, load_corpus, score  # noqa: E402
from bilat.claims.vocabulary import is_core  # noqa: E402

SPLITS = ("dev", "holdout", "holdout2")
CLASS_OF_UNIT = {"USD": "money", "KZT": "money", "percent": "percent",
                 "percentage_points": "percent", "tonnes_per_year": "tonnes",
                 "hectares": "hectares"}

_connections = 0
_connect = socket.socket.connect


def _counting_connect(self, address):  # any attempt is counted, and refused
    global _connections
    _connections += 1
    raise OSError("bench_claims: no network in the benchmark")


def unit_class(unit: str) -> str:
    return CLASS_OF_UNIT.get(unit, "count")


def pairs(items) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for cls, value in items:
        if not any(c == cls and _close(v, value) for c, v in out):
            out.append((cls, value))
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def pair_score(doc, found: list[tuple[str, float]], core_only: bool, s: Score) -> None:
    expected = pairs((unit_class(c["unit"]), abs(c["value"])) for c in doc.claims
                     if is_core(c["indicator"]) or not core_only)
    if core_only:
        other = pairs((unit_class(c["unit"]), abs(c["value"])) for c in doc.claims
                      if not is_core(c["indicator"]))
        found = [f for f in found if not any(f[0] == o[0] and _close(f[1], o[1]) for o in other)
                 or any(f[0] == e[0] and _close(f[1], e[1]) for e in expected)]
    matched = [False] * len(found)
    for cls, value in expected:
        hit = next((i for i, (c, v) in enumerate(found)
                    if not matched[i] and c == cls and _close(v, value)), None)
        if hit is None:
            s.fn += 1
        else:
            s.tp += 1
            matched[hit] = True
    s.fp += matched.count(False)


class Bilat:
    name = "bilat"

    def load(self) -> None:
        pass

    def claims(self, doc):
        return extract_claims(doc.text, published=doc.published, lang=doc.lang)

    def pairs(self, doc) -> list[tuple[str, float]]:
        return pairs((unit_class(c.unit), abs(c.value)) for c in self.claims(doc))


class Quantulum3:
    """quantulum3 in its heuristic mode: its shipped unit classifier is a scikit-learn 1.8
    pickle that does not load under the installed scikit-learn, and retraining it needs the
    'stemming' package; on our sentences the retrained classifier changed no unit."""

    name = "quantulum3"

    def load(self) -> None:
        import quantulum3.classifier
        from quantulum3 import parser

        quantulum3.classifier.USE_CLF = False
        self.parser = parser
        self.parser.parse("warm-up: $1 billion and 5%")  # loads its unit tables

    def pairs(self, doc) -> list[tuple[str, float]]:
        out = []
        for q in self.parser.parse(doc.text):
            entity, unit = q.unit.entity.name, q.unit.name
            if entity == "currency":
                cls = "money"
            elif unit == "percentage":
                cls = "percent"
            elif entity == "mass":
                cls = "tonnes"
            elif entity == "area" and "hectare" in unit:
                cls = "hectares"
            elif entity == "dimensionless":
                cls = "count"
            else:
                continue
            out.append((cls, abs(float(q.value))))
        return pairs(out)


def timed(fn, docs, repeat: int) -> tuple[list, float]:
    """The results of the last run and the median seconds per document over ``repeat`` runs."""
    runs, results = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        results = [fn(doc) for doc in docs]
        runs.append((time.perf_counter() - start) / len(docs))
    return results, statistics.median(runs)


def line(label: str, overall: Score, core: Score) -> str:
    return (f"  {label:<22} {overall.precision:6.3f} {overall.recall:6.3f} {overall.f1:6.3f}"
            f"   {core.precision:6.3f} {core.recall:6.3f} {core.f1:6.3f}")


HEADER = "  {:<22} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}".format(
    "", "P", "R", "F1", "core P", "R", "F1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="bilat,quantulum3")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "claims")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    socket.socket.connect = _counting_connect

    docs = load_corpus()
    engines = {"bilat": Bilat(), "quantulum3": Quantulum3()}
    chosen = [engines[name] for name in args.engines.split(",")]
    expected = sum(len(d.claims) for d in docs)
    core = sum(is_core(c["indicator"]) for d in docs for c in d.claims)
    print(f"Claims benchmark: {len(docs)} releases "
          f"({', '.join(f'{sum(d.split == s for d in docs)} {s}' for s in SPLITS)}), "
          f"{expected} expected claims ({core} core)")
    results: dict = {"releases": len(docs), "claims": expected, "core_claims": core,
                     "engines": {}}

    if engines["bilat"] in chosen:
        print("\nbilat, (indicator, value, period) triples")
        print(HEADER)
        triples = {}
        for split in (*SPLITS, "all"):
            subset = [d for d in docs if split in ("all", d.split)]
            s = score(subset, engines["bilat"].claims)
            triples[split] = {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1,
                                  "tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in s.items()}
            print(line(split, s["overall"], s["core"]))
        results["engines"]["bilat"] = {"triples": triples}

    print("\n(unit class, value) pairs, the baseline's terms")
    print(HEADER)
    for engine in chosen:
        start = time.perf_counter()
        engine.load()
        load_seconds = time.perf_counter() - start
        found, per_doc = timed(engine.pairs, docs, args.repeat)
        entry = results["engines"].setdefault(engine.name, {})
        entry.update({"load_s": load_seconds, "s_per_document": per_doc, "pairs": {}})
        for subset_name, keep in (("all", lambda d: True), ("en", lambda d: d.lang == "en"),
                                  ("ru", lambda d: d.lang == "ru")):
            overall, core_score = Score(), Score()
            for doc, f in zip(docs, found, strict=True):
                if keep(doc):
                    pair_score(doc, f, False, overall)
                    pair_score(doc, f, True, core_score)
            entry["pairs"][subset_name] = {
                "overall": {"precision": overall.precision, "recall": overall.recall,
                            "f1": overall.f1},
                "core": {"precision": core_score.precision, "recall": core_score.recall,
                         "f1": core_score.f1}}
            print(line(f"{engine.name} {subset_name}", overall, core_score))
    print("\nTime per document (median of --repeat runs; loading apart):")
    for engine in chosen:
        entry = results["engines"][engine.name]
        print(f"  {engine.name:<12} {entry['s_per_document'] * 1000:8.1f} ms"
              f"   (load {entry['load_s']:.2f} s)")
    if engines["bilat"] in chosen:
        # Extraction and every check inside the release (two values, parts, growth rates), as
        # `bilat claims check` runs them before asking the data.
        def checked(doc):
            claims = engines["bilat"].claims(doc)
            return check_claims(claims, text=doc.text)

        _found, per_doc = timed(checked, docs, args.repeat)
        results["engines"]["bilat"]["checked_s_per_document"] = per_doc
        print(f"  {'bilat+checks':<12} {per_doc * 1000:8.1f} ms   (extraction and the checks "
              "inside each release)")
    print(f"\nNetwork connections attempted: {_connections}")
    results["network_connections"] = _connections
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    return 0 if _connections == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
