"""The admin, for reference data: every save and delete asks the policy and is logged."""

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bilat.core.changelog import record_change, snapshot
from bilat.core.models import ChangeLogEntry, Versioned

from .models import FailedSignIn, Membership, Profile
from .policy import Action, can
from .services import lift_lockout


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose writes go through the access policy and into the change log, and move
    the version of a versioned record (so that an editor holding the old one is refused)."""

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
        if change and isinstance(obj, Versioned):
            obj.version += 1
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
    list_display = ["user", "role", "side", "organisation", "commission"]
    list_filter = ["role", "side", "commission"]
    autocomplete_fields = ["organisation"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "commission", "role", "side", "organisation"]
    list_filter = ["commission", "role", "side"]
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


# django-axes' own list of attempts would let an administrator delete them unlogged: bilat's
# list below lifts lockouts through the logged service instead.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)


@admin.register(FailedSignIn)
class FailedSignInAdmin(admin.ModelAdmin):
    """Failed sign-ins per account and address; an administrator lifts a lockout from here."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info",
                    "user_agent"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    readonly_fields = list_display
    exclude = ["get_data", "post_data", "http_accept"]
    actions = ["lift_account_lockouts", "lift_address_lockouts"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # cleared only by the actions below, which log what they clear

    def has_lift_permission(self, request):
        return can(request.user, Action.LIFT_LOCKOUT)

    def _lift(self, request, field: str, values: set) -> None:
        cleared = sum(lift_lockout(actor=request.user, **{field: v}) for v in sorted(values) if v)
        self.message_user(request, ngettext(
            "Lifted: %(count)d record of failed sign-ins cleared.",
            "Lifted: %(count)d records of failed sign-ins cleared.", cleared,
        ) % {"count": cleared}, messages.SUCCESS)

    @admin.action(description=_("Lift the lockout of these accounts"), permissions=["lift"])
    def lift_account_lockouts(self, request, queryset):
        self._lift(request, "username", set(queryset.values_list("username", flat=True)))

    @admin.action(description=_("Lift the lockout of these addresses"), permissions=["lift"])
    def lift_address_lockouts(self, request, queryset):
        self._lift(request, "ip_address", set(queryset.values_list("ip_address", flat=True)))
