"""Pages of the targets app: list, detail with the pace to target, create/edit, actual values."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, can, require, visible
from bilat.briefings.pagecache import cached_page
from bilat.core.changelog import history_for
from bilat.core.pages import save_form
from bilat.core.views import list_page
from bilat.decisions.services import linkable_decisions

from . import services
from .filters import TargetFilterSet
from .forms import ActualValueForm, TargetForm, TradeThemeForm
from .models import Target, TradeTheme

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


@cached_page(areas=("targets",))
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
        "history": history_for(target),
        "can_change": can(request.user, Action.CHANGE, target),
        "can_record": can_record,
        **forms,
    }


def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A target with its actual values per basis and the pace needed to reach it."""
    target = _visible_target(request, pk)
    return render(request, "targets/target_detail.html", _detail_context(request, target))


@login_required
def target_create(request: HttpRequest) -> HttpResponse:
    """Record a new target (secretariat)."""
    require(request.user, Action.ADD)
    form = TargetForm(request.POST or None, decision_queryset=linkable_decisions(request.user))

    def perform(data):
        return services.create_target(actor=request.user, values=form.changes(),
                                      reason=data["reason"])

    return save_form(request, form, perform, template="targets/target_form.html",
                     context={"target": None}, success=_("Target recorded."))


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a target; a save made from a stale copy is refused with a clear message."""
    target = _visible_target(request, pk)
    require(request.user, Action.CHANGE, target)
    form = TargetForm(request.POST or None, instance=target,
                      decision_queryset=linkable_decisions(request.user))

    def perform(data):
        return services.update_target(target, form.changes(), actor=request.user,
                                      expected_version=data["version"], reason=data["reason"])

    return save_form(request, form, perform, template="targets/target_form.html",
                     context={"target": target}, success=_("Target saved."))


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

    def perform(data):
        return services.record_actual_value(target, actor=request.user, values=data)

    next_url = reverse("targets:detail", args=[pk]) + "#actuals"
    if not on_detail:
        return save_form(request, form, perform, template="targets/actual_value_form.html",
                         context={"target": target}, success=_("Value recorded."),
                         next_url=next_url)
    return save_form(
        request, form, perform, template="targets/target_detail.html",
        context=lambda **forms: _detail_context(request, _visible_target(request, pk), **forms),
        form_name="actual_form", section="actuals", success=_("Value recorded."),
        next_url=next_url)


def theme_list(request: HttpRequest) -> HttpResponse:
    """The product themes of the trade series: the built-in ones and the commission's own."""
    own = visible(request.user, TradeTheme.objects.all())
    return render(request, "targets/theme_list.html", {
        "builtin": services.builtin_themes(), "own": own,
        "can_add": can(request.user, Action.ADD),
        "can_change": can(request.user, Action.CHANGE),
    })


@login_required
def theme_create(request: HttpRequest) -> HttpResponse:
    """Define a product theme (secretariat)."""
    require(request.user, Action.ADD)
    form = TradeThemeForm(request.POST or None)

    def perform(data):
        return services.create_theme(actor=request.user, values=form.changes(),
                                     reason=data["reason"])

    return save_form(request, form, perform, template="targets/theme_form.html",
                     context={"theme": None}, success=_("Theme recorded."),
                     next_url=reverse("targets:themes"))


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a theme or change its HS codes (secretariat)."""
    theme = get_object_or_404(visible(request.user, TradeTheme.objects.all()), pk=pk)
    require(request.user, Action.CHANGE, theme)
    form = TradeThemeForm(request.POST or None, instance=theme)

    def perform(data):
        return services.update_theme(theme, form.changes(), actor=request.user,
                                     expected_version=data["version"], reason=data["reason"])

    return save_form(request, form, perform, template="targets/theme_form.html",
                     context={"theme": theme}, success=_("Theme saved."),
                     next_url=reverse("targets:themes"))
