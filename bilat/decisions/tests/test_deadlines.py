import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilat.decisions import deadlines
from bilat.decisions.deadlines import (
    add_working_days,
    due_date,
    is_working_day,
    next_due_date,
    working_days_between,
)

D = datetime.date
days = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))
side_codes = st.sampled_from(["KZ", "UZ"])
dated_types = st.sampled_from(["fixed", "urgent", "prompt", "monthly", "quarterly"])


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(kind=dated_types, issued_on=days, fixed_on=days, side=side_codes)
def test_a_due_date_is_always_a_working_day_of_the_responsible_side(kind, issued_on, fixed_on, side):
    due = due_date(kind, issued_on, side, fixed_on=fixed_on)
    assert due is not None
    assert is_working_day(due, side)


@settings(max_examples=300, deadline=None)
@given(fixed_on=days, side=side_codes)
def test_a_fixed_date_only_ever_moves_back_and_only_over_days_off(fixed_on, side):
    due = due_date("fixed", D(2015, 1, 1), side, fixed_on=fixed_on)
    assert due <= fixed_on
    skipped = [due + datetime.timedelta(days=n) for n in range(1, (fixed_on - due).days + 1)]
    assert not any(is_working_day(day, side) for day in skipped)
    if is_working_day(fixed_on, side):
        assert due == fixed_on


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(["urgent", "prompt"]), issued_on=days, side=side_codes)
def test_urgent_and_prompt_count_exactly_their_working_days(kind, issued_on, side):
    due = due_date(kind, issued_on, side)
    expected = {"urgent": 3, "prompt": 10}[kind]
    assert due > issued_on
    assert working_days_between(issued_on, due, side) == expected
    # and not one working day later: the day before the due date has one working day less
    assert working_days_between(issued_on, due - datetime.timedelta(days=1), side) == expected - 1


@settings(max_examples=300, deadline=None)
@given(issued_on=days, side=side_codes)
def test_a_monthly_report_falls_due_by_the_tenth_of_the_following_month(issued_on, side):
    due = due_date("monthly", issued_on, side)
    following = (issued_on.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    assert following <= due <= following.replace(day=10)
    assert due > issued_on


@settings(max_examples=300, deadline=None)
@given(issued_on=days, side=side_codes)
def test_a_quarterly_report_falls_due_in_the_first_month_of_the_next_quarter(issued_on, side):
    due = due_date("quarterly", issued_on, side)
    quarter = (issued_on.month - 1) // 3
    next_quarter_month = (quarter + 1) % 4 * 3 + 1
    assert due.month == next_quarter_month and due.day <= 10
    assert due.year == issued_on.year + (1 if quarter == 3 else 0)


@settings(max_examples=200, deadline=None)
@given(start=days, end=days, side=side_codes)
def test_working_days_between_is_antisymmetric(start, end, side):
    assert working_days_between(start, end, side) == -working_days_between(end, start, side)


@settings(max_examples=200, deadline=None)
@given(after=days, kind=st.sampled_from(["monthly", "quarterly"]), side=side_codes)
def test_the_next_periodic_due_date_is_the_first_one_after_the_day(after, kind, side):
    due = next_due_date(kind, after, side)
    assert due > after and is_working_day(due, side)
    assert due_date(kind, after, side) >= due  # the report for the current period is not earlier


# --- month ends --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "issued_on", "expected"),
    [
        ("monthly", D(2025, 1, 31), D(2025, 2, 10)),
        ("monthly", D(2024, 2, 29), D(2024, 3, 7)),  # 10 March 2024 is a Sunday, 8 March a holiday
        ("monthly", D(2025, 2, 28), D(2025, 3, 7)),  # 10 March 2025 is the day off for 8 March
        ("monthly", D(2025, 12, 31), D(2026, 1, 9)),  # 10 January 2026 is a Saturday
        ("quarterly", D(2024, 12, 31), D(2025, 1, 10)),
        ("quarterly", D(2025, 3, 31), D(2025, 4, 10)),
        ("quarterly", D(2025, 11, 30), D(2026, 1, 9)),
    ],
)
def test_periodic_deadlines_across_month_and_year_ends(kind, issued_on, expected):
    assert due_date(kind, issued_on, "KZ") == expected


def test_a_standing_decision_has_no_due_date():
    assert due_date("standing", D(2025, 1, 1), "KZ") is None


def test_a_fixed_deadline_without_its_date_is_refused():
    with pytest.raises(ValueError):
        due_date("fixed", D(2025, 1, 1), "KZ")


def test_an_unknown_deadline_type_or_side_is_refused():
    with pytest.raises(ValueError):
        due_date("weekly", D(2025, 1, 1), "KZ")
    with pytest.raises(ValueError):
        is_working_day(D(2025, 1, 1), "XX")


# --- exact holiday examples -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "issued_on", "side", "fixed_on", "expected"),
    [
        # Nauryz 2025: Kazakhstan is off 21-25 March (21-23 plus two transferred days off),
        # Uzbekistan only on 21 March.
        ("fixed", D(2025, 1, 1), "KZ", D(2025, 3, 24), D(2025, 3, 20)),
        ("fixed", D(2025, 1, 1), "UZ", D(2025, 3, 24), D(2025, 3, 24)),
        ("urgent", D(2025, 3, 20), "KZ", None, D(2025, 3, 28)),
        ("urgent", D(2025, 3, 20), "UZ", None, D(2025, 3, 26)),
        ("prompt", D(2025, 3, 14), "KZ", None, D(2025, 4, 2)),
        # in Uzbekistan 31 March 2025 is the day off for Ramadan Hayit (30 March, a Sunday)
        ("prompt", D(2025, 3, 14), "UZ", None, D(2025, 4, 1)),
        # New Year 2025 in Kazakhstan: 1-3 January off, Sunday 5 January worked instead of the
        # 3rd, 7 January (Orthodox Christmas) off.
        ("fixed", D(2024, 1, 1), "KZ", D(2025, 1, 3), D(2024, 12, 31)),
        ("urgent", D(2024, 12, 31), "KZ", None, D(2025, 1, 8)),
        # Uzbekistan: 31 Dec 2024 - 2 Jan 2025 off, Saturday 4 January worked instead of the 2nd.
        ("urgent", D(2024, 12, 31), "UZ", None, D(2025, 1, 6)),
        # a Saturday that Kazakhstan worked (4 May 2024, in exchange for 8 May) is a working day
        ("fixed", D(2024, 1, 1), "KZ", D(2024, 5, 4), D(2024, 5, 4)),
        ("fixed", D(2024, 1, 1), "UZ", D(2024, 5, 4), D(2024, 5, 3)),
        # 1 May (Unity Day) is a holiday in Kazakhstan only.
        ("fixed", D(2025, 1, 1), "KZ", D(2025, 5, 1), D(2025, 4, 30)),
        ("fixed", D(2025, 1, 1), "UZ", D(2025, 5, 1), D(2025, 5, 1)),
        # Independence days: 16 December in Kazakhstan, 1 September in Uzbekistan
        # (31 August 2026 is an extra day off by presidential decree).
        ("fixed", D(2025, 1, 1), "KZ", D(2025, 12, 16), D(2025, 12, 15)),
        ("fixed", D(2025, 1, 1), "UZ", D(2025, 12, 16), D(2025, 12, 16)),
        ("fixed", D(2025, 1, 1), "UZ", D(2026, 9, 1), D(2026, 8, 28)),
        ("fixed", D(2025, 1, 1), "KZ", D(2026, 9, 1), D(2026, 9, 1)),
        # Ramadan Hayit 2024 in Uzbekistan (10-12 April) moves a quarterly report back.
        ("quarterly", D(2024, 2, 29), "UZ", None, D(2024, 4, 9)),
        ("quarterly", D(2024, 2, 29), "KZ", None, D(2024, 4, 10)),
    ],
)
def test_deadlines_around_the_holidays_of_each_side(kind, issued_on, side, fixed_on, expected):
    assert due_date(kind, issued_on, side, fixed_on=fixed_on) == expected


def test_transferred_working_days_count_as_working_days():
    assert is_working_day(D(2025, 1, 5), "KZ")  # a Sunday worked in Kazakhstan
    assert not is_working_day(D(2025, 1, 5), "UZ")
    assert is_working_day(D(2025, 1, 4), "UZ")  # a Saturday worked in Uzbekistan
    assert not is_working_day(D(2025, 1, 3), "KZ")  # the day off it paid for


def test_add_working_days_needs_a_positive_count():
    with pytest.raises(ValueError):
        add_working_days(D(2025, 1, 1), 0, "KZ")


class _Side:
    def __init__(self, code, due_on=None):
        self.side = type("S", (), {"code": code})()
        self.due_on = due_on


class _Decision:
    deadline_type = "fixed"
    issued_on = D(2025, 3, 1)
    due_on = D(2025, 3, 24)


def test_apply_deadlines_sets_each_side_from_its_own_calendar():
    kz, uz = _Side("KZ"), _Side("UZ", due_on=D(2025, 3, 24))
    changed = deadlines.apply_deadlines(_Decision(), [kz, uz])
    assert (kz.due_on, uz.due_on) == (D(2025, 3, 20), D(2025, 3, 24))
    assert changed == [kz]
