from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:code>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:code>/edit/", views.organisation_edit, name="organisation_edit"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
