"""The spreadsheet engine: export registry records to XLSX/CSV and import edited files back.

Each app describes its records as a ``Sheet`` (columns, key, FilterSet, ordering, how to find,
change and create records through its services) in ``<app>/sheets.py`` and adds it to the
``registry`` from its ``AppConfig.ready``. The engine is generic:

- ``columns``: the kinds of cell and how each is written, parsed and compared;
- ``registry``: the ``Sheet`` base class and the registry of sheets by name;
- ``writers``: **export** writes one header row of stable column names, then one row per record;
- ``readers``: a file read as a table, within limits checked while it streams;
- ``planner``: **import** parses every cell by its column's kind, compares it with the record,
  and runs the changes through the app's services *inside a transaction*: in a dry run, or when
  any row has an error, the transaction is rolled back, so a file is applied whole or not at all;
- ``views`` and ``forms``: the export and import pages every list links to (not imported here).

A file exported and re-imported unchanged gives no change: values are written so that they read
back the same (dates as dates, decimals as numbers, codes as text, empty cells as empty).
"""

from .columns import (
    BOOL,
    CHOICE,
    CODE_SEPARATOR,
    CODES,
    DATE,
    DECIMAL,
    INT,
    TEXT,
    Column,
    field_range,
)
from .errors import CellError, RowRejected, SheetError, row_errors
from .planner import (
    CHANGED,
    ERROR,
    NEW,
    UNCHANGED,
    ImportPlan,
    RowPlan,
    describe,
    plan_import,
    run_import,
)
from .readers import FORMATS, Table, format_of, read_table
from .registry import Sheet, SheetRegistry, get_sheet, registry, sheet_names
from .writers import export_rows, export_sheet, table_bytes, write_csv, write_table, write_xlsx

__all__ = [
    "BOOL", "CHANGED", "CHOICE", "CODES", "CODE_SEPARATOR", "DATE", "DECIMAL", "ERROR", "FORMATS",
    "INT", "NEW", "TEXT", "UNCHANGED", "CellError", "Column", "ImportPlan", "RowPlan",
    "RowRejected", "Sheet", "SheetError", "SheetRegistry", "Table", "describe", "export_rows",
    "export_sheet", "field_range", "format_of", "get_sheet", "plan_import", "read_table",
    "registry", "row_errors", "run_import", "sheet_names", "table_bytes", "write_csv",
    "write_table", "write_xlsx",
]
