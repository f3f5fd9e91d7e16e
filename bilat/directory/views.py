"""Pages of the directory: organisations and people, read by everyone, kept by each side's
secretariat for its own side (policy action ``reference``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from bilat.accounts.policy import Action, actor_of, can, visible
from bilat.core.views import list_page
from bilat.decisions.models import DecisionSide
from bilat.projects.models import Project

from . import services
from .filters import OrganisationFilterSet, PersonFilterSet
from .forms import OrganisationForm, PersonForm
from .models import Organisation, Person, Side


def _side_to_keep(request: HttpRequest) -> Side:
    """The side whose reference data the user may add to: its own, or (an administrator) the
    side named by ``?side=``."""
    a = actor_of(request.user)
    code = request.GET.get("side") or request.POST.get("side")
    side = Side.objects.filter(pk=a.side_id).first() if a.side_id else None
    if a.is_superuser and code:
        side = Side.objects.filter(code=code.upper()).first()
    if side is None or not can(request.user, Action.REFERENCE, side_id=side.pk):
        raise PermissionDenied(_("Only a side's secretariat keeps its organisations and people."))
    return side


@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    a = actor_of(request.user)
    return list_page(
        request, Organisation.objects.select_related("side", "parent"),
        template="directory/organisation_list.html", filterset_class=OrganisationFilterSet,
        sort_options={"name": ("name_en",), "code": ("code",), "side": ("side__order", "name_en")},
        default_sort="side",
        context={"can_add": bool(a.side_id) and can(request.user, Action.REFERENCE,
                                                      side_id=a.side_id)},
    )


@require_safe
def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("side", "parent"),
                                     code=code)
    parts = (visible(request.user, DecisionSide.objects.all())
             .filter(Q(lead=organisation) | Q(co_executors=organisation))
             .select_related("decision", "side").distinct()
             .order_by("decision__control_number", "side__order"))
    projects = (visible(request.user, Project.objects.all())
                .filter(partners__organisation=organisation).distinct().order_by("code"))
    return render(request, "directory/organisation_detail.html", {
        "organisation": organisation, "parts": parts, "projects": projects,
        "people": organisation.people.all(), "children": organisation.children.all(),
        "can_edit": can(request.user, Action.REFERENCE, organisation,
                        side_id=organisation.side_id),
    })


def _save(request, form, *, template: str, title: str):
    """Save a directory form through the service: 400 with the errors on bad input."""
    if request.method == "POST" and form.is_valid():
        try:
            record = services.save_reference(form.instance, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(record.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "title": title}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    side = _side_to_keep(request)
    form = OrganisationForm(request.POST or None, side=side)
    return _save(request, form, template="directory/form.html",
                 title=_("New organisation of %(side)s") % {"side": side.name})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, code=code)
    if not can(request.user, Action.REFERENCE, organisation, side_id=organisation.side_id):
        raise PermissionDenied(_("Only the secretariat of its side keeps this organisation."))
    form = OrganisationForm(request.POST or None, instance=organisation, side=organisation.side)
    return _save(request, form, template="directory/form.html",
                 title=_("Edit %(name)s") % {"name": organisation.name})


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    a = actor_of(request.user)
    return list_page(
        request, Person.objects.select_related("side", "organisation"),
        template="directory/person_list.html", filterset_class=PersonFilterSet,
        sort_options={"name": ("full_name_en",), "side": ("side__order", "full_name_en")},
        default_sort="side",
        context={"can_add": bool(a.side_id) and can(request.user, Action.REFERENCE,
                                                      side_id=a.side_id)},
    )


@require_safe
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("side", "organisation"), pk=pk)
    return render(request, "directory/person_detail.html", {
        "person": person,
        "can_edit": can(request.user, Action.REFERENCE, person, side_id=person.side_id),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    side = _side_to_keep(request)
    form = PersonForm(request.POST or None, side=side)
    return _save(request, form, template="directory/form.html",
                 title=_("New person of %(side)s") % {"side": side.name})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    if not can(request.user, Action.REFERENCE, person, side_id=person.side_id):
        raise PermissionDenied(_("Only the secretariat of its side keeps this person."))
    form = PersonForm(request.POST or None, instance=person, side=person.side)
    return _save(request, form, template="directory/form.html",
                 title=_("Edit %(name)s") % {"name": person.full_name})


