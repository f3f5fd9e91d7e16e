"""Sign-in protection: wrong passwords lock an account and an address out, at every door, for a
while; an administrator lifts a lockout; both are in the change log."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import RequestFactory

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.models import ChangeLogEntry
from bilat.directory.tests.factories import make_sides

pytestmark = pytest.mark.django_db

DOORS = ["page", "admin", "api"]
LOGIN_URLS = {"page": "/accounts/login/", "admin": "/admin/login/", "api": "/api/v1/auth/token/"}
LOCKED = "Too many failed sign-ins"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    # The token door's rate limit counts in the cache, and would answer before the lockout:
    # these tests are about the lockout, but for the one about the rate limit.
    settings.BILAT_API_TOKEN_RATE = "1000/min"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limit() -> int:
    return django_settings.AXES_FAILURE_LIMIT


@pytest.fixture
def cool_off() -> timedelta:
    return django_settings.AXES_COOLOFF_TIME


@pytest.fixture
def secretariat():
    kz, _uz = make_sides()
    return make_user("kz-secretariat", Role.SECRETARIAT, side=kz)


@pytest.fixture
def admin_user():
    return make_user("admin", superuser=True)


def sign_in(client, door: str, username: str, password: str, *, address: str = "10.0.0.1"):
    data = {"username": username, "password": password}
    if door == "api":
        return client.post(LOGIN_URLS[door], data, content_type="application/json",
                           REMOTE_ADDR=address)
    return client.post(LOGIN_URLS[door], data, REMOTE_ADDR=address)


def is_signed_in(client, door: str, response) -> bool:
    if door == "api":
        return response.status_code == 200 and "token" in response.json()
    return response.status_code == 302 and "_auth_user_id" in client.session


def fail(client, door: str, username: str, times: int, *, address: str = "10.0.0.1"):
    return [sign_in(client, door, username, "wrong", address=address) for _ in range(times)]


def shift_clock(by: timedelta) -> None:
    """As if ``by`` had passed since every failed sign-in so far."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


# --- the lockout, at every door ---------------------------------------------------------------


@pytest.mark.parametrize("door", DOORS)
def test_wrong_passwords_lock_the_account_out_at_every_door(client, door, admin_user, limit):
    refused = fail(client, door, "admin", limit - 1)
    assert {r.status_code for r in refused} == ({400} if door == "api" else {200})
    locked = sign_in(client, door, "admin", "wrong")
    assert locked.status_code == 429
    assert LOCKED in locked.text
    right = sign_in(client, door, "admin", "pw-admin")
    assert right.status_code == 429 and LOCKED in right.text
    assert not is_signed_in(client, door, right)


def test_the_count_is_kept_in_the_database_for_every_server_process(client, admin_user, limit):
    from bilat.accounts.models import FailedSignIn

    assert django_settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    fail(client, "page", "admin", limit - 1)
    assert FailedSignIn.objects.get(username="admin").failures_since_start == limit - 1


@pytest.mark.parametrize("door", DOORS)
def test_the_lockout_says_when_to_try_again(client, door, admin_user, limit, cool_off):
    response = fail(client, door, "admin", limit)[-1]
    assert response.status_code == 429
    minutes = round(cool_off.total_seconds() / 60)
    assert f"Try again in {minutes} minutes" in response.text
    assert cool_off.total_seconds() - 5 <= int(response["Retry-After"]) <= cool_off.total_seconds()


def test_the_api_lockout_answers_in_the_api_error_shape(client, admin_user, limit):
    response = fail(client, "api", "admin", limit)[-1]
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(LOCKED)


def test_the_lockout_is_shown_in_russian(client, admin_user, limit):
    response = [
        client.post(LOGIN_URLS["page"], {"username": "admin", "password": "wrong"},
                    HTTP_ACCEPT_LANGUAGE="ru", REMOTE_ADDR="10.0.0.1")
        for _ in range(limit)
    ][-1]
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.text


def test_an_account_is_locked_whatever_address_the_attempts_come_from(client, secretariat, limit):
    for n in range(limit):
        fail(client, "page", "kz-secretariat", 1, address=f"10.0.1.{n}")
    response = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat", address="10.0.2.1")
    assert response.status_code == 429


def test_an_address_is_locked_whatever_accounts_it_tries(client, secretariat, limit):
    for n in range(limit):
        fail(client, "api", f"guess-{n}", 1, address="10.0.0.66")
    from_there = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat", address="10.0.0.66")
    assert from_there.status_code == 429
    elsewhere = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat", address="10.0.0.7")
    assert is_signed_in(client, "page", elsewhere)


def test_a_few_typos_do_not_lock_anyone_out(client, secretariat, limit):
    fail(client, "page", "kz-secretariat", limit - 1)
    response = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat")
    assert is_signed_in(client, "page", response)


# --- the lockout ends -------------------------------------------------------------------------


def test_the_lockout_ends_after_the_cool_off(client, secretariat, limit, cool_off):
    fail(client, "page", "kz-secretariat", limit)
    shift_clock(cool_off - timedelta(seconds=30))
    assert sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat").status_code == 429
    shift_clock(timedelta(seconds=31))
    response = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat")
    assert is_signed_in(client, "page", response)


def test_attempts_during_a_lockout_do_not_prolong_it(client, secretariat, limit):
    from axes.models import AccessAttempt

    fail(client, "page", "kz-secretariat", limit)
    recorded = list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start"))
    shift_clock(timedelta(minutes=1))
    moved = list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start"))
    for door in DOORS:
        assert {r.status_code for r in fail(client, door, "kz-secretariat", 10)} == {429}
    assert list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start")) == moved
    assert [n for _t, n in moved] == [n for _t, n in recorded]


# --- the audit trail --------------------------------------------------------------------------


def test_a_lockout_is_recorded_once_in_the_change_log(client, secretariat, limit):
    fail(client, "page", "kz-secretariat", limit + 20, address="10.0.0.9")
    entries = ChangeLogEntry.objects.filter(action="lock_out")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_type == "accounts.failedsignin"
    assert entry.object_repr == "kz-secretariat from 10.0.0.9"
    assert entry.channel == "page"
    assert entry.after["failures_since_start"] == limit
    assert entry.after["locked"] == "account and address"


def test_secretariats_see_lockouts_in_the_change_log(client, secretariat, limit):
    fail(client, "api", "uz-secretariat", limit, address="10.0.0.9")
    client.force_login(secretariat)
    page = client.get("/changes/?action=lock_out")
    assert page.status_code == 200
    assert "uz-secretariat from 10.0.0.9" in page.text


# --- an administrator lifts a lockout ---------------------------------------------------------


def test_an_administrator_lifts_a_lockout_in_the_admin(client, secretariat, admin_user, limit):
    from bilat.accounts.models import FailedSignIn

    fail(client, "page", "kz-secretariat", limit)
    client.force_login(admin_user)
    listing = client.get("/admin/accounts/failedsignin/")
    assert listing.status_code == 200 and "kz-secretariat" in listing.text
    rows = list(FailedSignIn.objects.values_list("pk", flat=True))
    response = client.post("/admin/accounts/failedsignin/", {
        "action": "lift_account_lockouts", "_selected_action": rows})
    assert response.status_code == 302
    client.logout()
    signed = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat")
    assert is_signed_in(client, "page", signed)
    lift = ChangeLogEntry.objects.get(action="lift_lockout")
    assert (lift.actor, lift.channel, lift.object_repr) == (
        admin_user, "admin", "kz-secretariat from 10.0.0.1")
    assert (lift.before["failures_since_start"], lift.after["failures_since_start"]) == (limit, 0)


def test_failed_sign_ins_are_cleared_only_by_the_logged_action(client, admin_user):
    client.force_login(admin_user)
    listing = client.get("/admin/accounts/failedsignin/")
    assert "delete_selected" not in listing.text
    assert client.get("/admin/axes/accessattempt/").status_code == 404


def test_the_lift_lockout_command_lifts_an_account(client, secretariat, admin_user, limit):
    fail(client, "page", "kz-secretariat", limit)
    call_command("lift_lockout", "--username", "kz-secretariat", "--as", "admin")
    signed = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat", address="10.0.0.2")
    assert is_signed_in(client, "page", signed)
    assert ChangeLogEntry.objects.get(action="lift_lockout").actor == admin_user


def test_the_lift_lockout_command_lifts_an_address(client, secretariat, admin_user, limit):
    for n in range(limit):
        fail(client, "page", f"guess-{n}", 1, address="10.0.0.66")
    call_command("lift_lockout", "--address", "10.0.0.66", "--as", "admin")
    signed = sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat", address="10.0.0.66")
    assert is_signed_in(client, "page", signed)
    assert ChangeLogEntry.objects.filter(action="lift_lockout").count() == limit


def test_only_an_administrator_lifts_a_lockout(client, secretariat, limit):
    fail(client, "page", "kz-secretariat", limit)
    with pytest.raises(CommandError, match="Only an administrator"):
        call_command("lift_lockout", "--username", "kz-secretariat", "--as", "kz-secretariat")
    with pytest.raises(CommandError, match="--username or --address"):
        call_command("lift_lockout", "--as", "kz-secretariat")
    assert sign_in(client, "page", "kz-secretariat", "pw-kz-secretariat").status_code == 429


# --- the other doors that check a password ----------------------------------------------------


def test_the_admin_password_change_counts_wrong_old_passwords(client, admin_user, limit):
    client.force_login(admin_user)
    change = {"old_password": "wrong", "new_password1": "a-New-pass-1", "new_password2": "a-New-pass-1"}
    refused = [client.post("/admin/password_change/", change, REMOTE_ADDR="10.0.0.1")
               for _ in range(limit)]
    assert {r.status_code for r in refused[:-1]} == {200}
    assert refused[-1].status_code == 429
    right = client.post("/admin/password_change/", {**change, "old_password": "pw-admin"},
                        REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 429
    admin_user.refresh_from_db()
    assert admin_user.check_password("pw-admin")


def test_the_admin_password_change_still_takes_the_right_old_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/password_change/", {
        "old_password": "pw-admin", "new_password1": "a-New-pass-1", "new_password2": "a-New-pass-1"})
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.check_password("a-New-pass-1")


def test_the_token_door_is_rate_limited_per_address(client, admin_user, settings):
    settings.BILAT_API_TOKEN_RATE = "3/min"
    answers = [sign_in(client, "api", "admin", "pw-admin") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    assert sign_in(client, "api", "admin", "pw-admin", address="10.0.0.2").status_code == 200


def test_the_api_takes_no_password_outside_the_token_door(client, admin_user):
    import base64

    basic = base64.b64encode(b"admin:pw-admin").decode()
    response = client.get("/api/v1/changes/", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 403  # not signed in: no password was checked here


# --- the client's address ---------------------------------------------------------------------


def test_without_a_proxy_a_forwarded_address_is_ignored(settings):
    from bilat.accounts.signin import client_address

    settings.BILAT_PROXY_COUNT = 0
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"


def test_behind_a_proxy_the_address_the_proxy_saw_is_used(settings):
    from bilat.accounts.signin import client_address

    settings.BILAT_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert client_address(request) == "192.0.2.7"  # the client may have sent the first one
    bare = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert client_address(bare) == "10.0.0.1"


def test_a_spoofed_forwarded_address_does_not_escape_the_lockout(client, secretariat, limit):
    for n in range(limit):
        client.post(LOGIN_URLS["page"], {"username": f"guess-{n}", "password": "x"},
                    REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR=f"172.16.0.{n}")
    response = client.post(LOGIN_URLS["page"],
                           {"username": "kz-secretariat", "password": "pw-kz-secretariat"},
                           REMOTE_ADDR="10.0.0.66", HTTP_X_FORWARDED_FOR="172.16.1.1")
    assert response.status_code == 429
