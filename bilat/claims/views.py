"""Pages of the claims app: the documents, a document with its claims highlighted, the flagged
claims across documents, adding a release and checking it again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, visible
from bilat.core.views import list_page

from . import services
from .filters import ClaimFilterSet, DocumentFilterSet
from .forms import DocumentForm
from .models import FLAGGED, Claim, Document

# Lazy: the labels are worded in each request's language, not the one active at import.
VERDICT_LABELS = {
    "consistent": gettext_lazy("consistent"),
    "differs_by_reporter": gettext_lazy("differs by reporter"),
    "inconsistent": gettext_lazy("inconsistent"), "not_checkable": gettext_lazy("not checkable"),
}


def highlighted(text: str, claims: list[Claim]) -> list[SafeString]:
    """The text as paragraphs of HTML, each claim's figure in a ``<mark>`` of its verdict's
    class, numbered and linked to its verdict below (no script needed)."""
    marks = sorted((c for c in claims if 0 <= c.start < c.end <= len(text)),
                   key=lambda c: c.start)
    out, last, pieces = [], 0, []
    for c in marks:
        if c.start < last:
            continue  # overlapping spans: the first one is marked
        pieces.append(escape(text[last:c.start]))
        label = VERDICT_LABELS.get(c.verdict, c.verdict)
        pieces.append(
            f'<mark class="claim verdict-{c.verdict}" id="mention-{c.position}">'
            f'{escape(text[c.start:c.end])}<sup><a href="#claim-{c.position}" '
            f'aria-label="{escape(_("claim %(n)s: %(verdict)s") % {"n": c.position + 1, "verdict": label})}">'
            f'{c.position + 1}</a></sup></mark>')
        last = c.end
    pieces.append(escape(text[last:]))
    for paragraph in "".join(pieces).split("\n"):
        if paragraph.strip():
            out.append(mark_safe(paragraph))  # noqa: S308 - every piece escaped above
    return out


def _visible_document(request: HttpRequest, pk: int) -> Document:
    return get_object_or_404(visible(request.user, Document.objects.all()), pk=pk)


def document_list(request: HttpRequest) -> HttpResponse:
    """The stored releases the user may see, with how many of their claims are flagged."""
    documents = visible(request.user, Document.objects.all()).annotate(
        claim_count=Count("claims"),
        flagged_count=Count("claims", filter=Q(claims__verdict__in=FLAGGED)))
    return list_page(
        request, documents, template="claims/document_list.html",
        filterset_class=DocumentFilterSet,
        sort_options={"published": "published_on", "title": "title", "flagged": "flagged_count"},
        default_sort="-published",
        context={"can_add": can(request.user, Action.ADD)},
    )


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A release with its claims highlighted in the text and the verdict of each."""
    document = _visible_document(request, pk)
    claims = list(document.claims.all())
    counts = {v: sum(1 for c in claims if c.verdict == v) for v in VERDICT_LABELS}
    return render(request, "claims/document_detail.html", {
        "document": document, "claims": claims, "paragraphs": highlighted(document.text, claims),
        "counts": [(VERDICT_LABELS[v], v, n) for v, n in counts.items()],
        "verdict_labels": VERDICT_LABELS,
        "can_change": can(request.user, Action.CHANGE, document),
    })


def flagged_list(request: HttpRequest) -> HttpResponse:
    """Claims across the documents the user may see whose verdict is not consistent (by
    default), filtered by verdict, indicator, period, publisher and date."""
    claims = visible(request.user, Claim.objects.select_related("document"))
    if not request.GET.get("verdict"):
        claims = claims.filter(verdict__in=FLAGGED)
    return list_page(
        request, claims, template="claims/flagged_list.html", filterset_class=ClaimFilterSet,
        sort_options={"published": ("-document__published_on", "position"),
                      "indicator": "indicator", "verdict": "verdict"},
        default_sort="published",
        context={"verdict_labels": VERDICT_LABELS},
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    """Add a release (secretariat): it is read, stored and checked at once."""
    require(request.user, Action.ADD)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = services.Upload(
            data=d["file"].read(), name=d["file"].name, title=d["title"],
            publisher=d["publisher"], published_on=d["published_on"], address=d["address"],
            language=d["language"] or None, reporter=d["reporter"].upper(),
            access_tier=d["access_tier"])
        try:
            document = services.add_document(upload, actor=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The release was stored and its claims checked."))
            return redirect(document)
    return render(request, "claims/document_form.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def document_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    """Check a stored release again against today's data and releases (secretariat)."""
    document = _visible_document(request, pk)
    services.recheck_document(document, actor=request.user,
                              reason=request.POST.get("reason", ""))
    messages.success(request, _("The claims were checked again."))
    return redirect(document)
