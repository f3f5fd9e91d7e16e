"""Who may do what to a project, through the service, the page and the API alike.

The secretariats keep a project's shared record and its parts (partners, locations, milestones);
each side reports the progress of its own part, and a milestone of one side is that side's to
report. The projects here have kz_lead and uz_lead as partners, so their officers answer for them.
"""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import SECRETARIATS, Door, Outcome
from bilat.directory.tests.factories import make_sector
from bilat.projects import services
from bilat.projects.models import Milestone, Project
from bilat.projects.tests.factories import make_partner, make_project

pytestmark = pytest.mark.django_db

BY_SIDE = {"KZ": {"officer_kz_lead", "secretariat_kz", "superuser"},
           "UZ": {"officer_uz", "secretariat_uz", "superuser"}}
PARTS = ("partner_add", "partner_remove", "location_add", "location_edit", "milestone_add")
ALLOWED = {
    "create": SECRETARIATS,
    "edit": SECRETARIATS,
    **{action: SECRETARIATS for action in PARTS},
    **{("progress", side): who for side, who in BY_SIDE.items()},
    **{("milestone_status", side): who for side, who in BY_SIDE.items()},
    # The page reports progress for the user's own side: every side's officer answering for the
    # project and every secretariat (an administrator reports for no side in particular).
    "progress_own_side": BY_SIDE["KZ"] | BY_SIDE["UZ"],
    # A restricted project: hidden from those who neither keep it nor answer for it.
    "restricted_edit": SECRETARIATS,
    ("restricted_progress", "KZ"): BY_SIDE["KZ"],
}
UNSEEN = {"anonymous", "viewer", "officer_kz_other"}
HIDDEN = {"restricted_edit": UNSEEN, ("restricted_progress", "KZ"): UNSEEN}
# A spreadsheet row edits the shared record (secretariats) or, from an officer, reports its own
# side's progress.
DOORS = {"edit": (*matrix.DOORS, Door.IMPORT), "restricted_edit": (*matrix.DOORS, Door.IMPORT),
         "progress": (Door.SERVICE, Door.API), "restricted_progress": (Door.SERVICE, Door.API),
         "progress_own_side": (Door.PAGE, Door.IMPORT)}
# A secretariat's bad input (the code of another project; progress beyond 100 %) and a stale save:
# 400 and 409 through every door, the page's included (core.pages.save_form).
# A part's bad input (one coordinate without the other) and a part saved from a stale copy.
INPUT = matrix.input_rows(invalid=["create", "edit", "location_edit"],
                          stale=["edit", "partner_remove", "location_edit", "milestone_status"])
DOORS.update({("create", Outcome.INVALID): matrix.DOORS,
              ("edit", Outcome.INVALID): (*matrix.DOORS, Door.IMPORT),
              ("edit", Outcome.STALE): (*matrix.DOORS, Door.IMPORT)})
CASES = matrix.cases(matrix.table(ALLOWED, hidden=HIDDEN) + INPUT, DOORS)


def _project(cast, row) -> Project:
    tier = "restricted" if row.action.startswith("restricted_") else "public"
    project = make_project(access_tier=tier)
    make_partner(project, cast.kz_lead)
    make_partner(project, cast.uz_lead)
    return project


def _form_data(project, **changes) -> dict:
    return {"code": project.code, "title_en": project.title_en, "kind": project.kind,
            "stage": project.stage, "currency": "USD", "access_tier": project.access_tier,
            "provenance": "sourced", "aggregation_eligible": "on", "value_planned": "100",
            "version": project.version, **changes}


def _seen(part, row) -> int:
    """The part's version as the client read it; for a STALE row someone saved it since."""
    if row.outcome == Outcome.STALE:
        type(part).objects.filter(pk=part.pk).update(version=F("version") + 1)
    return part.version


def _doors(cast, row, project):
    user, client, api = cast.user(row.role), cast.client(row.role), cast.api(row.role)
    action = row.action.removeprefix("restricted_")
    pk = project.pk
    key = {"code": project.code, "version": project.version}
    if row.outcome == Outcome.STALE:  # someone else saved the project since it was read
        Project.objects.filter(pk=pk).update(version=F("version") + 1)
    invalid = row.outcome == Outcome.INVALID
    if action == "create":
        sector = make_sector("industry", "Industry")
        code = project.code if invalid else "IC-NEW"
        return {
            Door.SERVICE: lambda: services.create_project(actor=user, values={
                "code": code, "title_en": "New", "kind": "investment", "sector": sector}),
            Door.PAGE: lambda: client.post(reverse("projects:create"), {
                "code": code, "title_en": "New", "kind": "investment", "stage": 1,
                "currency": "USD", "access_tier": "public", "provenance": "sourced",
                "value_planned": "100"}),
            Door.API: lambda: api.post("/api/v1/projects/", {
                "code": code, "title_en": "New", "kind": "investment",
                "sector": "industry", "value_planned": "100"}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "edit":
        progress = 150 if invalid else 40
        return {
            Door.SERVICE: lambda: services.update_project(
                project, {"stage": 4, "progress_pct": progress}, actor=user,
                expected_version=project.version),
            Door.PAGE: lambda: client.post(reverse("projects:edit", args=[pk]),
                                           _form_data(project, stage=4, progress_pct=progress)),
            Door.API: lambda: api.patch(f"/api/v1/projects/{pk}/", {
                "stage": 4, "progress_pct": progress, "version": project.version},
                format="json"),
            Door.IMPORT: lambda: matrix.import_row("projects", user, {
                **key, "stage": 4, "progress_pct": progress}),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "progress":
        side = cast.side(row.side)
        return {
            Door.SERVICE: lambda: services.report_project_progress(
                project, {"progress_pct": 40}, actor=user, side_id=side.pk,
                expected_version=project.version),
            Door.API: lambda: api.post(f"/api/v1/projects/{pk}/progress/", {
                "side": side.code, "progress_pct": 40, "version": project.version},
                format="json"),
        }, {Door.API: 200}
    if action == "progress_own_side":
        return {
            Door.PAGE: lambda: client.post(reverse("projects:progress", args=[pk]), {
                "progress_pct": 40, "version": project.version}),
            Door.IMPORT: lambda: matrix.import_row("projects", user, {
                **key, "progress_pct": 40}),
        }, {Door.PAGE: 302}
    read = project.version  # as the client read it, before someone else's save (STALE)
    if action == "partner_add":
        return {
            Door.SERVICE: lambda: services.add_partner(
                project, organisation=cast.kz_other, role="investor", actor=user),
            Door.PAGE: lambda: client.post(reverse("projects:partner_add", args=[pk]), {
                "partner-organisation": cast.kz_other.pk, "partner-role": "investor"}),
            Door.API: lambda: api.post(f"/api/v1/projects/{pk}/partners/", {
                "version": read, "organisation": cast.kz_other.code, "role": "investor"},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "partner_remove":
        partner = project.partners.get(organisation=cast.kz_lead)
        seen = _seen(partner, row)
        return {
            Door.SERVICE: lambda: services.remove_project_part(
                partner, actor=user, expected_version=seen),
            Door.PAGE: lambda: client.post(reverse("projects:partner_remove",
                                                   args=[partner.pk]), {"version": seen}),
            Door.API: lambda: api.delete(f"/api/v1/project-partners/{partner.pk}/",
                                         {"version": seen}, format="json"),
        }, {Door.PAGE: 302, Door.API: 204}
    if action == "location_add":
        return {
            Door.SERVICE: lambda: services.add_location(project, actor=user, values={
                "side": cast.kz, "region_en": "Zhambyl region"}),
            Door.PAGE: lambda: client.post(reverse("projects:location_add", args=[pk]), {
                "location-side": cast.kz.pk, "location-region_en": "Zhambyl region"}),
            Door.API: lambda: api.post(f"/api/v1/projects/{pk}/locations/", {
                "version": read, "side": "KZ", "region_en": "Zhambyl region"}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "location_edit":
        location = project.locations.create(side=cast.kz, region_en="Zhambyl region")
        seen = _seen(location, row)
        prefix = f"edit-{location.pk}"
        # Invalid: a latitude without its longitude (the service's model check, the form's and
        # the serializer's rule).
        point = {"latitude": "42.9"} if invalid else {}
        service_point = {"latitude": 100} if invalid else {}
        return {
            Door.SERVICE: lambda: services.update_project_part(
                location, {"place_en": "Taraz", **service_point}, actor=user,
                expected_version=seen),
            Door.PAGE: lambda: client.post(reverse("projects:location_edit", args=[location.pk]), {
                f"{prefix}-side": cast.kz.pk, f"{prefix}-region_en": "Zhambyl region",
                f"{prefix}-place_en": "Taraz", f"{prefix}-version": seen,
                **{f"{prefix}-{k}": v for k, v in point.items()}}),
            Door.API: lambda: api.patch(f"/api/v1/project-locations/{location.pk}/", {
                "place_en": "Taraz", "version": seen, **point}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "milestone_add":
        return {
            Door.SERVICE: lambda: services.add_milestone(project, actor=user, values={
                "title_en": "Commissioning", "due_on": datetime.date(2026, 1, 1)}),
            Door.PAGE: lambda: client.post(reverse("projects:milestone_add", args=[pk]), {
                "milestone-title_en": "Commissioning", "milestone-due_on": "2026-01-01"}),
            Door.API: lambda: api.post(f"/api/v1/projects/{pk}/milestones/", {
                "version": read, "title_en": "Commissioning", "due_on": "2026-01-01"},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "milestone_status":
        milestone = Milestone.objects.create(project=project, side=cast.side(row.side or "KZ"),
                                             title_en="Commissioning")
        seen = _seen(milestone, row)
        return {
            Door.SERVICE: lambda: services.set_milestone_status(
                milestone, status="met", actor=user, expected_version=seen),
            Door.PAGE: lambda: client.post(reverse("projects:milestone_status",
                                                   args=[milestone.pk]),
                                           {"status": "met", "version": seen}),
            Door.API: lambda: api.post(f"/api/v1/milestones/{milestone.pk}/status/", {
                "status": "met", "version": seen}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_a_project_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    project = _project(cast, row)
    doors, ok = _doors(cast, row, project)
    matrix.run(row, door, doors, ok=ok)
