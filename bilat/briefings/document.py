"""The parts a briefing document is made of, and the writer that puts figures into words.

A ``Briefing`` is a list of ``Section``s, each with paragraphs, bullets, ``Table``s and
``Chart``s; a ``Writer`` reads a snapshot's figures and writes them in one language. The pack
(``pack.py``), the charts (``charts.py``), the dashboard and the renderers build on these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from bilat.core.citations import citation
from bilat.core.languages import in_language, language_order

from .figures import PROVENANCES, FigureSet, inputs_of, pair_from_figures
from .formatting import count, long_date, money, months, percent, qualified, thousands


@dataclass
class Table:
    """A table of numbers, also the accessible twin of every chart."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()


@dataclass
class Chart:
    """A Vega-Lite chart and the table of its numbers."""

    key: str
    title: str
    spec: dict
    table: Table
    svg: str = ""  # drawn on demand for HTML
    image: str = ""  # a PNG data URI, drawn on demand for PDF


@dataclass
class Section:
    """One heading of the pack, with its paragraphs, bullet lists, tables and charts."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Briefing:
    """A whole briefing pack in one language."""

    lang: str
    title: str
    subtitle: str
    as_of: date
    content_hash: str
    sections: list[Section]


# Figures that are not facts: marked in the pack's text and tables, listed in its data notes.
NOT_FACT = ("illustrative", "synthetic")
MARK = "\u2020"  # †


def provenance_label(provenance: str) -> str:
    """The provenance's name in the current language."""
    from .models import FigureProvenance

    return str(FigureProvenance(provenance).label) if provenance in PROVENANCES else provenance


def provenance_reason(provenance: str, inputs: str, lang: str | None = None) -> str:
    """Why a figure has its provenance: what it was computed from ("computed from 69 project
    records (illustrative: 60, sourced: 8, derived: 1)"), or what its provenance means."""
    lang = lang or get_language() or "en"
    kind, tally = inputs_of(inputs)
    if tally:
        n = sum(tally.values())
        parts = ", ".join(f"{provenance_label(p)}: {count(tally[p], lang)}"
                          for p in reversed(PROVENANCES) if p in tally)
        words = {
            "project": ngettext("computed from %(n)s project record (%(parts)s)",
                                "computed from %(n)s project records (%(parts)s)", n),
            "part": ngettext("counted from %(n)s part of a decision (%(parts)s)",
                             "counted from %(n)s parts of decisions (%(parts)s)", n),
            "decision": ngettext("counted from %(n)s decision (%(parts)s)",
                                 "counted from %(n)s decisions (%(parts)s)", n),
        }.get(kind) or ngettext("computed from %(n)s figure (%(parts)s)",
                                "computed from %(n)s figures (%(parts)s)", n)
        return words % {"n": count(n, lang), "parts": parts}
    return {
        "derived": _("derived from published figures"),
        "illustrative": _("illustrative: not from a source"),
        "synthetic": _("synthetic: generated for the demo, not data"),
    }.get(provenance, "")


class PairWords(dict):
    """The pair's names by placeholder; a dash for a name figures frozen without a pair lack."""

    def __missing__(self, key: str) -> str:
        return "—"


class Writer:
    """Turns figures into words in one language."""

    def __init__(self, figures: FigureSet, lang: str):
        self.f = figures
        self.lang = lang
        self.ru = lang.startswith("ru")
        # The languages texts were taken from when the pack's own had none (Kazakh → Russian).
        self.fallbacks: set[str] = set()
        self.pair = pair_from_figures(figures)
        # The keys and names that depend on the commission's two sides.
        self.first_basis = self.pair.first.basis if self.pair else ""
        self.x = self.pair.exports_key if self.pair else ""
        self.m = self.pair.imports_key if self.pair else ""
        self.share_key = self.pair.share_key if self.pair else ""
        self.words = PairWords(self.pair.words("en" if lang.startswith("en") else "ru") if self.pair else {})

    # --- figures as text ---------------------------------------------------------------

    def money(self, key: str, *, qualify: bool = True) -> str:
        fig = self.f.get(key)
        if fig is None or fig.value is None:
            return "—"
        return self.mark(key, money(fig.value, self.lang,
                                    qualifier=fig.qualifier if qualify else ""))

    def pct(self, key: str, *, signed: bool = True) -> str:
        value = self.f.value(key)
        return "—" if value is None else self.mark(
            key, percent(value, self.lang, signed=signed))

    def jobs(self, key: str) -> str:
        value = self.f.value(key)
        if value is None:
            return "—"
        text, qualifier = thousands(value, self.lang)
        return self.mark(key, qualified(text, qualifier, self.lang))

    def year(self, key: str) -> str:
        value = self.f.value(key)
        return "—" if value is None else str(int(value))

    def count(self, key: str) -> str:
        value = self.f.value(key)
        return "—" if value is None else self.mark(key, count(value, self.lang))

    def is_fact(self, key: str) -> bool:
        """Whether the figure is sourced or derived (not illustrative, not synthetic)."""
        fig = self.f.get(key)
        return fig is None or fig.provenance not in NOT_FACT

    def mark(self, key: str, text: str) -> str:
        """``text`` with the mark of a figure that is not a fact (see the data notes)."""
        return text if self.is_fact(key) else text + MARK

    def period(self, text: str) -> str:
        """'2024-01/2024-04' -> 'January–April 2024' / 'январь–апрель 2024 г.'."""
        if "/" not in text:
            return text
        start, end = text.split("/")
        return months(int(start[:4]), int(start[5:7]), int(end[5:7]), self.lang)

    def day(self, value: date) -> str:
        return long_date(value, self.lang)

    def cited(self, source: str) -> str:
        """A source as cited, the dates it names written in the pack's language; a source bilat
        names itself ("bilat water accounting") in the pack's words."""
        return citation(_(source) if source else source, self.lang)

    def text(self, key: str) -> str:
        """A text frozen per language (``key.en``, ``key.ru``) in the pack's language."""
        order = language_order(self.lang)
        texts = {code: self.f.text(f"{key}.{code}") for code in order}
        shown = next((code for code in order if texts[code]), "")
        if shown and shown != order[0]:
            self.fallbacks.add(shown)
        return in_language(texts, self.lang) or self.f.text(key)

    def rule(self, key: str) -> str:
        """The counting rule of the portfolio figure ``key`` ("portfolio.all") in the pack's
        language where the snapshot froze it in that language, else as the figure has it."""
        fig = self.f.get(f"{key}.count")
        return self.text(f"{key}.rule") or (fig.rule if fig else "")

    def side(self, code: str) -> str:
        side = self.pair.side(code) if self.pair else None
        return side.name(self.lang) if side else code

    def basis(self, code: str) -> str:
        if code == "meeting":
            return _("the meeting's figure")
        return self.pair.basis_label(code, self.lang) if self.pair else code

    def flow(self, measure: str) -> str:
        """'Kazakhstan → Uzbekistan' for a flow between the sides, 'turnover' for turnover."""
        if not self.pair or measure not in (self.x, self.m):
            return _("turnover") if measure == "turnover" else measure
        a, b = self.pair.sides if measure == self.x else reversed(self.pair.sides)
        return f"{a.name(self.lang)} → {b.name(self.lang)}"

    def status(self, code: str) -> str:
        return STATUS_LABELS().get(code, code.replace("_", " "))

    # --- keys ------------------------------------------------------------------------------

    def latest_year(self, basis: str = "") -> int | None:
        """The latest year of a basis (the first side's by default)."""
        value = self.f.value(f"trade.latest_year.{basis or self.first_basis}")
        return int(value) if value is not None else None


def STATUS_LABELS() -> dict[str, str]:  # noqa: N802 - a table of labels, translated on call
    return {
        "on_track": _("on track"), "at_risk": _("at risk"), "off_track": _("off track"),
        "reached": _("reached"), "unknown": _("not known"),
        "done": _("done"), "in_progress": _("in progress"), "not_started": _("not started"),
        "overdue": _("overdue"), "removed": _("removed from control"),
        "reported": _("reported"), "returned": _("returned for revision"),
        "not_done": _("not done"), "on_control": _("on control"), "open": _("open"),
    }
