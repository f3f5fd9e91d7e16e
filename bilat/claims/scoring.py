"""The annotated set and its scorer: micro precision, recall and F1 over claim triples.

A claim counts as the triple (indicator, value, period), deduplicated within a document; a
found triple matches an expected one when the indicator and period are equal and the values
agree within a relative 1e-6. Scores are micro-averaged over the documents, overall and on
the core indicators (those statistics and the registry can check).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bilat.claims.vocabulary import is_core

CORPUS = Path(__file__).with_name("corpus")
REL_TOL = 1e-6


@dataclass(frozen=True)
class Annotated:
    """One release of the annotated set with its expected claims."""

    name: str
    text: str
    published: date
    lang: str
    split: str
    claims: list[dict]
    meta: dict = field(default_factory=dict, compare=False)


def load_corpus(split: str | None = None, root: Path = CORPUS) -> list[Annotated]:
    """The annotated releases (``split`` 'dev' or 'holdout', or all), in name order."""
    out = []
    for path in sorted(root.glob("*.json")):
        meta = json.loads(path.read_text())
        if split and meta["split"] != split:
            continue
        out.append(Annotated(meta["name"], path.with_suffix(".txt").read_text(),
                             date.fromisoformat(meta["published"]), meta["lang"], meta["split"],
                             meta["claims"], meta))
    return out


Triple = tuple[str, float, str]


def triples(claims: Iterable, *, core_only: bool = False) -> list[Triple]:
    """The deduplicated (indicator, value, period) triples of claims (dicts or Claims)."""
    out: list[Triple] = []
    for c in claims:
        d = c if isinstance(c, dict) else c.as_dict()
        if core_only and not is_core(d["indicator"]):
            continue
        t = (d["indicator"], float(d["value"]), d["period"])
        if not any(_same(t, u) for u in out):
            out.append(t)
    return out


def _same(a: Triple, b: Triple) -> bool:
    if a[0] != b[0] or a[2] != b[2]:
        return False
    scale = max(abs(a[1]), abs(b[1]))
    return abs(a[1] - b[1]) <= REL_TOL * scale


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, and their ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, name: str, expected: Sequence[Triple], found: Sequence[Triple]) -> None:
        unmatched = list(found)
        for t in expected:
            hit = next((u for u in unmatched if _same(t, u)), None)
            if hit is None:
                self.fn += 1
                self.missed.append((name, t))
            else:
                self.tp += 1
                unmatched.remove(hit)
        self.fp += len(unmatched)
        self.spurious.extend((name, u) for u in unmatched)

    def line(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")


def score(documents: Sequence[Annotated], extract: Callable[[Annotated], Iterable],
          ) -> dict[str, Score]:
    """Score an extractor (a function of an annotated release) overall and on core claims."""
    scores = {"overall": Score(), "core": Score()}
    for doc in documents:
        found = list(extract(doc))
        for key, core_only in (("overall", False), ("core", True)):
            scores[key].add(doc.name, triples(doc.claims, core_only=core_only),
                            triples(found, core_only=core_only))
    return scores


def bilat_extract(doc: Annotated) -> list:
    """bilat's extractor on an annotated release."""
    from bilat.claims.extract import extract_claims

    return extract_claims(doc.text, published=doc.published, lang=doc.lang)
