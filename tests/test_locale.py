"""The Russian interface is complete and its compiled catalogue matches the source."""

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "bilat" / "locale" / "ru" / "LC_MESSAGES"


def _plain(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _translated(catalog) -> dict:
    return {_plain(m.id): _plain(m.string) for m in catalog if m.id and not m.fuzzy}


def test_every_string_has_a_russian_translation():
    with open(LOCALE / "django.po", "rb") as f:
        catalog = read_po(f)
    missing = [
        m.id for m in catalog
        if m.id and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert not missing, f"untranslated or fuzzy: {missing[:10]}"


def test_the_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.po", "rb") as f:
        source = _translated(read_po(f))
    with open(LOCALE / "django.mo", "rb") as f:
        compiled = _translated(read_mo(f))
    assert source == compiled, "run: cd bilat && bilat compilemessages -l ru"
