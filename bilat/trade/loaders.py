"""Loaders: CEPII BACI, UN Comtrade and national statistics files into the warehouse.

A load is all or nothing: it writes into a private copy of the warehouse, and the first bad
line (with its reason) stops the load before the copy is swapped in. Loading the same source
and vintage again replaces what the warehouse holds for those years.

Each file is written to ``flows`` once, tagged with its ``loads.id``; its aggregates are then
built from its own rows, one pass each. A BACI file is read and inserted in one statement
that enforces the per-line rules; only when that fails, or when a repeated key or an odd
product code turns up, is it staged line by line to name the first bad line.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc

from . import national
from .warehouse import Warehouse, WarehouseError, writer

Format = Literal["baci", "comtrade", "national"]
FORMATS: tuple[Format, ...] = ("baci", "comtrade", "national")
Progress = Callable[[str], None]

BACI_COLUMNS = ("t", "i", "j", "k", "v", "q")
COMTRADE_COLUMNS = (
    "freqCode", "refYear", "refMonth", "reporterCode", "flowCode", "partnerCode",
    "partner2Code", "classificationCode", "cmdCode", "customsCode", "motCode", "primaryValue",
)
NATIONAL_COLUMNS = ("reporter", "partner", "period", "exports", "imports", "source")
NATIONAL_OPTIONAL = ("turnover", "basis", "flag", "vintage", "unit", "note")
FLAGS = ("", "derived", "illustrative", "synthetic")
UNITS = {"usd": 1.0, "thousand usd": 1e3, "million usd": 1e6, "billion usd": 1e9}
# Files this large get DuckDB's own progress bar while they are read and checked.
BIG_FILE_BYTES = 32 * 1024 * 1024


class LoadError(WarehouseError):
    """A file that cannot be loaded, with the line and the reason."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {reason}")


@dataclass
class LoadResult:
    """What one load put into the warehouse."""

    format: str
    files: list[str] = field(default_factory=list)
    rows: int = 0
    skipped: int = 0
    scopes: list[tuple[str, str, int]] = field(default_factory=list)
    vintages: dict[str, str] = field(default_factory=dict)  # file name -> "vintage (how)"
    products: int = 0
    first_id: int = 0
    _seen: dict[tuple, str] = field(default_factory=dict, repr=False)


def load(
    fmt: Format,
    paths: Sequence[Path | str],
    *,
    warehouse: Path | None = None,
    source: str | None = None,
    vintage: str | None = None,
    basis: str | None = None,
    flag: str | None = None,
    classification: str | None = None,
    progress: Progress | None = None,
    threads: int | None = None,
) -> LoadResult:
    """Load statistics files of one format into the warehouse, all or nothing."""
    if fmt not in FORMATS:
        raise LoadError("", None, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if flag not in (None, *FLAGS):
        raise LoadError("", None, f"unknown flag {flag!r}; choose derived, illustrative or synthetic")
    say = progress or (lambda _msg: None)
    files = [Path(p) for p in paths]
    for path in files:
        if not path.is_file():
            raise LoadError(path, None, "no such file")
        _check_shape(path)
    # What a file shows without the warehouse is checked before the warehouse is copied.
    ahead = {path: _read_ahead(fmt, path, say) for path in files}
    result = LoadResult(format=fmt, files=[str(p) for p in files])
    with writer(warehouse, threads=threads, progress=say) as wh:
        _upgrade(wh)
        result.first_id = _next_load_id(wh)
        if fmt == "baci":
            # Product-code files first: the yearly files are checked against them.
            codes = [p for p in files if _is_product_codes(p)]
            for path in codes:
                say(f"Reading product codes {path.name}")
                result.products += _load_product_codes(wh, path, ahead[path], classification,
                                                       source)
            for path in files:
                if path not in codes:
                    _load_baci(wh, path, ahead[path], result, source, vintage, basis, flag,
                               classification, say)
        elif fmt == "comtrade":
            for path in files:
                _stage_comtrade(wh, path, ahead[path], result, source, vintage, basis, flag, say)
        else:
            for path in files:
                _stage_national(wh, path, ahead[path], result, vintage, basis, flag, say)
        say("Choosing the current vintage of product detail")
        wh.run("current_vintages")
        wh.execute("DROP TABLE IF EXISTS _stage")
        say(f"Loaded {result.rows:,} rows; swapping the new warehouse in")
    return result


def _read_ahead(fmt: Format, path: Path, say: Progress) -> Any:
    """A CSV file's checked header; a national table's checked rows (read whole, it is small)."""
    if fmt == "national":
        say(f"Reading {path.name}")
        return _read_table(path, NATIONAL_COLUMNS)
    if fmt == "comtrade":
        required: Sequence[str] = COMTRADE_COLUMNS
    else:
        required = ("code", "description") if _is_product_codes(path) else BACI_COLUMNS
    header = _header(path)
    _require(path, header, required)
    return header


def _upgrade(wh: Warehouse) -> None:
    """Add what a warehouse written by an earlier bilat lacks (the HS6 totals)."""
    empty = wh.execute("SELECT count(*) = 0 FROM country_totals").fetchall()[0][0]
    if empty and wh.execute("SELECT count(*) > 0 FROM country_hs6").fetchall()[0][0]:
        wh.run("upgrade")


def _next_load_id(wh: Warehouse) -> int:
    return int(wh.execute("SELECT coalesce(max(id), 0) + 1 FROM loads").fetchall()[0][0])


def _is_product_codes(path: Path) -> bool:
    return path.name.lower().startswith("product_codes")


def _edition(path: Path, given: str | None) -> str:
    if given:
        return given
    match = re.search(r"HS(\d\d)", path.name, re.IGNORECASE)
    return f"HS{match.group(1)}" if match else "HS"


def _baci_vintage(path: Path, given: str | None) -> str:
    if given:
        return given
    match = re.search(r"_(V\d{6}[a-z]?)", path.name)
    return match.group(1) if match else path.stem


# --- the shape of a file ------------------------------------------------------------------
#
# Every trade file is checked for its shape before it is read: not empty, ending with a line
# break (a file cut short ends inside its last line: the cut value would load as a smaller
# number, so such a file is refused), a header of distinct names in UTF-8. DuckDB then reads
# the CSV files with commas, double quotes and the header's columns (sql/*.sql), never
# sniffing them: a broken line is named by its number instead of being taken for a file of
# another dialect.

HEADER_MAX_BYTES = 1 << 16
BACI_TYPES = {"t": "SMALLINT", "i": "INTEGER", "j": "INTEGER", "k": "VARCHAR", "v": "DOUBLE",
              "q": "DOUBLE"}
# Staged line by line to name a bad line: a year, value or quantity that does not fit is a
# reason, given as the file spells it.
BACI_STAGE_TYPES = {**BACI_TYPES, "t": "INTEGER", "v": "VARCHAR", "q": "VARCHAR"}


def _check_shape(path: Path) -> None:
    """Refuse an empty file, and a text file that ends inside a line (cut short)."""
    size = path.stat().st_size
    if size == 0:
        raise LoadError(path, None, "the file is empty")
    if _is_workbook(path):
        return
    with path.open("rb") as fh:
        if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):  # the byte order marks of UTF-16
            raise LoadError(path, 1, _not_utf8("UTF-16"))
        fh.seek(-1, io.SEEK_END)
        if fh.read(1) in (b"\n", b"\r"):
            return
        fh.seek(0)
        line = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) + 1
    raise LoadError(
        path, line,
        f"the file ends inside line {line} (no line break after it): it looks cut short. "
        "A complete export ends with a line break; if this file is complete, add one at its end",
    )


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _decode(path: Path, data: bytes) -> str:
    """Text of a statistics file: UTF-8, with or without a byte order mark, and nothing else
    yet (the one place to add another encoding)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = 1 + data.count(b"\n", 0, exc.start)
        raise LoadError(path, line, _not_utf8(f"byte 0x{data[exc.start]:02x}")) from None


def _not_utf8(what: str) -> str:
    return f"not UTF-8 text ({what}); save the file as UTF-8 (in Excel: CSV UTF-8)"


def _header(path: Path) -> list[str]:
    """The column names on line 1 of a CSV file."""
    with path.open("rb") as fh:
        first = fh.readline(HEADER_MAX_BYTES)
    if not first.endswith((b"\n", b"\r")) and len(first) >= HEADER_MAX_BYTES:
        raise LoadError(path, 1, "the header line is longer than 64 KB: is this a CSV file?")
    try:
        cells = next(csv.reader([_decode(path, first).rstrip("\r\n")]))
    except csv.Error as exc:
        raise LoadError(path, 1, f"the header line cannot be read ({exc})") from None
    return _checked_header(path, cells)


def _require(path: Path, header: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        reason = "missing column " + ", ".join(repr(c) for c in missing)
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            reason += (f" (the header is one column {header[0]!r}: "
                       "separate the columns with commas)")
        raise LoadError(path, 1, reason)


def _columns_of(header: Sequence[str], types: dict[str, str] | None = None) -> dict[str, str]:
    """DuckDB's ``columns`` for a file with this header: our types, text for the rest."""
    return {name or f"column{n}": (types or {}).get(name, "VARCHAR")
            for n, name in enumerate(header, start=1)}


def _first_problem(wh: Warehouse, path: Path, *names: str, params: dict[str, Any] | None = None):
    for name in names:
        found = wh.rows(name, params)
        if found:
            raise LoadError(path, int(found[0]["line"]), str(found[0]["reason"]))


def _engine_line(exc: Exception) -> int | None:
    match = re.search(r"Line: (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _engine_reason(exc: Exception) -> str:
    """DuckDB's complaint about a CSV line, in our words."""
    text = str(exc)
    if match := re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text):
        return f"{match.group(2)} fields where the header has {match.group(1)}"
    if "unterminated quote" in text:
        return "a quoted field is never closed"
    if "Invalid unicode" in text:
        return _not_utf8("a byte sequence that is not UTF-8")
    if "Maximum line size" in text:
        return "the line is longer than DuckDB reads (2 MB): is this a CSV file?"
    match = re.search(r"(Error when converting column[^\n]*)", text)
    return match.group(1) if match else text.splitlines()[0]


def _progress_bar(wh: Warehouse, path: Path, on: bool) -> None:
    big = on and path.stat().st_size >= BIG_FILE_BYTES
    wh.execute(f"SET enable_progress_bar = {'true' if big else 'false'}")
    if big:
        wh.execute("SET enable_progress_bar_print = true")


def _load_product_codes(
    wh: Warehouse, path: Path, header: list[str], classification: str | None,
    source: str | None,
) -> int:
    edition = _edition(path, classification)
    before = wh.execute("SELECT count(*) FROM products").fetchall()[0][0]
    # Later files for the same edition win (INSERT OR REPLACE on the product code).
    try:
        wh.run("products_load", {"path": str(path), "columns": _columns_of(header),
                                 "classification": edition, "source": source or path.name})
    except WarehouseError as exc:
        raise LoadError(path, _engine_line(exc), _engine_reason(exc)) from exc
    return int(wh.execute("SELECT count(*) FROM products").fetchall()[0][0] - before)


def _load_baci(
    wh: Warehouse,
    path: Path,
    header: list[str],
    result: LoadResult,
    source: str | None,
    vintage: str | None,
    basis: str | None,
    flag: str | None,
    classification: str | None,
    say: Progress,
) -> None:
    """Insert one BACI file in one pass; stage it line by line only to name a bad line."""
    say(f"Reading {path.name}")
    edition = _edition(path, classification)
    has_codes = bool(wh.execute(
        "SELECT count(*) > 0 FROM products WHERE classification = $c", {"c": edition}
    ).fetchall()[0][0])
    load_id = _next_load_id(wh)
    result.vintages[path.name] = (f"{_baci_vintage(path, vintage)} "
                                  f"({'given' if vintage else 'from the file name'})")
    params = {
        "source": source or f"CEPII BACI {edition}",
        "vintage": _baci_vintage(path, vintage),
        "basis": basis or "BACI",
        "flag": flag or None,
        "classification": edition,
        "load_id": load_id,
    }
    # The file's constants, which its rows in baci_rows take from here (completed by _settle).
    wh.run("record_load", {"id": load_id, "format": "baci", "path": str(path),
                           "source": params["source"], "vintage": params["vintage"],
                           "years": "", "rows": 0, "basis": params["basis"],
                           "flag": params["flag"], "classification": edition})
    _progress_bar(wh, path, say is not None)
    try:
        wh.run("insert_baci",
               {**params, "path": str(path), "columns": _columns_of(header, BACI_TYPES)})
        say(f"Checking {path.name}")
        found = wh.rows(
            "check_loaded_baci",
            {"load_id": load_id, "classification": edition, "check_products": has_codes},
        )[0]
        clean = (not found["bad_countries"] and not found["bad_products"]
                 and not repeated_key(wh, load_id))
    except WarehouseError:
        clean = False
    finally:
        wh.execute("SET enable_progress_bar = false")
    if not clean:
        say(f"Checking {path.name} line by line")
        wh.execute("DELETE FROM baci_rows WHERE load_id = $id", {"id": load_id})
        _stage_baci(wh, path, header, edition, has_codes, say)
        wh.run("incoming_baci", params)
    _settle(wh, path, result, load_id, say, aggregates=("build_aggregates_baci", params),
            constants=params)


def repeated_key(wh: Warehouse, load_id: int) -> bool:
    """Whether two rows of a BACI load have the same year, exporter, importer and product.

    The load writes its rows sorted by that key (insert_baci.sql), so a repeated key is two
    neighbouring rows: one pass over the rows in their order, comparing each key, packed in
    an integer, with the one before (a tenth of the cost of counting distinct keys). The
    codes must have passed check_loaded_baci.sql (known countries, six-digit products), which
    the packing relies on. A key out of order counts as repeated: the staged checks decide.
    """
    last = None
    for batch in wh.batches("baci_keys", {"load_id": load_id}):
        keys = batch.column(0)
        if len(keys) == 0:
            continue
        if last is not None and keys[0].as_py() <= last:
            return True
        if len(keys) > 1 and pc.any(pc.less_equal(keys.slice(1), keys.slice(0, len(keys) - 1))).as_py():
            return True
        last = keys[-1].as_py()
    return False


def _stage_baci(
    wh: Warehouse, path: Path, header: list[str], edition: str, has_codes: bool, say: Progress
) -> None:
    """Stage a BACI file in file order and raise on its first bad line."""
    _progress_bar(wh, path, say is not None)
    try:
        wh.run("stage_baci", {"path": str(path), "columns": _columns_of(header, BACI_STAGE_TYPES)})
    except WarehouseError as exc:
        raise LoadError(path, _engine_line(exc), _engine_reason(exc)) from exc
    finally:
        wh.execute("SET enable_progress_bar = false")
    _first_problem(
        wh, path, "check_baci", params={"classification": edition, "check_products": has_codes}
    )
    _first_problem(wh, path, "dupes_baci")


def _stage_comtrade(
    wh: Warehouse,
    path: Path,
    header: list[str],
    result: LoadResult,
    source: str | None,
    vintage: str | None,
    basis: str | None,
    flag: str | None,
    say: Progress,
) -> None:
    say(f"Reading {path.name}")
    _progress_bar(wh, path, True)
    try:
        wh.run("stage_comtrade", {"path": str(path), "columns": _columns_of(header)})
    except WarehouseError as exc:
        raise LoadError(path, _engine_line(exc), _engine_reason(exc)) from exc
    finally:
        wh.execute("SET enable_progress_bar = false")
    for optional in ("qty", "qtyUnitAbbr", "netWgt"):
        if optional not in _columns(wh, "_stage"):
            wh.execute(f'ALTER TABLE _stage ADD COLUMN "{optional}" VARCHAR')
    say(f"Checking {path.name}")
    _first_problem(wh, path, "check_comtrade", "dupes_comtrade")
    result.skipped += int(wh.rows("skipped_comtrade")[0]["skipped"])
    load_id = _next_load_id(wh)
    vintage, how = file_vintage(path, vintage)
    result.vintages[path.name] = f"{vintage} ({how})"
    params = {
        "source": source or "UN Comtrade",
        "vintage": vintage,
        "basis": basis or "COMTRADE",
        "flag": flag or None,
        "load_id": load_id,
    }
    wh.run("incoming_comtrade", params)
    _settle(wh, path, result, load_id, say)


def _columns(wh: Warehouse, table: str) -> set[str]:
    cur = wh.execute(f"SELECT * FROM {table} LIMIT 0")  # noqa: S608 - our own table name
    return {d[0] for d in cur.description}


def _settle(
    wh: Warehouse,
    path: Path,
    result: LoadResult,
    load_id: int,
    say: Progress,
    *,
    aggregates: tuple[str, dict[str, Any]] | None = None,
    constants: dict[str, Any] | None = None,
) -> None:
    """Replace earlier loads of the file's periods, build its aggregates and log it.

    A period (source, vintage, year, month) that another file of the same call has is refused.
    ``aggregates`` names SQL for files of one known shape (BACI); the default fits any file.
    """
    rows = int(wh.execute(
        "SELECT (SELECT count(*) FROM flow_rows WHERE load_id = $id)"
        " + (SELECT count(*) FROM baci_rows WHERE load_id = $id)", {"id": load_id}
    ).fetchall()[0][0])
    result.rows += rows
    say(f"Replacing earlier loads of the periods of {path.name}")
    wh.run("replace_scope", {"load_id": load_id, "first_id": result.first_id,
                             "by_reporter": result.format == "comtrade"})
    scopes = wh.execute("SELECT * FROM load_scope ORDER BY ALL").fetchall()
    for scope in scopes:
        if scope in result._seen:
            by = f" reported by {scope[5]}" if scope[5] else ""
            raise LoadError(
                path, None,
                f"{scope[0]} {scope[1]} for {scope[2]}{by} is also in {result._seen[scope]} "
                "in the same load",
            )
        result._seen[scope] = path.name
    result.scopes.extend((s[0], s[1], int(s[2])) for s in scopes)
    _refuse_unusable(wh, path, load_id, rows, result.format)
    say(f"Building the aggregates of {path.name}")
    name, params = aggregates or ("build_aggregates", {"load_id": load_id})
    wh.run(name, params)
    wh.run("hs6_totals")
    sources = sorted({s[0] for s in scopes})
    vintages = sorted({s[1] for s in scopes})
    wh.run(
        "record_load",
        {
            "id": load_id,
            "format": result.format,
            "path": str(path),
            "source": "; ".join(sources)[:500],
            "vintage": "; ".join(vintages)[:200],
            "years": ",".join(str(y) for y in sorted({s[2] for s in scopes})),
            "rows": rows,
            # A BACI file's constants, read by its rows (flows is a view; see schema.sql).
            **{k: (constants or {}).get(k) for k in ("basis", "flag", "classification")},
        },
    )


def _refuse_unusable(wh: Warehouse, path: Path, load_id: int, rows: int, fmt: str) -> None:
    """Refuse a file that would load without giving any figure a question reads: no row
    kept, or (Comtrade) only rows with the world as partner that carry no HS6 detail."""
    if rows == 0:
        why = (" (every row is a breakdown by customs procedure, transport mode or second "
               "partner, or a flow other than exports, imports, re-exports and re-imports)"
               if fmt == "comtrade" else "")
        raise LoadError(path, None, f"the file has no figure to load{why}")
    if fmt != "comtrade":
        return  # BACI rows are HS6 between two countries; national rows are pairs' totals
    usable = wh.execute(
        "SELECT count(*) FROM flows WHERE load_id = $id AND ("
        " (reporter <> 'XW' AND partner <> 'XW' AND flow IN ('export', 'import', 'turnover'))"
        " OR (length(product) = 6 AND month IS NULL AND flow IN ('export', 'import')))",
        {"id": load_id},
    ).fetchall()[0][0]
    if not usable:
        raise LoadError(path, None, f"the file's {rows:,} rows give no pair totals (every "
                                    "partner is the world) and no HS6 detail: nothing a "
                                    "question could read")


VINTAGE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(0[1-9]|1[0-2])(?:-?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def file_vintage(path: Path, given: str | None) -> tuple[str, str]:
    """The vintage of a file's figures and where it came from: given, a date in the file's
    name (``TradeData_2024-06-15.csv``, ``…_202406.csv``), else the file's modification date."""
    if given:
        return given, "given"
    dates = [m for m in VINTAGE_IN_NAME.finditer(path.stem) if 1990 <= int(m.group(1)) <= 2100]
    if dates:
        year, month, day = dates[-1].groups()
        return f"{year}-{month}" + (f"-{day}" if day else ""), "from the file name"
    stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return stamp.date().isoformat(), "from the file's modification date"


# --- national statistics -----------------------------------------------------------------

PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:/(\d{4})-(\d{2}))?)?$")


def parse_period(text: str) -> tuple[int, int | None, str]:
    """'2023' -> a year; '2024-01' -> a month; '2024-01/2024-04' -> January to April."""
    match = PERIOD.match(text.strip())
    if not match:
        raise ValueError(f"period {text!r} is not YYYY, YYYY-MM or YYYY-01/YYYY-MM")
    year, month, end_year, end_month = match.groups()
    if month is None:
        return int(year), None, "year"
    if not 1 <= int(month) <= 12:
        raise ValueError(f"period {text!r}: month {month} is not 01 to 12")
    if end_year is None:
        return int(year), int(month), "month"
    if end_year != year or month != "01" or not 1 <= int(end_month) <= 12:
        raise ValueError(f"period {text!r}: a year-to-date period runs from January of one year")
    return int(year), int(end_month), "ytd"


Rows = list[tuple[int, dict[str, str]]]


@dataclass
class Table:
    """A national table read whole: its layout (``national.Layout``) and (line, row) pairs,
    each row by bilat's column names."""

    layout: national.Layout
    rows: Rows


def _layout(path: Path, header: list[str], required: Sequence[str],
            delimiter: str = ",") -> national.Layout:
    try:
        found = national.layout(header, delimiter=delimiter)
    except national.TableError as exc:
        raise LoadError(path, exc.line, exc.reason) from None
    _require(path, found.columns, required)
    return found


def _read_table(path: Path, required: Sequence[str]) -> Table:
    """A CSV or XLSX national table with the required columns (headers from the dictionary)."""
    if _is_workbook(path):
        return _read_workbook(path, required)
    try:
        text = national.decode(path.read_bytes())
    except national.TableError as exc:
        raise LoadError(path, exc.line, exc.reason) from None
    sep = national.delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        first = next(reader, None)
        if first is None:
            raise LoadError(path, 1, "the file is empty")
        header = _checked_header(path, first)
        found = _layout(path, header, required, sep)
        rows = []
        for cells in reader:
            if not any(c.strip() for c in cells) or cells[0].startswith("#"):
                continue
            rows.append((reader.line_num, _row(path, reader.line_num, found.columns, cells)))
    except csv.Error as exc:
        raise LoadError(path, reader.line_num + 1, f"not a readable CSV line ({exc})") from None
    return Table(found, rows)


def _checked_header(path: Path, cells: Sequence[object]) -> list[str]:
    """Column names of line 1 (a name may be blank, never repeated)."""
    names = ["" if c is None else str(c).strip() for c in cells]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise LoadError(path, 1, f"column {name!r} appears twice")
        seen.add(name)
    return names


def _row(path: Path, line: int, header: list[str], cells: Sequence[object]) -> dict[str, str]:
    """One line's cells by column name; a line with too few or too many fields is refused."""
    values = ["" if c is None else str(c).strip() for c in cells]
    if len(values) < len(header) or any(values[len(header):]):
        raise LoadError(path, line, f"{len(values)} fields where the header has {len(header)}")
    return {name: value for name, value in zip(header, values, strict=False) if name}


def _read_workbook(path: Path, required: Sequence[str]) -> Table:
    """Header and (line, row) pairs of the first sheet of an XLSX workbook.

    A formula is read by the value the workbook saved with it; one saved without (a workbook
    written by a script) is refused, as is a merged range, whose cells other than the first
    would read as empty.
    """
    from openpyxl import load_workbook

    try:
        # Not read-only: merged ranges are known only so (national tables are small).
        book = load_workbook(path, data_only=True)
        sheet = book.worksheets[0]
        merged = sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
        lines = list(sheet.iter_rows(values_only=True))
        as_written = load_workbook(path, read_only=True)  # formulas rather than their values
        try:
            formulas = [
                (cell.row, cell.column_letter, cell.column, cell.value)
                for row in as_written.worksheets[0].iter_rows()
                for cell in row if getattr(cell, "data_type", None) == "f"
            ]
        finally:
            as_written.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not XLSX
        raise LoadError(
            path, None,
            f"not a readable XLSX workbook ({type(exc).__name__}: {exc}); "
            "save it again as XLSX or as CSV UTF-8",
        ) from None
    if merged:
        raise LoadError(path, merged[0].min_row,
                        f"cells {merged[0].coord} are merged: give each line its own value")
    if not lines:
        raise LoadError(path, 1, "the sheet is empty")
    header = _checked_header(path, lines[0])
    for line, letter, column, formula in formulas:
        if lines[line - 1][column - 1] is None:
            name = header[column - 1] if column <= len(header) and header[column - 1] else "a cell"
            raise LoadError(
                path, line,
                f"{name} ({letter}{line}) is a formula without a saved value ({formula}): "
                "open the workbook in Excel and save it, or type the value",
            )
    while header and not header[-1]:
        header.pop()
    found = _layout(path, header, required)
    rows = []
    for n, cells in enumerate(lines[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        # A number typed as a number is read as one, whatever the table's decimal mark.
        texts = [repr(c).replace(".", found.decimal) if isinstance(c, float) else c
                 for c in cells]
        rows.append((n, _row(path, n, found.columns,
                             texts + [None] * (len(header) - len(cells)))))
    return Table(found, rows)


def _countries_by_code(wh: Warehouse) -> dict[str, str]:
    codes: dict[str, str] = {}
    for m49, iso2, iso3, name, _is_iso in wh.execute(
        "SELECT m49, iso2, iso3, name, is_iso FROM countries ORDER BY is_iso"
    ).fetchall():
        codes[iso2] = iso2
        codes[iso3] = iso2
        codes[str(m49)] = iso2
        if name:
            codes.setdefault(name.upper(), iso2)
    return codes


def _amount(path: Path, line: int, column: str, text: str, scale: float,
            decimal: str = ".") -> float | None:
    if text == "":
        return None
    try:
        value = float(national.number_text(text, decimal))
    except ValueError as exc:
        raise LoadError(path, line, f"{column} {text!r} is not a number") from exc
    if not math.isfinite(value):  # nan, inf, infinity in any case, or too large for a float
        raise LoadError(path, line, f"{column} {text!r} is not a finite number")
    if value < 0:
        raise LoadError(path, line, f"negative {column} {text}")
    usd = value * scale
    # A country's trade with a partner over a month or more is never below $1,000 or above
    # $5 trillion: such a figure was typed in another unit than the one declared.
    if 0 < usd < 1000:
        raise LoadError(
            path, line,
            f"{column} {text} looks like the wrong unit (US$ {usd:,.2f}); "
            "declare the unit column (e.g. 'million USD')",
        )
    if usd > 5e12:
        raise LoadError(path, line, f"{column} {text} looks like the wrong unit (too large)")
    return usd


def _row_scale(path: Path, line: int, row: dict[str, str], layout: national.Layout) -> float:
    """US$ per unit of a row's figures: its unit column, else the header's, else US$."""
    text = (row.get("unit") or "").strip()
    if not text:
        return 1.0
    unit = text.lower().replace("us$", "usd")
    scale = UNITS.get(unit) or national.unit_scale(text)
    if scale is None:
        raise LoadError(path, line, f"unknown unit {text!r}; use one of {', '.join(UNITS)} "
                                    "(or 'тыс. долл. США', 'млн долл. США')")
    stated = {v for k, v in layout.scales.items() if row.get(k)}
    if stated and stated != {scale}:
        raise LoadError(path, line, f"unit {text!r} differs from the unit in the header")
    return scale


def _stage_national(
    wh: Warehouse,
    path: Path,
    table: Table,
    result: LoadResult,
    vintage: str | None,
    basis: str | None,
    flag: str | None,
    say: Progress,
) -> None:
    codes = _countries_by_code(wh)
    out: dict[str, list[Any]] = {name: [] for name in _FLOW_COLUMNS}
    default_vintage, how = file_vintage(path, vintage)
    used: set[str] = set()
    seen: dict[tuple[str, str, str, int, int | None, str], int] = {}
    for line, row in table.rows:
        reporter = codes.get(row["reporter"].upper()) or national.country(row["reporter"])
        partner = codes.get(row["partner"].upper()) or national.country(row["partner"])
        if reporter is None:
            raise LoadError(path, line, f"unknown reporter country code {row['reporter']!r}")
        if partner is None:
            raise LoadError(path, line, f"unknown partner country code {row['partner']!r}")
        if reporter == partner:
            raise LoadError(path, line, "reporter and partner are the same country")
        try:
            year, month, kind = parse_period(row["period"])
        except ValueError as exc:
            raise LoadError(path, line, str(exc)) from exc
        scale = _row_scale(path, line, row, table.layout)
        row_flag = (row.get("flag") or flag or "").strip().lower()
        if row_flag not in FLAGS:
            raise LoadError(path, line, f"unknown flag {row_flag!r}")
        source = row["source"]
        if not source:
            raise LoadError(path, line, "empty source: every figure needs its source")
        row_basis = (row.get("basis") or basis or reporter).strip()
        key = (row_basis, reporter, partner, year, month, kind)
        if key in seen:
            raise LoadError(
                path, line,
                f"duplicate of line {seen[key]}: the same basis, reporter, partner and period",
            )
        seen[key] = line
        amounts = {
            flow: _amount(path, line, column, row.get(column, ""),
                          table.layout.scales.get(column, scale), table.layout.decimal)
            for flow, column in (("export", "exports"), ("import", "imports"), ("turnover", "turnover"))
        }
        if all(v is None for v in amounts.values()):
            raise LoadError(path, line, "no figure: give exports, imports or turnover")
        used.add(f"{row['vintage']} (the vintage column)" if row.get("vintage")
                 else f"{default_vintage} ({how})")
        for flow, value in amounts.items():
            if value is None:
                continue
            for name, item in (
                ("source", source), ("vintage", row.get("vintage") or default_vintage),
                ("basis", row_basis), ("flag", row_flag or None), ("reporter", reporter),
                ("partner", partner), ("flow", flow), ("year", year), ("month", month),
                ("period_kind", kind), ("classification", "TOTAL"), ("product", "TOTAL"),
                ("value", value), ("quantity", None), ("unit", None),
                ("note", row.get("note") or None),
            ):
                out[name].append(item)
    result.vintages[path.name] = "; ".join(sorted(used))
    table = pa.table(out, schema=_FLOW_SCHEMA)
    load_id = _next_load_id(wh)
    wh.con.register("_national", table)
    try:
        wh.run("incoming_national", {"load_id": load_id})
    finally:
        wh.con.unregister("_national")
    _settle(wh, path, result, load_id, say)


_FLOW_SCHEMA = pa.schema(
    [
        ("source", pa.string()), ("vintage", pa.string()), ("basis", pa.string()),
        ("flag", pa.string()), ("reporter", pa.string()), ("partner", pa.string()),
        ("flow", pa.string()), ("year", pa.int16()), ("month", pa.int8()),
        ("period_kind", pa.string()), ("classification", pa.string()), ("product", pa.string()),
        ("value", pa.float64()), ("quantity", pa.float64()), ("unit", pa.string()),
        ("note", pa.string()),
    ]
)
_FLOW_COLUMNS = tuple(_FLOW_SCHEMA.names)
