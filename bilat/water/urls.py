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
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
]
