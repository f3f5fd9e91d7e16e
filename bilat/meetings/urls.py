from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path("<int:pk>/attendance/add/", views.attendance_add, name="attendance_add"),
    path("<int:pk>/paragraphs/add/", views.paragraph_add, name="paragraph_add"),
    path("agenda/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda/<int:pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("attendance/<int:pk>/edit/", views.attendance_edit, name="attendance_edit"),
    path("attendance/<int:pk>/remove/", views.attendance_remove, name="attendance_remove"),
    path("paragraphs/<int:pk>/edit/", views.paragraph_edit, name="paragraph_edit"),
    path("paragraphs/<int:pk>/remove/", views.paragraph_remove, name="paragraph_remove"),
]
