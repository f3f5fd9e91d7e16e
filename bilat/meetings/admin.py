from django.contrib import admin

from bilat.accounts.admin import AuditedAdmin

from .models import AgendaItem, Attendance, Meeting, Protocol, ProtocolParagraph


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["body", "number", "held_on", "city", "access_tier", "provenance"]
    list_filter = ["body", "access_tier"]
    filter_horizontal = ["co_chairs"]


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedAdmin):
    list_display = ["meeting", "number", "title_en", "sector"]
    list_filter = ["meeting"]


@admin.register(Attendance)
class AttendanceAdmin(AuditedAdmin):
    list_display = ["meeting", "person", "side", "role_en"]
    list_filter = ["meeting", "side"]
    raw_id_fields = ["person"]


@admin.register(Protocol)
class ProtocolAdmin(AuditedAdmin):
    list_display = ["meeting", "document_number", "signed_on", "signed_language", "access_tier"]


@admin.register(ProtocolParagraph)
class ProtocolParagraphAdmin(AuditedAdmin):
    list_display = ["protocol", "number", "order"]
    list_filter = ["protocol"]
