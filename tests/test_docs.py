"""The docs stay honest: every setting, command, API route, page and dependency is documented."""

import re
import tomllib
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


def test_every_command_alias_is_documented_as_an_alias():
    from bilat.cli import ALIASES

    aliases = (DOCS / "commands.md").read_text().partition("\nAliases")[2]
    missing = [old for old, new in ALIASES.items()
               if f"| `bilat {old}` | `bilat {new}`" not in aliases]
    assert not missing, f"aliases missing from docs/commands.md: {missing}"


@pytest.mark.django_db
def test_every_api_route_is_documented():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    documented = (DOCS / "api.md").read_text()
    missing = sorted(p for p in paths if f"`{p}`" not in documented)
    assert not missing, f"API routes missing from docs/api.md: {missing}"


def _page_routes() -> list[str]:
    """Every named page route bilat declares (the API and Django's admin aside), as a path."""
    from django.urls import URLResolver, get_resolver

    def walk(resolver, prefix: str, module: str):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route, getattr(pattern.urlconf_module, "__name__", ""))
            elif (pattern.name and module.startswith("bilat")
                    and not route.startswith(("api/", "admin/"))):
                yield "/" + route

    return sorted(set(walk(get_resolver(), "", "bilat.urls")))


def test_every_page_route_is_documented():
    routes = _page_routes()
    assert {"/", "/decisions/<int:pk>/", "/accounts/login/", "/briefings/"} <= set(routes)
    docs = _docs_text()
    missing = []
    for route in routes:
        # A parameter may be written under any name (`<pk>`, `<meeting id>`); a query may follow.
        path = "".join("<[^<>`]+>" if part.startswith("<") else re.escape(part)
                       for part in re.split(r"(<[^>]+>)", route))
        if not re.search(f"`{path}(?:\\?[^`]*)?`", docs):
            missing.append(route)
    assert not missing, f"page routes missing from docs/: {missing}"


def _package(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement)[0]).lower()


def _documented_packages(table: str) -> set[str]:
    names = set()
    for row in re.findall(r"^\| ([^|]+) \|", table, re.M):
        if row.strip() not in ("Package", "---"):
            names |= {_package(name.strip()) for name in row.split(",")}
    return names


def test_every_dependency_has_its_line_in_the_dependencies_doc_and_back():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_package(r) for r in project["dependencies"]}
    dev = {_package(r) for r in project["optional-dependencies"]["dev"]}
    doc = (DOCS / "dependencies.md").read_text()
    main, _, development = doc.partition("Development and test only")
    assert development, "docs/dependencies.md lost its development section"
    assert _documented_packages(main) == runtime
    assert _documented_packages(development) == dev


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    for link in re.findall(r"\]\((docs/[^)]+)\)", readme):
        assert (ROOT / link).exists(), f"README links to a missing file: {link}"
