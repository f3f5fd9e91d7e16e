"""The sheet registry: each app adds its sheets when bilat starts, and a sheet must declare its
FilterSet class and ordering, or it is refused then (never an export that ignores its filters)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bilat.core.filters import FilterSet
from bilat.core.sheets import Sheet, SheetError, SheetRegistry, get_sheet, sheet_names
from bilat.decisions import sheets as decision_sheets
from bilat.decisions.filters import DecisionFilterSet
from bilat.decisions.models import Decision


class NoteFilterSet(FilterSet):
    class Meta:
        model = Decision
        fields = ["control_number"]


class NoteSheet(Sheet):
    name = "notes"
    key = "control_number"
    filterset_class = NoteFilterSet
    ordering = ("control_number",)


def test_every_app_sheet_is_registered_when_bilat_starts():
    assert sheet_names() == ["decisions", "projects"]
    assert get_sheet("decisions").filterset_class is DecisionFilterSet


def test_an_unknown_sheet_is_an_error_naming_the_known_ones():
    with pytest.raises(SheetError, match="decisions, projects"):
        get_sheet("minutes")


def test_a_sheet_with_its_filterset_and_ordering_is_registered():
    registry = SheetRegistry()
    sheet = registry.register(NoteSheet())
    assert registry.get("notes") is sheet and registry.names() == ["notes"]


def test_an_app_registers_its_sheets_through_its_register_function():
    registry = SheetRegistry()
    decision_sheets.register(registry)
    assert registry.names() == ["decisions"]


@pytest.mark.parametrize("filterset", [None, "bilat.decisions.filters.DecisionFilterSet", object])
def test_a_sheet_without_a_filterset_class_is_refused_at_registration(filterset):
    sheet = NoteSheet()
    sheet.filterset_class = filterset
    with pytest.raises(ImproperlyConfigured, match="declares no FilterSet class"):
        SheetRegistry().register(sheet)


@pytest.mark.parametrize("ordering", [(), "control_number", None])
def test_a_sheet_without_an_ordering_is_refused_at_registration(ordering):
    sheet = NoteSheet()
    sheet.ordering = ordering
    with pytest.raises(ImproperlyConfigured, match="declares no ordering"):
        SheetRegistry().register(sheet)


def test_two_sheets_of_one_name_are_refused():
    registry = SheetRegistry()
    registry.register(NoteSheet())
    with pytest.raises(ImproperlyConfigured, match="Two sheets"):
        registry.register(NoteSheet())
