"""``bilat claims check FILE`` prints a release's claims with their verdicts; ``claims add``
stores it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.claims.messages import render, show
from bilat.claims.models import Document
from bilat.claims.services import Upload, add_document, check_text, read_upload
from bilat.core.models import AccessTier


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--published: {text!r} is not a date (YYYY-MM-DD).") from None


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}"
                         for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = ("Extract a press release's quantitative claims and check them against the data "
            "(check), or store the release with its checked claims (add).")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("check", "Print the claims of a release with their verdicts."),
                           ("add", "Store a release with its checked claims (secretariat).")):
            p = sub.add_parser(name, help=text)
            p.add_argument("file", metavar="FILE", help="Plain text, HTML, .docx or PDF.")
            p.add_argument("--published", type=_date, help="YYYY-MM-DD (default: the "
                           "release's dateline).")
            p.add_argument("--lang", choices=Document.Lang.values,
                           help="Default: from the text.")
            p.add_argument("--reporter", default="", help="The country whose statistics the "
                           "release should use (ISO code; default: each claim's first).")
            p.add_argument("--tier", choices=AccessTier.values, default=AccessTier.PUBLIC,
                           help="Check against what a reader of this tier may see (add: the "
                           "document's access tier).")
        check = sub.choices["check"]
        check.add_argument("--json", action="store_true", help="Print JSON.")
        check.add_argument("--explain-in", choices=("en", "ru", "kk", "uz"), default="en",
                           help="The language of the explanations (default: English).")
        add = sub.choices["add"]
        add.add_argument("--as", dest="username", required=True, help="Act as this user.")
        add.add_argument("--title", default="")
        add.add_argument("--publisher", default="")
        add.add_argument("--address", default="", help="Where it was published (URL).")
        add.add_argument("--reason", default="", help="The reason recorded in the change log.")

    def handle(self, *args: Any, **o: Any) -> None:
        path = Path(o["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from None
        upload = Upload(data=data, name=path.name, published_on=o["published"],
                        language=o["lang"], reporter=o["reporter"].upper(),
                        access_tier=o["tier"], title=o.get("title", ""),
                        publisher=o.get("publisher", ""), address=o.get("address", ""))
        try:
            if o["action"] == "add":
                self.add_release(upload, o)
            else:
                self.check_release(upload, o)
        except ValidationError as exc:
            raise CommandError(f"{path.name}: {_errors(exc)}") from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None

    def check_release(self, upload: Upload, o: dict) -> None:
        doc, published = read_upload(upload)
        checked = check_text(doc.text, published=published, lang=upload.language or doc.lang,
                             reporter=upload.reporter, tier=upload.access_tier)
        lang = o["explain_in"]
        if o["json"]:
            rows = [{**c.as_dict(), "explanation": render(c.message, lang)} for c in checked]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for c in checked:
            claim = c.claim
            self.stdout.write(f"{claim.start:>6}  {claim.indicator:<32} "
                              f"{show(claim.value, claim.unit):>14}  {claim.period:<20} "
                              f"{c.verdict}")
            self.stdout.write(f"        {render(c.message, lang)}")

    def add_release(self, upload: Upload, o: dict) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(o["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user called {o['username']!r}.") from None
        document = add_document(upload, actor=user, reason=o["reason"])
        flagged = document.claims.filter(verdict__in=("inconsistent", "differs_by_reporter"))
        self.stdout.write(f"Stored document {document.pk} ({document.title}): "
                          f"{document.claims.count()} claims, {flagged.count()} flagged.")
