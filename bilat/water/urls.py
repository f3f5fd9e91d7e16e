"""Pages of water accounting."""

from django.urls import path

from . import views

app_name = "water"

urlpatterns = [
    path("", views.water_overview, name="overview"),
    path("sites/<slug:code>/", views.site_detail, name="site"),
    path("bulletins/<str:period>/", views.bulletin_detail, name="bulletin"),
    path("bulletins/<str:period>/approve/", views.bulletin_approve, name="bulletin_approve"),
    path("bulletins/<str:period>/download/", views.bulletin_download, name="bulletin_download"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/resolve/", views.conflict_resolve, name="conflict_resolve"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<slug:code>/", views.agreement_detail, name="agreement"),
    path("agreements/<slug:code>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<slug:code>/limits/new/", views.limit_create, name="limit_create"),
    path("limits/<int:pk>/", views.limit_detail, name="limit"),
    path("limits/<int:pk>/edit/", views.limit_edit, name="limit_edit"),
    path("limits/<int:pk>/plans/", views.limit_plans, name="limit_plans"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
]
