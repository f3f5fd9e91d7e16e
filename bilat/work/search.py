"""Search from the top bar: meetings, decisions, protocol paragraphs, projects, organisations and
protocols (the commission's documents), in English and Russian, grouped by kind.

Every kind starts from ``policy.visible``, so the public finds public records only. On PostgreSQL
the words are matched with full-text search (the ``simple`` configuration, which neither stems nor
drops words, so Russian and English are treated alike) and ranked; a substring match is added so
that a code ("IGC21-04") or a part of a name ("Дарбаза" in "Дарбаза–Мактаарал") is found too. On
SQLite, whose LIKE folds only ASCII letters, the fallback tries the spellings a user types
(as typed, lower case, capitalised, upper case).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilat.accounts.policy import visible
from bilat.decisions.models import Decision
from bilat.directory.models import Organisation
from bilat.meetings.models import Meeting, Protocol, ProtocolParagraph
from bilat.projects.models import Project

MIN_LENGTH = 2
PER_KIND = 20


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type[Model]
    fields: tuple[str, ...]
    related: tuple[str, ...] = ()


KINDS = (
    Kind("meetings", _("Meetings"), Meeting, ("city", "place_en", "place_ru")),
    Kind("decisions", _("Decisions"), Decision,
         ("control_number", "title_en", "title_ru", "text_en", "text_ru"), ("meeting",)),
    Kind("paragraphs", _("Protocol paragraphs"), ProtocolParagraph,
         ("number", "text_en", "text_ru"), ("protocol__meeting",)),
    Kind("projects", _("Projects"), Project,
         ("code", "title_en", "title_ru", "description_en", "description_ru",
          "locations__region_en", "locations__region_ru", "locations__place_en",
          "locations__place_ru"), ()),
    Kind("organisations", _("Organisations"), Organisation,
         ("code", "short_name", "short_name_ru", "name_en", "name_ru"), ("side",)),
    Kind("documents", _("Protocols"), Protocol,
         ("document_number", "title_en", "title_ru", "signed_place_en", "signed_place_ru"),
         ("meeting",)),
)


@dataclass
class Group:
    key: str
    label: str
    hits: list = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    detail: str = ""


def spellings(text: str) -> list[str]:
    """The spellings tried where the database folds only ASCII case (SQLite)."""
    return list(dict.fromkeys([text, text.lower(), text.capitalize(), text.upper(), text.title()]))


def _substring(fields, text: str) -> Q:
    forms = spellings(text) if connection.vendor == "sqlite" else [text]
    return reduce(or_, (Q(**{f"{f}__icontains": s}) for f in fields for s in forms))


def matching(kind: Kind, user, text: str) -> QuerySet:
    """The records of ``kind`` that ``user`` may see and that match ``text``."""
    queryset = kind.model.objects.all()
    if hasattr(kind.model, "access_tier"):
        queryset = visible(user, queryset)
    condition = _substring(kind.fields, text)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        own = [f for f in kind.fields if "__" not in f]
        vector = SearchVector(*own, config="simple")
        query = SearchQuery(text, config="simple", search_type="websearch")
        ids = kind.model.objects.annotate(_search=vector).filter(_search=query).values("pk")
        condition |= Q(pk__in=ids)
    queryset = queryset.filter(condition)
    if kind.related:
        queryset = queryset.select_related(*kind.related)
    return queryset.distinct()


def _hit(kind: str, record) -> Hit:
    if kind == "meetings":
        return Hit(str(record), record.get_absolute_url(), record.place)
    if kind == "decisions":
        return Hit(f"{record.control_number} — {record.title}", record.get_absolute_url(),
                   str(record.meeting) if record.meeting else "")
    if kind == "paragraphs":
        meeting = record.protocol.meeting
        return Hit(f"{meeting} · {record.number}", meeting.get_absolute_url() + "#paragraphs",
                   (record.text or "")[:200])
    if kind == "projects":
        return Hit(f"{record.code} — {record.title}", reverse("projects:detail", args=[record.pk]))
    if kind == "organisations":
        short = record.abbreviation
        url = reverse("decisions:list") + "?" + urlencode({"lead": record.pk})
        return Hit(f"{short} — {record.name}", url, record.side.code if record.side else "")
    return Hit(str(record), record.meeting.get_absolute_url(), record.document_number)


def search(user, text: str, *, per_kind: int = PER_KIND) -> list[Group]:
    """The records matching ``text`` that ``user`` may see, grouped by kind (empty kinds left out)."""
    text = " ".join((text or "").split())
    if len(text) < MIN_LENGTH:
        return []
    groups = []
    for kind in KINDS:
        records = list(matching(kind, user, text)[:per_kind])
        if records:
            groups.append(Group(kind.key, kind.label, [_hit(kind.key, r) for r in records]))
    return groups
