"""Page plumbing every app uses: filtered, sorted, paginated lists; the change log pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework.exceptions import NotFound

from .changelog import may_read_whole_log, verify_chain
from .filters import ChangeLogFilterSet
from .models import ChangeLogEntry

PAGE_SIZES = (25, 50, 100)


def list_page(
    request: HttpRequest,
    queryset,
    *,
    template: str,
    filterset_class=None,
    sort_options: dict[str, str | tuple[str, ...]],
    default_sort: str,
    context: dict | None = None,
    partial: str = "results",
) -> HttpResponse:
    """Render a list with the filters, sort and page asked for in the query string.

    An htmx request gets only the ``results`` partial of the same template, so the page works
    the same with and without JavaScript. A bad filter value answers 400 with the form showing
    the error next to its field, and no records (a list that ignored the filter would mislead).
    """
    filterset = None
    status = 200
    if filterset_class is not None:
        filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
        if filterset.is_bound and not filterset.is_valid():
            queryset, status = queryset.none(), 400
        else:
            queryset = filterset.qs
    sort = request.GET.get("sort", default_sort)
    key = sort.lstrip("-")
    if key not in sort_options:
        sort, key = default_sort, default_sort.lstrip("-")
    order = sort_options[key]
    order = (order,) if isinstance(order, str) else order
    if sort.startswith("-"):
        order = tuple(o[1:] if o.startswith("-") else "-" + o for o in order)
    # Empty values go last either way: SQLite puts NULL first and PostgreSQL last by default, so
    # a standing decision (no due date) would head the list on one database and close it on the
    # other.
    order = tuple(
        F(o[1:]).desc(nulls_last=True) if o.startswith("-") else F(o).asc(nulls_last=True)
        for o in order
    )
    queryset = queryset.order_by(*order, "pk" if not sort.startswith("-") else "-pk")
    try:
        per_page = int(request.GET.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        per_page = PAGE_SIZES[0]
    per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    ctx = {
        "filterset": filterset,
        "page": page,
        "object_list": page.object_list,
        "sort": sort,
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "page_sizes": PAGE_SIZES,
        **(context or {}),
    }
    is_fragment = getattr(request, "htmx", False) and not request.htmx.boosted
    # A TemplateResponse, so a page may serve it from a cache (bilat.briefings.pagecache).
    return TemplateResponse(request, f"{template}#{partial}" if is_fragment else template, ctx,
                            status=status)


@login_required
def changelog_list(request: HttpRequest) -> HttpResponse:
    """The whole change log, newest first, filterable by object type, action and channel."""
    if not may_read_whole_log(request.user):
        raise PermissionDenied(_(
            "The whole change log is open to the secretariats; each record's page shows its "
            "own history, and anyone signed in can verify the chain."
        ))
    return list_page(
        request,
        ChangeLogEntry.objects.select_related("actor"),
        template="core/changelog_list.html",
        filterset_class=ChangeLogFilterSet,
        sort_options={"seq": "seq"},
        default_sort="-seq",
    )


@login_required
def changelog_verify(request: HttpRequest) -> HttpResponse:
    """Check the hash chain and show the result."""
    return render(request, "core/changelog_verify.html", {"report": verify_chain()})


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A 404: under /api/ in the API's error shape (JSON), elsewhere the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)
