"""Pages of the projects app."""

from django.urls import path

from bilat.core.sheets import views as sheet_views

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("portfolio/<slug:code>/record/", views.portfolio_record, name="portfolio_record"),
    path("export/", sheet_views.sheet_export, {"sheet": "projects"}, name="export"),
    path("import/", sheet_views.sheet_import, {"sheet": "projects"}, name="import"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/progress/", views.project_progress, name="progress"),
    path("<int:pk>/partners/add/", views.partner_add, name="partner_add"),
    path("partners/<int:pk>/remove/", views.partner_remove, name="partner_remove"),
    path("<int:pk>/locations/add/", views.location_add, name="location_add"),
    path("locations/<int:pk>/edit/", views.location_edit, name="location_edit"),
    path("<int:pk>/milestones/add/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/status/", views.milestone_status, name="milestone_status"),
]
