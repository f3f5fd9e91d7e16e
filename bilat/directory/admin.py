from django.contrib import admin

from bilat.accounts.admin import AuditedAdmin

from .models import CommissionBody, Organisation, Person, Sector, Side


@admin.register(Side)
class SideAdmin(AuditedAdmin):
    list_display = ["code", "m49", "name_en", "name_ru"]


@admin.register(Sector)
class SectorAdmin(AuditedAdmin):
    list_display = ["code", "name_en", "name_ru", "order"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["code", "name_en", "kind", "side", "parent", "provenance"]
    list_filter = ["side", "kind", "provenance"]
    search_fields = ["code", "name_en", "name_ru", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["full_name_en", "position_en", "side", "organisation", "provenance"]
    list_filter = ["side", "provenance"]
    search_fields = ["full_name_en", "full_name_ru"]
    autocomplete_fields = ["organisation"]


@admin.register(CommissionBody)
class CommissionBodyAdmin(AuditedAdmin):
    list_display = ["code", "name_en", "kind", "sector", "parent", "provenance"]
    list_filter = ["kind", "provenance"]
