"""Admin for portfolio rules and figures (reference data: writes are checked and logged)."""

from django.contrib import admin

from bilat.accounts.admin import AuditedAdmin

from .models import PortfolioFigure, PortfolioRule


@admin.register(PortfolioRule)
class PortfolioRuleAdmin(AuditedAdmin):
    list_display = ["code", "title_en", "jobs_basis", "value_basis", "as_of"]
    search_fields = ["code", "title_en", "title_ru"]


@admin.register(PortfolioFigure)
class PortfolioFigureAdmin(AuditedAdmin):
    list_display = ["rule", "origin", "as_of", "project_count", "value_usd", "jobs", "reported_on",
                    "access_tier"]
    list_filter = ["origin", "rule", "access_tier"]
