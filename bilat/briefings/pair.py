"""The two countries a briefing speaks of, and the region its shares are counted in.

Built from a commission's record (``pair_of``) or, for figures gathered without one (hand-made
inputs, a snapshot frozen before commissions were records), from the country codes the figures
carry and the reference table of countries (``core.countries``). Every name, basis label and
figure key that depends on the pair comes from here, so no module of the briefings names a
country.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bilat.core import palette
from bilat.core.countries import country, region_of
from bilat.core.languages import in_language


@dataclass(frozen=True)
class PairSide:
    """One side of the pair, with the forms of its name a generated text needs."""

    code: str
    basis: str  # the statistics basis its office's figures carry
    name_en: str
    name_ru: str
    adjective_en: str = ""
    genitive_ru: str = ""
    instrumental_ru: str = ""
    colour: str = ""
    basis_en: str = ""  # 'Kazakh statistics'
    basis_ru: str = ""  # 'статистика Казахстана'
    # From the reference table (``with_table_names``); without them, Kazakh and Uzbek readers
    # get the Russian.
    name_kk: str = ""  # 'Қазақстан'
    name_uz: str = ""  # 'Qozogʻiston'
    basis_kk: str = ""  # 'Қазақстан статистикасы'
    basis_uz: str = ""  # 'Qozogʻiston statistikasi'

    def name(self, lang: str) -> str:
        """The side's name for a reader of ``lang``, with the usual fallbacks."""
        return in_language({"en": self.name_en, "ru": self.name_ru, "kk": self.name_kk,
                            "uz": self.name_uz}, lang) or self.code

    def basis_label(self, lang: str) -> str:
        """The side's statistics basis for a reader of ``lang``: 'Kazakh statistics'."""
        return in_language({"en": self.basis_en, "ru": self.basis_ru, "kk": self.basis_kk,
                            "uz": self.basis_uz}, lang)

    def genitive(self, lang: str) -> str:
        """'Kazakhstan' / 'Казахстана' (of Kazakhstan)."""
        return (self.genitive_ru or self.name_ru) if lang == "ru" else self.name_en

    def instrumental(self, lang: str) -> str:
        """'Kazakhstan' / 'Казахстаном' (with Kazakhstan)."""
        return (self.instrumental_ru or self.name_ru) if lang == "ru" else self.name_en

    def adjective(self) -> str:
        return self.adjective_en or self.name_en


@dataclass(frozen=True)
class Pair:
    """The commission's two sides in order, and the region of its regional shares."""

    first: PairSide
    second: PairSide
    region: tuple[str, ...] = ()
    region_en: str = ""
    region_ru: str = ""
    region_genitive_ru: str = ""
    region_instrumental_ru: str = ""

    @property
    def sides(self) -> tuple[PairSide, PairSide]:
        return (self.first, self.second)

    @property
    def codes(self) -> tuple[str, str]:
        return (self.first.code, self.second.code)

    @property
    def bases(self) -> tuple[str, str]:
        return (self.first.basis, self.second.basis)

    def side(self, code: str) -> PairSide | None:
        return next((s for s in self.sides if code in (s.code, s.basis)), None)

    # --- figure keys -----------------------------------------------------------------------

    @property
    def exports_key(self) -> str:
        """The measure of the first side's exports to the second ('kz_to_uz')."""
        return f"{self.first.code.lower()}_to_{self.second.code.lower()}"

    @property
    def imports_key(self) -> str:
        return f"{self.second.code.lower()}_to_{self.first.code.lower()}"

    @property
    def share_key(self) -> str:
        """The second side's share of the first side's trade with the region."""
        return f"trade.share.{self.second.code.lower()}_of_{self.first.code.lower()}_ca"

    # --- words -----------------------------------------------------------------------------

    def region_name(self, lang: str) -> str:
        return self.region_ru if lang == "ru" and self.region_ru else self.region_en

    def region_genitive(self, lang: str) -> str:
        return (self.region_genitive_ru or self.region_ru) if lang == "ru" else self.region_en

    def region_instrumental(self, lang: str) -> str:
        return (self.region_instrumental_ru or self.region_ru) if lang == "ru" else self.region_en

    def basis_label(self, basis: str, lang: str) -> str:
        """'Kazakh statistics' / 'статистика Казахстана'."""
        side = self.side(basis)
        if side is None:
            return basis
        return side.basis_label(lang) or basis

    def words(self, lang: str) -> dict[str, str]:
        """The names a sentence of the pack may use, by placeholder."""
        a, b = self.first, self.second
        return {
            "first": a.name(lang), "second": b.name(lang),
            "first_gen": a.genitive(lang), "second_gen": b.genitive(lang),
            "first_ins": a.instrumental(lang), "second_ins": b.instrumental(lang),
            "first_adj": a.adjective(), "second_adj": b.adjective(),
            "region": self.region_name(lang), "region_gen": self.region_genitive(lang),
            "region_ins": self.region_instrumental(lang),
            "others": str(max(len(self.region) - 2, 0)),
        }

    def colour(self, basis: str) -> str:
        for position, side in enumerate(self.sides):
            if basis in (side.code, side.basis):
                return palette.side_colour(position, side.colour)
        return ""


def with_table_names(side: PairSide) -> PairSide:
    """``side`` with its name in Kazakh and Uzbek from the reference table of countries, and
    its basis label in them where its basis is the table's ("Kazakh statistics"): reference
    words read when a pack is written, not frozen with it."""
    known = side_from_code(side.code)
    same = side.basis_en == known.basis_en
    return replace(side, name_kk=known.name_kk, name_uz=known.name_uz,
                   basis_kk=known.basis_kk if same else "", basis_uz=known.basis_uz if same else "")


def side_from_code(code: str, basis: str = "", colour: str = "") -> PairSide:
    """A side known only by its code: named from the reference table of countries."""
    c = country(code)
    if c is None:
        return PairSide(code, basis or code, code, code, colour=colour)
    return PairSide(code, basis or code, c.name_en, c.name_ru, c.adjective_en,
                    c.name_ru_genitive, c.name_ru_instrumental, colour, c.statistics_en,
                    c.statistics_ru, c.name_kk, c.name_uz, c.statistics_kk, c.statistics_uz)


def pair_from_codes(first: str, second: str) -> Pair:
    """The pair of two country codes, with the first region of the table that holds both."""
    region = region_of(first, second)
    return Pair(
        side_from_code(first), side_from_code(second),
        region.countries if region else (), region.name_en if region else "",
        region.name_ru if region else "", region.name_ru_genitive if region else "",
        region.name_ru_instrumental if region else "",
    )


def pair_of(commission) -> Pair | None:
    """The pair of a commission's record (``commissions.Commission``), None without one."""
    if commission is None:
        return None
    parts = commission.ordered_sides()
    if len(parts) != 2:
        return None
    sides = []
    for part in parts:
        s = part.side
        known = side_from_code(s.code)
        sides.append(with_table_names(PairSide(
            s.code, part.basis, s.name_en, s.name_ru, s.adjective_en or known.adjective_en,
            s.name_ru_genitive or known.genitive_ru,
            s.name_ru_instrumental or known.instrumental_ru, part.chart_colour,
            part.statistics_label_en or known.basis_en or part.statistics_office_en,
            part.statistics_label_ru or known.basis_ru or part.statistics_office_ru,
        )))
    return Pair(
        sides[0], sides[1], commission.region, commission.region_name_en,
        commission.region_name_ru, commission.region_name_ru_genitive,
        commission.region_name_ru_instrumental,
    )


def infer_pair(bases, share_key_order: tuple[str, str] | None = None) -> Pair | None:
    """The pair of figures gathered without a commission: from the two statistics bases they
    carry (the reporter of the regional share first, when known)."""
    codes = sorted({b for b in bases if country(b) is not None})
    if share_key_order and set(share_key_order) <= set(codes):
        codes = list(share_key_order) + [c for c in codes if c not in share_key_order]
    if len(codes) < 2:
        return None
    return pair_from_codes(codes[0], codes[1])
