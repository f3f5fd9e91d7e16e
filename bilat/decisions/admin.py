from django.contrib import admin

from bilat.accounts.admin import AuditedAdmin

from .models import (
    DeadlineExtension,
    Decision,
    DecisionSide,
    EvidenceFile,
    ExecutionReport,
    Notification,
    ReminderLog,
)


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ["control_number", "title_en", "sector", "access_tier", "deadline_type",
                    "due_on", "control_state", "provenance"]
    list_filter = ["control_state", "access_tier", "deadline_type", "source_kind", "sector"]
    search_fields = ["control_number", "title_en", "title_ru"]
    raw_id_fields = ["meeting", "paragraph", "removed_by"]


@admin.register(DecisionSide)
class DecisionSideAdmin(AuditedAdmin):
    list_display = ["decision", "side", "lead", "status", "due_on"]
    list_filter = ["side", "status"]
    raw_id_fields = ["decision", "lead"]
    filter_horizontal = ["co_executors"]


@admin.register(ExecutionReport)
class ExecutionReportAdmin(AuditedAdmin):
    list_display = ["decision_side", "as_of", "submitted_by", "verification", "verified_by"]
    list_filter = ["verification"]
    raw_id_fields = ["decision_side", "submitted_by", "verified_by"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(AuditedAdmin):
    list_display = ["original_name", "report", "size", "content_type"]
    raw_id_fields = ["report"]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(AuditedAdmin):
    list_display = ["decision_side", "proposed_on", "previous_due_on", "state", "decided_by"]
    list_filter = ["state"]
    raw_id_fields = ["decision_side", "requested_by", "decided_by"]


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ["user", "decision", "created_at", "read_at"]
    raw_id_fields = ["user", "decision"]


@admin.register(ReminderLog)
class ReminderLogAdmin(AuditedAdmin):
    list_display = ["decision_side", "threshold", "due_on", "sent_at"]
    list_filter = ["threshold"]
    raw_id_fields = ["decision_side"]
