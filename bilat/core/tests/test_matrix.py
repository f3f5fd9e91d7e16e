"""The permission-matrix helper itself: its rows and the exact answer it expects of each door."""

import pytest

from bilat.core.tests.matrix import (
    ROLES,
    Door,
    Outcome,
    Row,
    cases,
    expected_status,
    input_rows,
    table,
)


def test_a_table_gives_every_role_a_row_for_each_action_and_side():
    rows = table({("report", "KZ"): {"secretariat_kz"}, "create": {"superuser"}},
                 hidden={("report", "KZ"): {"viewer"}})
    assert len(rows) == 2 * len(ROLES)
    by_role = {row.role: row for row in rows if row.action == "report"}
    assert by_role["secretariat_kz"] == Row("secretariat_kz", "report", "KZ", Outcome.DONE)
    assert by_role["viewer"].outcome == Outcome.HIDDEN
    assert by_role["secretariat_uz"].outcome == Outcome.REFUSED
    assert str(by_role["viewer"]) == "viewer-report-KZ-hidden"


def test_a_table_refuses_a_role_both_allowed_and_hidden_or_unknown():
    with pytest.raises(AssertionError, match="allowed and hidden"):
        table({"edit": {"viewer"}}, hidden={"edit": {"viewer"}})
    with pytest.raises(AssertionError, match="unknown roles"):
        table({"edit": {"nobody"}})


@pytest.mark.parametrize(("role", "outcome", "door", "status"), [
    ("viewer", Outcome.DONE, Door.API, 201),
    ("viewer", Outcome.REFUSED, Door.PAGE, 403),
    ("viewer", Outcome.HIDDEN, Door.PAGE, 404),
    ("viewer", Outcome.HIDDEN, Door.API, 404),
    ("anonymous", Outcome.HIDDEN, Door.PAGE, 302),
    ("anonymous", Outcome.REFUSED, Door.API, 403),
    ("anonymous", Outcome.HIDDEN, Door.API, 403),
    ("secretariat_kz", Outcome.INVALID, Door.PAGE, 400),
    ("secretariat_kz", Outcome.STALE, Door.API, 409),
])
def test_each_door_is_expected_to_answer_with_one_exact_code(role, outcome, door, status):
    assert expected_status(Row(role, "edit", None, outcome), door, ok=201) == status


def test_cases_pair_each_row_with_the_doors_of_its_action():
    rows = table({"edit": {"superuser"}, "add_part": {"superuser"}})
    params = cases(rows, {"add_part": (Door.SERVICE, Door.PAGE)})
    assert len(params) == len(ROLES) * (3 + 2)
    assert params[0].id == "anonymous-edit-refused-service"


def test_input_rows_are_an_allowed_roles_refused_input_with_doors_of_their_own():
    rows = input_rows(invalid=["create", ("status", "KZ")], stale=["edit"])
    assert [str(row) for row in rows] == [
        "secretariat_kz-create-invalid", "secretariat_kz-status-KZ-invalid",
        "secretariat_kz-edit-stale"]
    params = cases(rows, {("edit", Outcome.STALE): (Door.API,)})
    assert [p.id for p in params][-1] == "secretariat_kz-edit-stale-api"
    assert len(params) == 3 + 3 + 1
