"""The sheets: what each kind of record declares to travel through a spreadsheet, and the registry.

Each app declares its sheets in ``<app>/sheets.py`` with a ``register(registry)`` function,
called from the app's ``AppConfig.ready`` (as each app's ``api.py`` adds its routes to the API
router). A sheet names its FilterSet class and its ordering; a sheet that does not is refused
when it is registered, that is when bilat starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django_filters import FilterSet

from .columns import Column
from .errors import RowRejected, SheetError


class Sheet:
    """How one kind of record travels through a spreadsheet; subclassed by each app.

    Subclasses set ``name``, ``key``, ``filterset_class`` and ``ordering``, and implement
    ``columns``, ``base_queryset``, ``find``, ``can_import``, ``apply`` and (to allow new rows)
    ``create``.
    """

    name: str = ""
    key: str = ""
    title: str = ""
    version_column: str = "version"
    # The list page's FilterSet (the class itself), so that an export holds the list as
    # filtered, and the order of the rows; registering a sheet without either fails.
    filterset_class: type[FilterSet] | None = None
    ordering: tuple[str, ...] = ()

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def base_queryset(self, user):
        """Every record ``user`` may see, with what the columns read."""
        raise NotImplementedError

    def queryset(self, user, filters=None):
        """The records ``user`` may see, filtered like the list page, ready for export.

        A filter that is unknown or has a bad value is a SheetError naming it: an export that
        ignored it would hold more records than asked for.
        """
        queryset = self.base_queryset(user)
        if filters:
            known = self.filterset_class.base_filters
            unknown = sorted(set(filters) - set(known))
            if unknown:
                raise SheetError(_("Unknown filter %(names)s (known: %(known)s).") % {
                    "names": ", ".join(unknown), "known": ", ".join(known) or "—"})
            # The filters offer what the user may see (a meeting), as on the list page.
            filterset = self.filterset_class(filters, queryset=queryset,
                                             request=SimpleNamespace(user=user))
            if not filterset.is_valid():
                raise SheetError("; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
                ))
            queryset = filterset.qs
        return queryset.order_by(*self.ordering)

    def find(self, user, keys: Iterable[str]) -> dict[str, Any]:
        """The records with these keys that ``user`` may see, by key."""
        raise NotImplementedError

    def can_import(self, user) -> bool:
        raise NotImplementedError

    def can_create(self, user) -> bool:
        return False

    def apply(self, obj, changes: dict[str, Any], *, actor, reason: str) -> None:
        """Write ``{column: new value}`` to ``obj`` through the app's services.

        Raise RowRejected naming the columns whose change was refused.
        """
        raise NotImplementedError

    def create(self, values: dict[str, Any], *, actor, reason: str) -> Any:
        """Create a record from a new row's values through the app's services."""
        raise RowRejected([(self.key, _("New records cannot be created by import."))])

    def column_map(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns()}


class SheetRegistry:
    """The sheets by name, filled by each app's ``register(registry)`` when bilat starts."""

    def __init__(self) -> None:
        self._sheets: dict[str, Sheet] = {}

    def register(self, sheet: Sheet) -> Sheet:
        """Make a sheet available to ``bilat export|import`` and the pages, under its name.

        A sheet without a FilterSet class or an ordering is a mistake in the code, refused here
        rather than found by an export that silently ignores its filters.
        """
        label = f"{type(sheet).__module__}.{type(sheet).__qualname__}"
        if not sheet.name or not sheet.key:
            raise ImproperlyConfigured(f"The sheet {label} needs a name and a key.")
        filterset = sheet.filterset_class
        if not (isinstance(filterset, type) and issubclass(filterset, FilterSet)):
            raise ImproperlyConfigured(
                f"The sheet {sheet.name!r} ({label}) declares no FilterSet class (its "
                f"filterset_class is {filterset!r}): its exports could not be filtered like "
                "its list page."
            )
        if not isinstance(sheet.ordering, tuple) or not sheet.ordering:
            raise ImproperlyConfigured(
                f"The sheet {sheet.name!r} ({label}) declares no ordering (a tuple of fields)."
            )
        if sheet.name in self._sheets:
            raise ImproperlyConfigured(f"Two sheets are called {sheet.name!r}.")
        self._sheets[sheet.name] = sheet
        return sheet

    def get(self, name: str) -> Sheet:
        """The sheet called ``name``; SheetError naming the known ones otherwise."""
        try:
            return self._sheets[name]
        except KeyError:
            raise SheetError(
                _("There is no sheet called “%(name)s” (known: %(known)s).")
                % {"name": name, "known": ", ".join(self.names()) or "—"}
            ) from None

    def names(self) -> list[str]:
        """The names of the registered sheets."""
        return sorted(self._sheets)


registry = SheetRegistry()


def get_sheet(name: str) -> Sheet:
    """The registered sheet called ``name``."""
    return registry.get(name)


def sheet_names() -> list[str]:
    """The names of all registered sheets."""
    return registry.names()
