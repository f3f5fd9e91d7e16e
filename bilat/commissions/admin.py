from django.contrib import admin

from bilat.accounts.admin import AuditedAdmin

from .models import Commission, CommissionSide


@admin.register(Commission)
class CommissionAdmin(AuditedAdmin):
    list_display = ["code", "name_en", "region_name_en", "languages", "order"]
    search_fields = ["code", "name_en", "name_ru"]


@admin.register(CommissionSide)
class CommissionSideAdmin(AuditedAdmin):
    list_display = ["commission", "position", "side", "statistics_basis", "statistics_office_en"]
    list_filter = ["commission"]
