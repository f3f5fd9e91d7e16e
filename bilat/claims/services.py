"""Writes of the claims app: a document stored with its claims and verdicts (logged, policy-checked).

Who may do what (docs/claims.md): a secretariat (or an administrator) adds a document and has
it checked again (``Action.ADD`` / ``Action.CHANGE``); everyone reads documents and their claims
by the document's access tier, like any other record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, AnyUser, reader_of, require, visible
from bilat.core.changelog import record_change, snapshot
from bilat.core.services import create_record

from .checker import CheckedClaim, check_claims
from .consistency import EarlierRelease
from .extract import Claim as Extracted
from .extract import extract_claims
from .facts import DataFacts
from .messages import LANGUAGES, render
from .models import Claim, Document
from .reading import FORMATS, detect_language, guess_format, read_document


@dataclass(frozen=True)
class Upload:
    """What a reader of a release is given: its bytes, its name, what the user says of it."""

    data: bytes
    name: str = ""
    format: str | None = None
    title: str = ""
    publisher: str = ""
    published_on: date | None = None
    address: str = ""
    language: str | None = None
    reporter: str = ""
    access_tier: str = "public"


def read_upload(upload: Upload):
    """The release read from its bytes; a clear error naming the field when it cannot be."""
    if upload.format and upload.format not in FORMATS:
        raise ValidationError({"source_format": _("Choose one of: %(list)s.") % {
            "list": ", ".join(FORMATS)}})
    if not upload.data:
        raise ValidationError({"file": _("The file is empty.")})
    kind = upload.format or guess_format(upload.name, upload.data)
    try:
        doc = read_document(upload.data, name=upload.name, format=kind)
    except Exception as exc:  # a reader's own error: a broken Word or PDF file
        raise ValidationError({"file": _("This file could not be read as %(format)s: %(error)s")
                               % {"format": dict(Document.Format.choices)[kind],
                                  "error": exc}}) from exc
    if not doc.text.strip():
        raise ValidationError({"file": _("No text could be read from this file (a scanned PDF "
                                         "has no text layer).")})
    published = upload.published_on or doc.published
    if published is None:
        raise ValidationError({"published_on": _(
            "The release gives no date of publication: give it (relative periods such as "
            "\"last year\" are read against it).")})
    return doc, published


def earlier_releases(published: date, *, user: AnyUser, exclude: int | None = None
                     ) -> list[EarlierRelease]:
    """The stored releases published before a date, with their claims, as ``user`` sees them."""
    documents = visible(user, Document.objects.filter(published_on__lt=published))
    if exclude:
        documents = documents.exclude(pk=exclude)
    out = []
    for d in documents.prefetch_related("claims"):
        claims = [Extracted(c.indicator, c.value, c.unit, c.period, c.base_period or None,
                            c.qualifier, list(c.countries), c.text, c.start, c.end)
                  for c in d.claims.all()]
        out.append(EarlierRelease(f"{d.title} ({d.publisher or 'stored'})", d.published_on,
                                  claims))
    return out


def check_text(text: str, *, published: date, lang: str | None = None, reporter: str = "",
               tier: str = "public", exclude: int | None = None, reader: AnyUser = None,
               warehouse=None) -> list[CheckedClaim]:
    """Extract a release's claims and check them against the data and the stored releases a
    reader of ``tier`` (or ``reader``) may see (what the command and the service both run)."""
    lang = lang or detect_language(text)
    claims = extract_claims(text, published=published, lang=lang)
    reader = reader if reader is not None else reader_of(tier)
    facts = DataFacts(reader=reader, warehouse=warehouse)
    earlier = earlier_releases(published, user=reader, exclude=exclude)
    return check_claims(claims, text=text, facts=facts, reporter=reporter or None,
                        earlier=earlier)


def _store_claims(document: Document, checked: list[CheckedClaim], *, actor: User | None,
                  reason: str) -> None:
    for position, c in enumerate(checked):
        claim = Claim(document=document, position=position, **{
            k: v for k, v in c.claim.as_dict().items() if k != "base_period"},
            base_period=c.claim.base_period or "", verdict=c.verdict,
            explanation=c.explanation, findings=c.findings, message=c.message)
        claim.full_clean(exclude=["document"])
        claim.save()
    record_change(document, action="check", actor=actor, before=None,
                  after=snapshot(document, extra={"claims": [
                      {**c.claim.as_dict(), "verdict": c.verdict} for c in checked]}),
                  message=reason)


@transaction.atomic
def add_document(upload: Upload, *, actor: User, reason: str = "", warehouse=None) -> Document:
    """Read a release, store it, and store its claims with their verdicts (secretariat)."""
    require(actor, Action.ADD)
    doc, published = read_upload(upload)
    language = upload.language or doc.lang
    if language not in Document.Lang.values:
        raise ValidationError({"language": _("Choose en or ru.")})
    document = Document(
        title=(upload.title or doc.title)[:300], text=doc.text, source_format=doc.format,
        file_name=upload.name[:255], publisher=upload.publisher, published_on=published,
        address=upload.address, language=language, reporter=upload.reporter,
        access_tier=upload.access_tier, checked_at=timezone.now(),
    )
    document = create_record(document, actor=actor, reason=reason)
    checked = check_text(document.text, published=published, lang=language,
                         reporter=upload.reporter, tier=document.access_tier,
                         exclude=document.pk, warehouse=warehouse)
    _store_claims(document, checked, actor=actor, reason=reason)
    return document


@transaction.atomic
def recheck_document(document: Document, *, actor: User, reason: str = "",
                     warehouse=None) -> Document:
    """Check a stored release again against today's data and releases (secretariat)."""
    require(actor, Action.CHANGE, document)
    document = Document.objects.select_for_update().get(pk=document.pk)
    checked = check_text(document.text, published=document.published_on,
                         lang=document.language, reporter=document.reporter,
                         tier=document.access_tier, exclude=document.pk, warehouse=warehouse)
    document.claims.all().delete()
    document.checked_at = timezone.now()
    document.version += 1
    document.save(update_fields=["checked_at", "version", "updated_at"])
    _store_claims(document, checked, actor=actor, reason=reason)
    return document


def flagged_claims(user: AnyUser):
    """Claims of the documents ``user`` may see whose verdict is not consistent."""
    return visible(user, Claim.objects.select_related("document")).filter(
        verdict__in=("inconsistent", "differs_by_reporter"))


NOTE_CHECKS = ("two_values", "parts_sum", "growth", "denominator", "data", "earlier_release")


def release_notes(*, as_of: date, user: AnyUser, pair: tuple[str, ...] = ()) -> list[dict]:
    """What the checker flags in the latest release ``user`` may see published by ``as_of``
    (about the commission's ``pair`` of countries, when given: a claim names both), checked
    again now against the data ``user`` may see: one note per distinct finding that is
    inconsistent or differs by reporter, in the order of the claims (the briefing pack's data
    notes, frozen with its snapshot)."""
    documents = visible(user, Document.objects.filter(published_on__lte=as_of)).order_by(
        "-published_on", "-pk").prefetch_related("claims")
    document = next((d for d in documents if not pair or any(
        set(pair) <= set(c.countries) for c in d.claims.all())), None)
    if document is None:
        return []
    checked = check_text(document.text, published=document.published_on,
                         lang=document.language, reporter=document.reporter,
                         exclude=document.pk, reader=user)
    source = f"{document.publisher or document.title}, {document.published_on:%d %b %Y}"
    seen: dict[str, dict] = {}
    for claim in checked:
        for f in claim.findings:
            if f["check"] in NOTE_CHECKS and f["verdict"] in ("inconsistent",
                                                              "differs_by_reporter"):
                seen.setdefault(f["explanation"], f["message"])
    return [{"key": f"claims.note.{i:02d}", "text": text, "source": source,
             # In another language than the release's, a note gives where the release says
             # it, not its words: a pack's paragraph cannot mark them as the release's language.
             "texts": {lang: render(message, lang, quotes=lang == document.language[:2])
                       for lang in LANGUAGES},
             "link": document.get_absolute_url()} for i, (text, message) in enumerate(seen.items())]
