"""Pages of water accounting: sites on a map with each party's season use, a site's series
with flags and gaps, the dekada bulletin with its approvals, the conflicting
revisions to review."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bilat.accounts.policy import Action, can, require, visible
from bilat.core.pages import save_form
from bilat.directory.models import Side

from . import allocation, bulletin, charts, services
from .forms import AgreementForm, PlansForm, SeasonLimitForm
from .models import Agreement, Alert, SeasonLimit, Series, Site
from .periods import Dekada, dekada_of
from .volumes import flow_series, season_report


def _series_qs(request: HttpRequest):
    return visible(request.user, Series.objects.select_related("site__side", "owner_side"))


@require_safe
def water_overview(request: HttpRequest) -> HttpResponse:
    """The sites on a map, each party's use of its season limits, the latest bulletins."""
    sites = list(Site.objects.select_related("side"))
    series_qs = _series_qs(request)
    uses = []
    for limit in SeasonLimit.objects.select_related("side", "site__side").prefetch_related(
            "plans").order_by("-year", "season", "side__order"):
        if flow_series(limit.site, series_qs) is not None:
            uses.append(allocation.season_use(limit, series_qs=series_qs))
    map_chart = charts.sites_map(sites)
    today = timezone.localdate()
    last = Dekada.of(today)
    seasons = sorted({(u.limit.year, u.limit.season) for u in uses}, reverse=True)
    periods = [ln.period for u in uses[:1] for ln in u.lines if ln.period_ends_on < today]
    return render(request, "water/overview.html", {
        "sites": sites, "uses": uses, "map_chart": map_chart,
        "specs": {f"spec-{map_chart.key}": map_chart.spec}, "seasons": seasons,
        "bulletins": list(reversed(periods))[:6] or [str(last)],
        "alerts": Alert.objects.select_related("limit__side", "limit__site")[:20]
        if request.user.is_authenticated else [],
    })


@require_safe
def site_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A site: its series (those open to the reader) over a dekada, and its season volumes."""
    site = get_object_or_404(Site.objects.select_related("side"), code=code)
    series = list(_series_qs(request).filter(site=site).order_by("parameter", "code"))
    flow = flow_series(site, _series_qs(request))
    try:
        dekada = Dekada.parse(request.GET["dekada"]) if request.GET.get("dekada") else None
    except ValueError:
        dekada = None
    if dekada is None:
        latest = series[0].readings.order_by("-at").values_list("at", flat=True).first() \
            if series else None
        dekada = dekada_of(latest, site.zone) if latest else Dekada.of(timezone.localdate())
    chart_list = [charts.series_chart(s, dekada) for s in series]
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 1990 <= int(year_text) <= 2100 \
        else dekada.year
    report = season_report(flow, year) if flow else None
    return render(request, "water/site_detail.html", {
        "site": site, "series": series, "dekada": dekada, "charts": chart_list,
        "specs": {f"spec-{c.key}": c.spec for c in chart_list}, "report": report,
        "previous": _shift(dekada, -1), "next": _shift(dekada, 1),
    })


def _shift(dekada: Dekada, step: int) -> str:
    if step > 0:
        return str(dekada.next())
    return str(Dekada.of(dekada.first_day - datetime.timedelta(days=1)))


def _dekada_or_404(period: str) -> Dekada:
    try:
        return Dekada.parse(period)
    except ValueError as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_safe
def bulletin_detail(request: HttpRequest, period: str) -> HttpResponse:
    """The dekada bulletin: plan against actual, coverage and quality, each party's approval."""
    dekada = _dekada_or_404(period)
    context = bulletin.page_context(dekada, get_language() or "en")
    sides = Side.objects.order_by("order")
    context["can_approve"] = [s for s in sides if can(request.user, Action.REPORT,
                                                      _probe_bulletin(dekada), side_id=s.pk)]
    context["previous"], context["next"] = _shift(dekada, -1), _shift(dekada, 1)
    return render(request, "water/bulletin_detail.html", context)


def _probe_bulletin(dekada: Dekada):
    from .models import Bulletin

    return Bulletin.objects.filter(period=str(dekada)).first() or Bulletin(period=str(dekada))


@login_required
@require_POST
def bulletin_approve(request: HttpRequest, period: str) -> HttpResponse:
    """Approve the bulletin's figures as they stand, for one party."""
    dekada = _dekada_or_404(period)
    side = get_object_or_404(Side, code=request.POST.get("side", ""))
    try:
        bulletin.approve_bulletin(str(dekada), side=side, actor=request.user,
                                  expected_digest=request.POST.get("digest", ""))
    except (PermissionDenied, bulletin.StaleFiguresError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Approved for %(side)s.") % {"side": side.name})
    return redirect("water:bulletin", str(dekada))


@login_required
@require_safe
def bulletin_download(request: HttpRequest, period: str) -> HttpResponse:
    """The bulletin as PDF or XLSX (?format=pdf|xlsx), in the page's language."""
    dekada = _dekada_or_404(period)
    fmt = request.GET.get("format", "pdf")
    if fmt not in ("pdf", "xlsx"):
        raise Http404(_("Unknown format."))
    lang = get_language() or "en"
    data = bulletin.render(dekada, lang, fmt)
    kinds = {"pdf": "application/pdf",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    response = HttpResponse(data, content_type=kinds[fmt])
    response["Content-Disposition"] = f'attachment; filename="bulletin-{dekada}-{lang}.{fmt}"'
    return response


@login_required
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Acknowledge a deviation alert for its party."""
    alert = get_object_or_404(Alert.objects.select_related("limit__side"), pk=pk)
    try:
        allocation.acknowledge_alert(alert, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("water:overview")


@login_required
@require_safe
def conflicts(request: HttpRequest) -> HttpResponse:
    """Readings with conflicting revisions (of the series open to the reader); the owning
    side's water officers accept one revision of each, with a reason."""
    items = services.conflicts(_series_qs(request))
    for item in items:
        item["can_resolve"] = can(request.user, Action.REPORT, item["series"],
                                  side_id=item["series"].owner_side_id)
    return render(request, "water/conflicts.html", {"items": items})


@login_required
@require_POST
def conflict_resolve(request: HttpRequest) -> HttpResponse:
    """Accept one revision of a conflicting reading as its current value."""
    series = get_object_or_404(_series_qs(request), code=request.POST.get("series", ""))
    at = parse_datetime(request.POST.get("time", ""))
    try:
        revision = int(request.POST.get("revision", ""))
        latest = int(request.POST.get("latest", ""))
        if at is None:
            raise ValueError(_("time: not a date and time."))
        services.resolve_conflict(series, at, revision, actor=request.user,
                                  reason=request.POST.get("reason", ""), latest=latest)
    except (PermissionDenied, services.ConflictChangedError, ValueError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Revision %(revision)s of %(series)s is now current.")
                         % {"revision": revision, "series": series.code})
    return redirect("water:conflicts")


# --- agreements, season limits and plans ---------------------------------------------------


@require_safe
def agreements(request: HttpRequest) -> HttpResponse:
    """Every agreement with its season limits, newest first."""
    return render(request, "water/agreement_list.html", {
        "agreements": Agreement.objects.prefetch_related("limits__side", "limits__site"),
        "can_add": allocation.can_keep_agreements(request.user),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    if not allocation.can_keep_agreements(request.user):
        raise PermissionDenied(_("Agreements and their limits are kept by the secretariats."))
    form = AgreementForm(request.POST or None)
    return save_form(
        request, form, lambda d: allocation.create_agreement(
            {k: v for k, v in d.items() if k != "version"}, actor=request.user),
        template="water/form.html", context={"title": _("New water agreement")},
        success=_("Saved."))


@require_safe
def agreement_detail(request: HttpRequest, code: str) -> HttpResponse:
    agreement = get_object_or_404(Agreement, code=code)
    return render(request, "water/agreement_detail.html", {
        "agreement": agreement,
        "limits": agreement.limits.select_related("side", "site").prefetch_related("plans"),
        "can_edit": can(request.user, Action.CHANGE, agreement),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_edit(request: HttpRequest, code: str) -> HttpResponse:
    agreement = get_object_or_404(Agreement, code=code)
    require(request.user, Action.CHANGE, agreement)
    form = AgreementForm(request.POST or None, instance=Agreement.objects.get(pk=agreement.pk))
    return save_form(
        request, form, lambda d: allocation.update_agreement(
            agreement, form.changes(), actor=request.user, expected_version=d["version"]),
        template="water/form.html",
        context={"title": _("Edit %(name)s") % {"name": agreement.title}}, success=_("Saved."))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def limit_create(request: HttpRequest, code: str) -> HttpResponse:
    agreement = get_object_or_404(Agreement, code=code)
    require(request.user, Action.CHANGE, agreement)
    form = SeasonLimitForm(request.POST or None, agreement=agreement,
                           initial={"version": agreement.version})
    return save_form(
        request, form, lambda d: allocation.add_limit(
            agreement, form.changes(), actor=request.user, expected_version=d["version"]),
        template="water/form.html",
        context={"title": _("New season limit under %(name)s") % {"name": agreement.title}},
        success=_("Saved."))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def limit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    limit = get_object_or_404(SeasonLimit.objects.select_related("agreement"), pk=pk)
    require(request.user, Action.CHANGE, limit.agreement)
    form = SeasonLimitForm(request.POST or None, instance=SeasonLimit.objects.get(pk=pk),
                           agreement=limit.agreement)
    return save_form(
        request, form, lambda d: allocation.update_limit(
            limit, form.changes(), actor=request.user, expected_version=d["version"]),
        template="water/form.html", context={"title": _("Edit the season limit")},
        success=_("Saved."))


def _limit_context(request: HttpRequest, limit: SeasonLimit, **forms_shown) -> dict:
    use = allocation.season_use(limit, series_qs=_series_qs(request))
    editable = allocation.can_keep_plans(request.user, limit)
    plans_form = forms_shown.get("plans_form")
    if editable and plans_form is None:
        plans_form = PlansForm(limit=limit)

    def row(line):
        return {"line": line, "field": plans_form[line.period] if plans_form else None,
                "status": bulletin.status_label(line.status)
                if line.planned_mm3 is not None else ""}

    grid = [(row(m), [row(line) for line in use.lines if line.period[:7] == m.period])
            for m in use.months]
    return {"limit": limit, "use": use, "grid": grid, "plans_form": plans_form,
            "can_edit_plans": editable,
            "can_edit_limit": can(request.user, Action.CHANGE, limit.agreement)}


@require_safe
def limit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A season limit: per month its plan, the sum of its dekada plans and the actual; per
    dekada plan against actual; the form to change the plans for those who keep them."""
    limit = get_object_or_404(SeasonLimit.objects.select_related(
        "agreement", "side", "site__side"), pk=pk)
    return render(request, "water/limit_detail.html", _limit_context(request, limit))


@login_required
@require_POST
def limit_plans(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the plans of a limit as entered (all or none), checked against the limit's version."""
    limit = get_object_or_404(SeasonLimit.objects.select_related(
        "agreement", "side", "site__side"), pk=pk)
    require(request.user, Action.CHANGE_SIDE, limit, side_id=limit.side_id)
    form = PlansForm(request.POST, limit=limit)
    return save_form(
        request, form, lambda d: allocation.set_plans(
            limit, form.volumes(), actor=request.user, expected_version=d["version"],
            provenance=d["provenance"], reason=d["reason"]),
        template="water/limit_detail.html", form_name="plans_form",
        context=lambda **shown: _limit_context(request, limit, **shown),
        success=_("Plans saved."))
