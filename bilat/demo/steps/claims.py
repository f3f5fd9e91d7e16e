"""Store the release of the 21st session as a document, its claims checked against the demo."""

from __future__ import annotations

from bilat.claims.models import Document
from bilat.claims.scoring import CORPUS
from bilat.claims.services import Upload, add_document

from .common import RELEASE_REASON, DemoRun

# The real release (primeminister.kz, 12 July 2024), as in /work/shared/reference and the corpus.
RELEASE = CORPUS / "igc21-en.txt"
ADDRESS = "https://primeminister.kz/en/news/igc21-2024-07-12"


def load(run: DemoRun) -> None:
    """The release once: a second run finds it by its address and leaves it as it is."""
    document = Document.objects.filter(address=ADDRESS).first()
    if document is None:
        document = add_document(Upload(
            data=RELEASE.read_bytes(), name=RELEASE.name, publisher="primeminister.kz",
            address=ADDRESS, language="en", reporter="KZ", access_tier="public",
        ), actor=run.actor, reason=RELEASE_REASON)
    flagged = document.claims.filter(verdict__in=("inconsistent", "differs_by_reporter"))
    run.note(f"1 release, {document.claims.count()} claims, {flagged.count()} flagged")
