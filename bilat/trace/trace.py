"""The trace: from a protocol paragraph to the decisions it made, the projects they launched, the
targets they set and the actual values and snapshots that measure them — and back from any of
these to the paragraph and its session.

Every step goes through ``policy.visible``: a trace never names a record its reader may not open
(a restricted decision between a public paragraph and a public project is left out, and so is
whatever can be reached only through it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from bilat.accounts.policy import shown_all, visible
from bilat.briefings.models import Snapshot
from bilat.decisions.models import Decision
from bilat.meetings.models import Meeting, ProtocolParagraph
from bilat.projects.models import Project
from bilat.targets.models import Target

KINDS = ("paragraph", "decision", "project", "target")


@dataclass
class Node:
    """One record of the chain, with what follows from it."""

    kind: str
    pk: int
    label: str
    url: str
    children: list[Node] = field(default_factory=list)
    detail: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.pk, "label": self.label, "url": self.url,
                "detail": self.detail, "children": [c.as_dict() for c in self.children]}


def _target_node(target: Target) -> Node:
    actuals = sorted(target.actual_values.all(), key=lambda a: (a.period_end, a.basis))
    latest = actuals[-1] if actuals else None
    detail = (f"{latest.period_label} · {latest.get_basis_display()}: {latest.value.normalize():,}"
              if latest else "")
    return Node("target", target.pk, str(target), reverse("targets:detail", args=[target.pk]),
                detail=detail)


def _decision_node(decision: Decision, user) -> Node:
    node = Node("decision", decision.pk, f"{decision.control_number} — {decision.title}",
                decision.get_absolute_url())
    projects = visible(user, Project.objects.filter(launched_by=decision)).order_by("code")
    node.children += [Node("project", p.pk, f"{p.code} — {p.title}",
                           reverse("projects:detail", args=[p.pk]), detail=p.get_stage_display())
                      for p in projects]
    targets = visible(user, Target.objects.filter(decision=decision)).prefetch_related(
        "actual_values")
    node.children += [_target_node(t) for t in targets]
    return node


def _paragraph_node(paragraph: ProtocolParagraph, user) -> Node:
    meeting = paragraph.protocol.meeting
    node = Node("paragraph", paragraph.pk, f"{meeting} · {paragraph.number}",
                reverse("trace:record", args=["paragraph", paragraph.pk]),
                detail=(paragraph.text or "")[:200])
    decisions = visible(user, Decision.objects.filter(paragraph=paragraph)).order_by(
        "control_number")
    node.children = [_decision_node(d, user) for d in decisions]
    return node


@dataclass
class MeetingTrace:
    meeting: Meeting
    paragraphs: list[Node]
    other_decisions: list[Node]  # decisions of the session not tied to a paragraph in bilat
    snapshots: list[Snapshot]


def meeting_trace(meeting: Meeting, user) -> MeetingTrace:
    """The whole chain of one session, paragraph by paragraph."""
    paragraphs = []
    protocol = getattr(meeting, "protocol", None)
    if protocol is not None and visible(user, type(protocol).objects.filter(pk=protocol.pk)):
        for paragraph in protocol.paragraphs.order_by("order", "pk"):
            paragraphs.append(_paragraph_node(paragraph, user))
    loose = visible(user, Decision.objects.filter(meeting=meeting, paragraph__isnull=True))
    snapshots = []
    if getattr(user, "is_authenticated", False):  # snapshots are for signed-in readers
        snapshots = list(shown_all(user, Snapshot.objects.filter(meeting=meeting).order_by(
            "-as_of", "-pk")[:20]))
    return MeetingTrace(meeting, paragraphs,
                        [_decision_node(d, user) for d in loose.order_by("control_number")],
                        snapshots)


def _up_from_decision(decision: Decision, user) -> list[Node]:
    """The paragraph and session a decision came from (as far as the reader may see)."""
    chain = []
    meeting = decision.meeting
    if meeting is not None and visible(user, Meeting.objects.filter(pk=meeting.pk)).exists():
        chain.append(Node("meeting", meeting.pk, str(meeting), meeting.get_absolute_url()))
    paragraph = decision.paragraph
    if paragraph is not None and visible(
            user, ProtocolParagraph.objects.filter(pk=paragraph.pk)).exists():
        chain.append(Node("paragraph", paragraph.pk,
                          f"{paragraph.protocol.meeting} · {paragraph.number}",
                          reverse("trace:record", args=["paragraph", paragraph.pk])))
    return chain


@dataclass
class RecordTrace:
    """Where a record comes from (up: session, paragraph, decisions) and what follows (down)."""

    record: Node
    up: list[list[Node]]  # one chain per origin (a project may be launched by several decisions)
    down: Node


def record_trace(kind: str, pk: int, user) -> RecordTrace | None:
    """The trace of one record, or None if the reader may not see it."""
    if kind == "paragraph":
        paragraph = visible(user, ProtocolParagraph.objects.select_related(
            "protocol__meeting")).filter(pk=pk).first()
        if paragraph is None:
            return None
        node = _paragraph_node(paragraph, user)
        meeting = paragraph.protocol.meeting
        return RecordTrace(node, [[Node("meeting", meeting.pk, str(meeting),
                                        meeting.get_absolute_url())]], node)
    if kind == "decision":
        decision = visible(user, Decision.objects.select_related(
            "meeting", "paragraph__protocol__meeting")).filter(pk=pk).first()
        if decision is None:
            return None
        node = _decision_node(decision, user)
        return RecordTrace(node, [_up_from_decision(decision, user)], node)
    if kind == "project":
        project = visible(user, Project.objects.all()).filter(pk=pk).first()
        if project is None:
            return None
        node = Node("project", project.pk, f"{project.code} — {project.title}",
                    reverse("projects:detail", args=[project.pk]))
        ups = []
        for decision in visible(user, project.launched_by.select_related(
                "meeting", "paragraph__protocol__meeting")).order_by("control_number"):
            ups.append([*_up_from_decision(decision, user),
                        Node("decision", decision.pk, f"{decision.control_number} — "
                             f"{decision.title}", decision.get_absolute_url())])
        return RecordTrace(node, ups, node)
    if kind == "target":
        target = visible(user, Target.objects.select_related(
            "decision__meeting", "decision__paragraph__protocol__meeting").prefetch_related(
            "actual_values")).filter(pk=pk).first()
        if target is None:
            return None
        node = _target_node(target)
        ups = []
        decision = target.decision
        if decision is not None and visible(user, Decision.objects.filter(pk=decision.pk)):
            ups.append([*_up_from_decision(decision, user),
                        Node("decision", decision.pk, f"{decision.control_number} — "
                             f"{decision.title}", decision.get_absolute_url())])
        return RecordTrace(node, ups, node)
    return None
