"""Texts kept once per language, read in the reader's language.

``Translated`` is the one place where bilat chooses among the languages of a text and falls
back when the text is missing in the reader's: records (``title = Translated()`` beside
``title_en`` and ``title_ru``), the trade metrics, and the briefing's figures all ask it.

Fallbacks: English readers fall back to Russian, Russian readers to English; Kazakh and Uzbek
readers to Russian (the commission's working language), then English. A record may keep
``title_kk``/``title_uz`` beside the others; where it does not, the Russian text is shown and
``shown_language`` tells the page so.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# After the reader's own language, the languages a missing text is looked for in, in order.
FALLBACK = ("en", "ru")
FALLBACKS = {"kk": ("ru", "en"), "uz": ("ru", "en")}
# The Babel locale of each language bilat writes numbers and dates in.
BABEL_LOCALES = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ", "uz": "uz_Latn_UZ"}
# The languages of the interface and the packs (settings.LANGUAGES), and of texts kept per
# language (``title_en`` … ``title_uz``).
LANGUAGES = tuple(BABEL_LOCALES)


def text_language(name: str) -> str:
    """The language of a field kept once per language (``title_en``: "en"), else ""."""
    base, _sep, suffix = name.rpartition("_")
    return suffix if base and suffix in language_names() else ""


def language_names() -> dict[str, str]:
    """"in Russian"… for each language, as a note after a text shown in it."""
    return {"en": _("in English"), "ru": _("in Russian"), "kk": _("in Kazakh"),
            "uz": _("in Uzbek")}


def reader_language(lang: str | None = None) -> str:
    """The two-letter code of ``lang``, or of the active language."""
    return (lang or get_language() or "en")[:2].lower()


def language_order(lang: str | None = None) -> tuple[str, ...]:
    """The languages to read a text in: ``lang`` (the active language by default), then the
    fallbacks."""
    first = reader_language(lang)
    return tuple(dict.fromkeys((first, *FALLBACKS.get(first, FALLBACK))))


def in_language(texts: Mapping[str, str], lang: str | None = None) -> str:
    """The text of ``texts`` (by language code) in ``lang``, or in the first fallback that has
    one; "" when none has."""
    for code in language_order(lang):
        if texts.get(code):
            return texts[code]
    return ""


class Translated(property):
    """A text stored as ``<name>_en``, ``<name>_ru``…, read in the reader's language.

    ``title = Translated()`` on a class with ``title_en`` and ``title_ru`` makes ``record.title``
    the title in the active language, else in English, else in Russian; and
    ``Model.title.of(record, "ru")`` the title for a reader of Russian. A property to Django,
    DRF and drf-spectacular (a string).
    """

    def __init__(self) -> None:
        super().__init__(self._read)
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.__doc__ = f"The {name.replace('_', ' ')} in the reader's language."

    def _read(self, record: object) -> str:
        return self.of(record)

    def of(self, record: object, lang: str | None = None) -> str:
        """The text of ``record`` for a reader of ``lang`` (the active language by default)."""
        return self.shown(record, lang)[1]

    def shown(self, record: object, lang: str | None = None) -> tuple[str, str]:
        """The language code and the text ``of`` shows; ("", "") when there is none. Reads
        ``<name>_kk``/``<name>_uz`` only where the record has them."""
        for code in language_order(lang):
            value = getattr(record, f"{self.name}_{code}", "")
            if value:
                return code, value
        return "", ""


def shown_language(record: object, name: str, lang: str | None = None) -> str:
    """The language the ``name`` text of ``record`` is shown in for a reader of ``lang``: the
    reader's own, a fallback's, or "" when the record has no such text."""
    field = getattr(type(record), name, None)
    if isinstance(field, Translated):
        return field.shown(record, lang)[0]
    return reader_language(lang) if getattr(record, name, "") else ""


class LanguageSelect(forms.Select):
    """A choice of languages, each option marked with its own language (``lang="uz"``): the
    names are written in themselves ("Oʻzbekcha"), as a switcher shows them."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = str(value)
        return option

