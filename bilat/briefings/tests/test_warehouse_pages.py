"""A trade load makes again the pages (and parts) that show the warehouse, and no other."""

import os
import shutil

import pytest
from django.core.cache import cache
from django.urls import reverse

from bilat.briefings import pagecache
from bilat.trade.tests.conftest import demo_warehouse  # noqa: F401 - the demo's warehouse
from bilat.trade.warehouse import (
    WarehouseError,
    forget_readers,
    note_read,
    noting_reads,
    reader,
    warehouse_stamp,
)


@pytest.fixture
def loaded(demo_warehouse, settings, tmp_path):  # noqa: F811
    """The demo's warehouse at a path of the test's own, and a way to load it again (a new
    file swapped in, as every load does)."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(demo_warehouse, path)
    settings.TRADE_WAREHOUSE = path

    def load_again() -> None:
        fresh = tmp_path / "fresh.duckdb"
        shutil.copyfile(path, fresh)
        os.replace(fresh, path)

    yield load_again
    forget_readers()


def swap_in(path, text: bytes) -> None:
    fresh = path.with_name("fresh")
    fresh.write_bytes(text)
    os.replace(fresh, path)


def test_a_reader_notes_the_file_it_opened_and_a_missing_one(settings, tmp_path):
    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    with noting_reads() as outer:
        with noting_reads() as seen, pytest.raises(WarehouseError):
            with reader():
                pass
        assert seen == {None}  # what is made says "no warehouse yet": until a load
        swap_in(settings.TRADE_WAREHOUSE, b"not a warehouse")
        with noting_reads() as seen, pytest.raises(WarehouseError):
            with reader():
                pass
        assert seen == {warehouse_stamp()}
    assert outer == {None, warehouse_stamp()}  # the inner blocks' notes are the outer's too


@pytest.mark.django_db
def test_a_value_made_from_the_warehouse_is_made_again_after_a_load_the_others_kept(
        settings, tmp_path):
    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    swap_in(settings.TRADE_WAREHOUSE, b"one")
    made = []

    def from_warehouse():
        made.append("trade")
        note_read(warehouse_stamp())  # as a reader does
        return "figures"

    def from_registry():
        made.append("registry")
        return "decisions"

    for _ in range(2):
        assert pagecache.built_once("test:trade", from_warehouse) == "figures"
        assert pagecache.built_once("test:registry", from_registry) == "decisions"
    assert made == ["trade", "registry"]
    assert cache.get("test:registry") == "decisions"  # kept as it is: no load concerns it
    swap_in(settings.TRADE_WAREHOUSE, b"two")
    with noting_reads() as seen:
        assert pagecache.built_once("test:trade", from_warehouse) == "figures"
        assert pagecache.built_once("test:registry", from_registry) == "decisions"
    assert made == ["trade", "registry", "trade"]
    assert seen == {warehouse_stamp()}
    with noting_reads() as seen:  # a value taken from the cache notes its file too
        pagecache.built_once("test:trade", from_warehouse)
    assert seen == {warehouse_stamp()} and len(made) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["public", "public, pages kept under the token", "viewer"])
def test_a_load_makes_again_the_pages_that_show_trade_figures_and_no_other(
        client, loaded, settings, reader):
    from bilat.accounts.tests.factories import make_user
    from bilat.directory.tests.factories import make_commission, make_sides
    from bilat.meetings.tests.factories import make_meeting

    make_commission(*make_sides())
    make_meeting()
    settings.BILAT_PUBLISHED_PAGES = "token" in reader  # ``pagecache.published``
    if reader == "viewer":
        client.force_login(make_user("viewer"))
    pages = {"trade": reverse("trade:pair", args=["KZ", "UZ"]), "dashboard": reverse("home"),
             "meetings": reverse("meetings:list"), "projects": reverse("projects:list")}

    def made() -> set[str]:
        # A page served from the cache renders no template.
        return {name for name, url in pages.items() if client.get(url).templates}

    assert made() == set(pages)
    assert made() == set()
    loaded()
    assert made() == {"trade", "dashboard"}
    assert made() == set()
    assert ">4.40<" in client.get(pages["trade"]).text
