"""The modules of bilat keep to their layout: no import cycles, no private names borrowed.

Imports count wherever they are written, inside functions and ``TYPE_CHECKING`` blocks too:
an import that only runs late still ties the two modules together.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bilat"

# Private names still borrowed by code that other work of issue 9 rewrites; empty it then.
BORROWED_FOR_NOW: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, name) for every import in the file; name is None for ``import module``."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(
        ".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            found += [(base, alias.name) for alias in node.names]
    return found


def _sources(*, tests: bool) -> list[Path]:
    paths = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    if not tests:
        return [p for p in paths if "tests" not in p.parts]
    return paths + list((ROOT / "tests").rglob("*.py")) + list((ROOT / "benchmarks").rglob("*.py"))


def test_no_module_imports_one_that_imports_it_back():
    modules = {_module_name(p): p for p in _sources(tests=False)}
    packages = {name for name, p in modules.items() if p.name == "__init__.py"}

    def target(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name if name and name not in packages else None

    graph = {
        name: {t for module, imported in _imports(path)
               for t in (target(f"{module}.{imported}" if imported else module),)
               if t and t != name}
        for name, path in modules.items()
    }

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    cycles = sorted(name for name in graph if name in reaches(name))
    assert not cycles, f"modules in an import cycle: {cycles}"


def test_no_module_borrows_a_private_name_of_another():
    modules = {_module_name(p) for p in _sources(tests=True) if p.is_relative_to(PACKAGE)}
    borrowed = set()
    for path in _sources(tests=True):
        where = str(path.relative_to(ROOT))
        bound = {}  # local name -> bilat module it stands for
        for module, name in _imports(path):
            if not module.startswith("bilat"):
                continue
            if name and name.startswith("_") and name != "_":
                borrowed.add((where, f"{module}.{name}"))
            elif name and f"{module}.{name}" in modules:
                bound[name] = f"{module}.{name}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in bound and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                borrowed.add((where, f"{bound[node.value.id]}.{node.attr}"))
    assert borrowed <= BORROWED_FOR_NOW, sorted(borrowed - BORROWED_FOR_NOW)
