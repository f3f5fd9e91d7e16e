"""The admin, for reference data: every save and delete asks the policy and is logged."""

from django.contrib import admin
from django.db import transaction

from bilat.core.changelog import record_change, snapshot
from bilat.core.models import ChangeLogEntry

from .models import Profile
from .policy import Action, can


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose writes go through the access policy and into the change log."""

    def has_add_permission(self, request):
        return can(request.user, Action.REFERENCE)

    def has_change_permission(self, request, obj=None):
        return can(request.user, Action.REFERENCE)

    def has_delete_permission(self, request, obj=None):
        return can(request.user, Action.REFERENCE)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def save_model(self, request, obj, form, change):
        request._bilat_before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_change(
            form.instance, action="update" if change else "create", actor=request.user,
            before=getattr(request, "_bilat_before", None), channel="admin",
        )

    @transaction.atomic
    def delete_model(self, request, obj):
        record_change(obj, action="delete", actor=request.user, before=snapshot(obj), channel="admin")
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin):
    list_display = ["user", "role", "side", "organisation"]
    list_filter = ["role", "side"]
    autocomplete_fields = ["organisation"]


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, even for administrators."""

    list_display = ["seq", "at", "actor_label", "channel", "action", "object_type", "object_repr"]
    list_filter = ["channel", "action", "object_type"]
    search_fields = ["object_repr", "actor_label", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
