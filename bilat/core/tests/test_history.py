from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from bilat.core.changelog import describe_changes, history_for, verify_chain
from bilat.core.models import ChangeLogEntry
from bilat.core.services import upsert_record
from bilat.directory.models import Organisation
from bilat.directory.tests.factories import make_organisation, make_sides


def _org(code: str, **values) -> Organisation:
    kz, _uz = make_sides()
    base = {"name_en": code.title(), "name_ru": code, "kind": "ministry", "side": kz}
    return upsert_record(Organisation, {"code": code}, {**base, **values}, actor=None)


def _changes(entry) -> dict:
    [row] = describe_changes([entry])
    return {change.name: change for change in row.changes}


def test_a_foreign_key_shows_the_referenced_records_label_and_the_field_its_verbose_name(db):
    parent = make_organisation(make_sides()[0], "kz-government", short_name="KZ Government")
    org = _org("kz-mti")

    _org("kz-mti", parent=parent)

    change = _changes(history_for(org).first())["parent_id"]
    assert (change.label, change.old, change.new) == ("Parent", "—", "KZ Government")


def test_choices_show_their_label_in_the_active_language(db):
    org = _org("kz-mti", kind="agency")
    _org("kz-mti", kind="ministry")

    with translation.override("en"):
        change = _changes(history_for(org).first())["kind"]
    assert (change.old, change.new) == ("Agency", "Ministry")


def test_a_long_text_is_cut_short_with_the_whole_value_kept(db):
    org = _org("kz-mti")
    long_name = "Ministry of " + "very " * 40 + "long names"
    _org("kz-mti", name_en=long_name)

    change = _changes(history_for(org).first())["name_en"]
    assert change.new.endswith("…") and len(change.new) <= 80
    assert change.new_full == long_name
    assert change.label == "Name (English)"


def test_describing_leaves_the_stored_entry_and_the_chain_as_they_were(db):
    parent = _org("kz-government")
    org = _org("kz-mti", parent=parent)

    describe_changes(history_for(org))

    assert history_for(org).first().after["parent_id"] == parent.pk
    assert verify_chain().ok


def test_labels_are_fetched_once_per_referenced_model_whatever_the_number_of_entries(
    db, django_assert_max_num_queries
):
    parents = [_org(f"parent-{i}") for i in range(3)]
    for i in range(8):
        _org(f"child-{i}", parent=parents[i % 3])
        _org(f"child-{i}", parent=parents[(i + 1) % 3])
    entries = ChangeLogEntry.objects.filter(object_type="directory.organisation")

    # the entries, then the sides and the organisations they name: one query each
    with django_assert_max_num_queries(3):
        rows = describe_changes(entries)

    assert len(rows) == 19
    assert {c.new for row in rows for c in row.changes if c.name == "parent_id"} == {
        "Parent-0", "Parent-1", "Parent-2"}


def test_the_history_table_shows_labels_not_ids(db):
    parent = _org("kz-government", short_name="KZ Government")
    org = _org("kz-mti", parent=parent)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with translation.override("en"):
        html = render_to_string("core/_history.html",
                                {"history": history_for(org), "record": org}, request=request)

    assert "Parent" in html and "KZ Government" in html
    assert "parent_id" not in html.replace('title="parent_id"', "")


def test_moments_show_in_local_time_and_the_records_own_id_is_left_out(db):
    org = _org("kz-mti")
    entry = history_for(org).first()

    assert "id" not in _changes(entry)
    verified = ChangeLogEntry(object_type="decisions.executionreport", action="accept",
                              before={"verified_at": None},
                              after={"verified_at": "2025-01-08T06:00:00+00:00"})
    with timezone.override("Asia/Almaty"):
        assert _changes(verified)["verified_at"].new == "2025-01-08 11:00"
