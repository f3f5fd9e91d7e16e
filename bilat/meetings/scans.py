"""The signed protocol's scan: attached by a secretariat, checked by content, logged."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, require
from bilat.core.changelog import record_change
from bilat.decisions.services import check_evidence, fitted_name

from .models import Meeting, Protocol, ProtocolScan

SCAN_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")


def check_scan(upload) -> None:
    """A scan is a PDF or a picture, checked by its first bytes (not its name) and its size."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(SCAN_EXTENSIONS):
        raise ValidationError({"scan": _("%(name)s: a scan is a PDF, PNG or JPG file.")
                               % {"name": name}})
    try:
        check_evidence(upload)
    except ValidationError as exc:
        raise ValidationError({"scan": exc.message_dict.get("evidence", exc.messages)}) from exc


@transaction.atomic
def attach_scan(meeting: Meeting, upload, *, actor) -> ProtocolScan:
    """Attach the signed protocol's scan to a meeting's protocol (a secretariat)."""
    require(actor, Action.CHANGE, meeting)
    protocol = Protocol.objects.filter(meeting=meeting).first()
    if protocol is None:
        raise ValidationError({"scan": _("Record the protocol first, then attach its scan.")})
    if upload is None:
        raise ValidationError({"scan": _("Choose the file of the scan.")})
    check_scan(upload)
    name = Path(upload.name or "").name
    scan = ProtocolScan.objects.create(
        protocol=protocol, file=File(upload, name=fitted_name(name, max_bytes=200)),
        original_name=fitted_name(name, max_chars=255), size=upload.size,
        content_type=(getattr(upload, "content_type", "") or "")[:120], uploaded_by=actor,
    )
    # The file itself is not served by URL: the log keeps what identifies it.
    record_change(scan, action="create", actor=actor, after={
        "protocol": protocol.pk, "original_name": scan.original_name, "size": scan.size,
        "content_type": scan.content_type, "file": scan.file.name})
    return scan
