"""Admin writes to decisions are logged and move the version."""

import pytest
from django.urls import reverse

from bilat.core.models import ChangeLogEntry
from bilat.decisions.models import Decision
from bilat.decisions.tests.factories import make_cast, make_decision

pytestmark = pytest.mark.django_db


def test_an_admin_edit_of_a_decision_is_logged_and_moves_the_version(client):
    cast = make_cast()
    decision = make_decision()
    client.force_login(cast.users["superuser"])
    url = reverse("admin:decisions_decision_change", args=[decision.pk])
    form = client.get(url).context["adminform"].form
    data = {name: (value if value is not None else "") for name, value in form.initial.items()}
    data.update({"title_en": "Changed in admin", "sector": decision.sector_id,
                 "issued_on": "2024-07-12", "due_on": "2024-12-31", "meeting": "",
                 "paragraph": "", "removed_by": "", "removed_on": "", "source_date": ""})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = ChangeLogEntry.objects.get()
    assert entry.channel == "admin" and entry.before["title_en"] != entry.after["title_en"]
    assert Decision.objects.get(pk=decision.pk).version == decision.version + 1


def test_every_versioned_record_in_the_admin_moves_its_version_when_edited(rf):
    from django.apps import apps
    from django.contrib import admin

    from bilat.accounts.admin import AuditedAdmin
    from bilat.core.models import Versioned
    from bilat.decisions.models import ExecutionReport
    from bilat.decisions.tests.factories import make_report, side_of

    versioned = [m for m in apps.get_models() if issubclass(m, Versioned)
                 and admin.site.is_registered(m)]
    assert {"Decision", "ExecutionReport", "DeadlineExtension", "Meeting", "Protocol"} <= {
        m.__name__ for m in versioned}
    assert all(isinstance(admin.site.get_model_admin(m), AuditedAdmin) for m in versioned)
    cast = make_cast()
    report = make_report(side_of(make_decision(), "KZ"), cast.users["reporter"])
    request = rf.post("/")
    request.user = cast.users["superuser"]
    report.text = "Corrected in the admin."
    admin.site.get_model_admin(ExecutionReport).save_model(request, report, None, True)
    assert ExecutionReport.objects.get(pk=report.pk).version == 2
