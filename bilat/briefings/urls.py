from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("", views.snapshot_list, name="list"),
    path("map/", views.project_map, name="map"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("snapshots/<int:pk>/download/", views.snapshot_download, name="snapshot_download"),
    path("meetings/<int:meeting_pk>/download/", views.briefing_download, name="download"),
]
