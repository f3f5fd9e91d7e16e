"""No module of bilat names a country: the commission's two sides are data.

The demo, the tests, the migrations and the reference tables of countries are the places a
country code may be written; everywhere else the codes come from a commission's record.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bilat"
CODES = {"KZ", "UZ"}
# The reference tables of countries: names, forms of names, and the words that mean them.
REFERENCE_TABLES = {"bilat/core/countries.py", "bilat/claims/vocabulary.py"}
EXEMPT_PARTS = {"tests", "migrations", "demo"}


def _modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py")
            if not EXEMPT_PARTS & set(p.relative_to(PACKAGE).parts)
            and str(p.relative_to(ROOT)) not in REFERENCE_TABLES]


def test_no_module_names_a_country_code_outside_the_demo_tests_and_reference_tables():
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    node.value.upper() in CODES and node.value.isupper()):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_the_check_sees_a_code_where_one_is_written(tmp_path):
    sample = "PAIR = ('KZ', 'UZ')\n"
    hits = [n.value for n in ast.walk(ast.parse(sample))
            if isinstance(n, ast.Constant) and n.value in CODES]
    assert hits == ["KZ", "UZ"]
