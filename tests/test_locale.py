"""The Russian, Kazakh and Uzbek interfaces are complete, in the main catalogue and in the water
app's own; every compiled catalogue matches its source."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

BILAT = Path(__file__).resolve().parent.parent / "bilat"
ROOT = BILAT / "locale"
# The catalogues Kazakh and Uzbek must cover: the main one and the water app's (Django finds an
# installed app's <app>/locale by itself).
COVERED = {"main": ROOT, "water": BILAT / "water" / "locale"}
NEW = ("kk", "uz")
COMPILED = sorted(BILAT.glob("**/locale/*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _plain(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _translated(catalog) -> dict:
    return {_plain(m.id): _plain(m.string) for m in catalog if m.id and not m.fuzzy}


def _read(path: Path):
    with open(path, "rb") as f:
        return read_po(f)


def _catalog(lang: str, root: Path = ROOT):
    return _read(root / lang / "LC_MESSAGES" / "django.po")


def _missing(catalog) -> list:
    return [
        m.id for m in catalog
        if m.id and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]


def test_every_string_has_a_russian_translation():
    missing = _missing(_catalog("ru"))
    assert not missing, f"untranslated or fuzzy: {missing[:10]}"


@pytest.mark.parametrize("where", sorted(COVERED))
@pytest.mark.parametrize("lang", NEW)
def test_kazakh_and_uzbek_translate_every_message_of_the_russian_catalogue(lang, where):
    catalog = _catalog(lang, COVERED[where])
    wanted = {_plain(m.id) for m in _catalog("ru", COVERED[where]) if m.id}
    done = set(_translated(catalog)) - {_plain(m) for m in _missing(catalog)}
    assert catalog.num_plurals == 2
    untranslated = sorted(wanted - done, key=str)
    assert not untranslated, (
        f"{where} {lang}: {len(untranslated)} of {len(wanted)} untranslated: {untranslated[:10]}"
    )


@pytest.mark.parametrize("where", sorted(COVERED))
@pytest.mark.parametrize("lang", NEW)
def test_kazakh_and_uzbek_keep_every_placeholder(lang, where):
    changed = []
    for m in _catalog(lang, COVERED[where]):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, list | tuple) else (m.id,)
        strings = m.string if isinstance(m.string, list | tuple) else (m.string,)
        wanted = {tuple(sorted(PLACEHOLDER.findall(i))) for i in ids}
        changed += [m.id for s in strings if tuple(sorted(PLACEHOLDER.findall(s))) not in wanted]
    assert not changed, f"{where} {lang}: placeholders changed in {changed[:10]}"


@pytest.mark.parametrize("source", COMPILED, ids=lambda p: str(p.relative_to(BILAT)))
def test_the_compiled_catalogue_matches_the_source(source):
    with open(source.with_suffix(".mo"), "rb") as f:
        compiled = _translated(read_mo(f))
    assert _translated(_read(source)) == compiled, f"run: msgfmt --check -o django.mo django.po in {source.parent}"
