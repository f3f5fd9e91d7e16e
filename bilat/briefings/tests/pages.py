"""What the page-cache tests share: a page's text without its per-request parts, and a write
made as the services make it."""

from __future__ import annotations

import re


def page_text(response) -> str:
    """The page as text, without the shell's per-request parts: the CSRF token and the script
    nonce (so a page from the cache and one built at once compare equal)."""
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+', r"\1",
                  response.content.decode())


def logged_write(record, **changes) -> None:
    """A write as the services make it: the record saved and its change-log entry."""
    from django.db import transaction

    from bilat.core.changelog import record_change, snapshot

    with transaction.atomic():
        before = snapshot(record)
        for name, value in changes.items():
            setattr(record, name, value)
        record.save()
        record_change(record, action="update", actor=None, before=before)


def parts_built(monkeypatch) -> list:
    """The dashboard's parts built from the records from now on, in the order they were built
    (``views.build_dashboard`` counted)."""
    from bilat.briefings import views

    built = []
    real = views.build_dashboard

    def counting(user, today, parts=None, **kwargs):
        built.extend(parts or views.PARTS)
        return real(user, today, parts, **kwargs)
    monkeypatch.setattr(views, "build_dashboard", counting)
    return built


def open_and_secret():
    """A session, a public decision (IGC21-OPEN) and a restricted one (IGC21-SECRET) led by the
    KZ lead of ``make_cast``'s cast, and a public project; the cast."""
    from bilat.decisions.tests.factories import make_cast, make_decision
    from bilat.meetings.tests.factories import make_meeting
    from bilat.projects.tests.factories import make_project

    cast = make_cast()
    make_meeting()
    make_decision("IGC21-OPEN", kz_lead=cast.kz_lead, access_tier="public")
    make_decision("IGC21-SECRET", kz_lead=cast.kz_lead, access_tier="restricted")
    make_project(access_tier="public")
    return cast
