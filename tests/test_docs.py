"""The docs stay honest: every setting, command and API route is documented."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _docs_text() -> str:
    return "\n".join(p.read_text() for p in DOCS.glob("*.md"))


def test_every_setting_is_documented():
    source = (ROOT / "bilat" / "settings.py").read_text()
    names = set(re.findall(r"""(?:environ\.get|env_bool)\(\s*["']([A-Z_]+)["']""", source))
    assert names, "no settings found: the pattern is out of date"
    documented = (DOCS / "settings.md").read_text()
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_every_command_is_documented():
    commands = sorted(
        p.stem
        for p in (ROOT / "bilat").glob("*/management/commands/*.py")
        if not p.stem.startswith("_")
    )
    assert "verify_changelog" in commands
    documented = (DOCS / "commands.md").read_text()
    missing = [c for c in commands if f"bilat {c}" not in documented]
    assert not missing, f"commands missing from docs/commands.md: {missing}"


@pytest.mark.django_db
def test_every_api_route_is_documented():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    documented = (DOCS / "api.md").read_text()
    missing = sorted(p for p in paths if f"`{p}`" not in documented)
    assert not missing, f"API routes missing from docs/api.md: {missing}"


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    for link in re.findall(r"\]\((docs/[^)]+)\)", readme):
        assert (ROOT / link).exists(), f"README links to a missing file: {link}"
