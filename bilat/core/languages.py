"""Texts kept once per language, read in the reader's language.

``Translated`` is the one place where bilat chooses among the languages of a text and falls
back when the text is missing in the reader's: records (``title = Translated()`` beside
``title_en`` and ``title_ru``), the trade metrics, and the briefing's figures all ask it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import get_language

# After the reader's own language, the languages a missing text is looked for in, in order.
FALLBACK = ("en", "ru")


def language_order(lang: str | None = None) -> tuple[str, ...]:
    """The languages to read a text in: ``lang`` (the active language by default), then the
    fallbacks."""
    first = (lang or get_language() or "en")[:2]
    return tuple(dict.fromkeys((first, *FALLBACK)))


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
        for code in language_order(lang):
            value = getattr(record, f"{self.name}_{code}", "")
            if value:
                return value
        return ""
