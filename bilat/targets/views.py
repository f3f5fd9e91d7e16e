"""Pages of the targets app: list, detail with the pace to target, create/edit, actual values."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, can, require, visible
from bilat.core.services import StaleVersionError
from bilat.core.views import list_page
from bilat.decisions.models import Decision

from . import services
from .filters import TargetFilterSet
from .forms import ActualValueForm, TargetForm
from .models import Target

SORT_OPTIONS = {
    "title": "title_en",
    "indicator": ("indicator__code", "target_year"),
    "year": "target_year",
    "value": "target_value",
}


def _visible_target(request: HttpRequest, pk: int) -> Target:
    return get_object_or_404(
        visible(request.user, Target.objects.select_related("indicator", "decision")), pk=pk
    )


def target_list(request: HttpRequest) -> HttpResponse:
    """All targets the user may see."""
    targets = visible(request.user, Target.objects.select_related("indicator"))
    return list_page(
        request, targets, template="targets/target_list.html", filterset_class=TargetFilterSet,
        sort_options=SORT_OPTIONS, default_sort="indicator",
        context={"can_add": can(request.user, Action.ADD)},
    )


def _detail_context(request: HttpRequest, target: Target, **forms) -> dict:
    actuals = list(target.actual_values.select_related("reporting_side"))
    decision = target.decision if target.decision and can(
        request.user, Action.VIEW, target.decision) else None
    can_record = services.can_record_actuals(request.user, target)
    if can_record:
        forms.setdefault("actual_form", ActualValueForm(prefix="actual"))
    return {
        "target": target,
        "decision": decision,
        "bases": services.pace_by_basis(target, actuals),
        "pace_figures": services.PACE_FIGURES,
        "history": services.target_history(target),
        "can_change": can(request.user, Action.CHANGE, target),
        "can_record": can_record,
        **forms,
    }


def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A target with its actual values per basis and the pace needed to reach it."""
    target = _visible_target(request, pk)
    return render(request, "targets/target_detail.html", _detail_context(request, target))


def _decisions_for(request: HttpRequest):
    return visible(request.user, Decision.objects.all()).order_by("control_number")


@login_required
def target_create(request: HttpRequest) -> HttpResponse:
    """Record a new target (secretariat)."""
    require(request.user, Action.ADD)
    form = TargetForm(request.POST or None, decision_queryset=_decisions_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            target = services.create_target(actor=request.user, values=form.changes(),
                                            reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Target recorded."))
            return redirect("targets:detail", pk=target.pk)
    return render(request, "targets/target_form.html", {"form": form, "target": None})


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a target; a save made from a stale copy is refused with a clear message."""
    target = _visible_target(request, pk)
    require(request.user, Action.CHANGE, target)
    form = TargetForm(request.POST or None, instance=target,
                      decision_queryset=_decisions_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_target(target, form.changes(), actor=request.user,
                                   expected_version=form.cleaned_data["version"],
                                   reason=form.cleaned_data["reason"])
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Target saved."))
            return redirect("targets:detail", pk=pk)
    return render(request, "targets/target_form.html", {"form": form, "target": target})


@login_required
def actual_value_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the value of a period on one basis (the reporting side's secretariat).

    The form sits on the target's page (htmx swaps the ``actuals`` section) and on a page of
    its own for a plain GET.
    """
    target = _visible_target(request, pk)
    if not services.can_record_actuals(request.user, target):
        raise PermissionDenied(_("Only the secretariat records actual values."))
    on_detail = request.method == "POST" and "actual-value" in request.POST
    form = ActualValueForm(request.POST or None, prefix="actual" if on_detail else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_actual_value(target, actor=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if getattr(request, "htmx", False):
                target = _visible_target(request, pk)
                return render(request, "targets/target_detail.html#actuals",
                              _detail_context(request, target))
            messages.success(request, _("Value recorded."))
            return redirect(reverse("targets:detail", args=[pk]) + "#actuals")
    if on_detail:
        template = "targets/target_detail.html"
        if getattr(request, "htmx", False):
            template += "#actuals"
        return render(request, template, _detail_context(request, target, actual_form=form))
    return render(request, "targets/actual_value_form.html", {"form": form, "target": target})
