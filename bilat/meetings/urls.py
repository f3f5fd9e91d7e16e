from django.urls import path

from . import scan_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/agenda/add/", views.part_add, {"part": "agenda"}, name="agenda_item_add"),
    path("<int:pk>/attendance/add/", views.part_add, {"part": "attendance"},
         name="attendance_add"),
    path("<int:pk>/paragraphs/add/", views.part_add, {"part": "paragraph"}, name="paragraph_add"),
    path("agenda/<int:pk>/edit/", views.part_edit, {"part": "agenda"}, name="agenda_item_edit"),
    path("agenda/<int:pk>/remove/", views.part_remove, {"part": "agenda"},
         name="agenda_item_remove"),
    path("attendance/<int:pk>/edit/", views.part_edit, {"part": "attendance"},
         name="attendance_edit"),
    path("attendance/<int:pk>/remove/", views.part_remove, {"part": "attendance"},
         name="attendance_remove"),
    path("paragraphs/<int:pk>/edit/", views.part_edit, {"part": "paragraph"},
         name="paragraph_edit"),
    path("paragraphs/<int:pk>/remove/", views.part_remove, {"part": "paragraph"},
         name="paragraph_remove"),
    path("<int:pk>/protocol/scan/", scan_views.scan_attach, name="scan_attach"),
    path("scans/<int:pk>/", scan_views.scan_download, name="scan"),
]
