"""The WSGI application of `bilat serve`: bilat's, with its modules loaded before any request.

Each server process answers requests on several threads. Pages import some libraries on first
use (the URL configuration's views, Altair and NumPy for charts, openpyxl for spreadsheets);
two threads importing the same library at once can see it half loaded and fail
("partially initialized module"). Loading them here, once per process before it takes
requests, closes that window and takes the import time off the first visitors.
"""

import logging

from bilat.wsgi import application

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Load the URL configuration and the libraries pages load on first use."""
    import altair
    import duckdb  # noqa: F401
    import numpy  # noqa: F401
    import openpyxl  # noqa: F401
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    altair.Chart(altair.Data(values=[])).mark_line().to_dict()  # Altair's schema validation


try:
    warm_up()
except Exception:  # noqa: BLE001 - a failed warm-up only costs the first requests time
    logger.exception("Could not load everything ahead of the first request")

__all__ = ["application"]
