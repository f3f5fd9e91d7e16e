from django.urls import path

from . import scan_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("<int:pk>/attendance/add/", views.attendance_add, name="attendance_add"),
    path("<int:pk>/paragraphs/add/", views.paragraph_add, name="paragraph_add"),
    path("<int:pk>/protocol/scan/", scan_views.scan_attach, name="scan_attach"),
    path("scans/<int:pk>/", scan_views.scan_download, name="scan"),
]
