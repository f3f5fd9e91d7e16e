"""Pages of the targets app."""

from django.urls import path

from . import views

app_name = "targets"

urlpatterns = [
    path("", views.target_list, name="list"),
    path("new/", views.target_create, name="create"),
    path("<int:pk>/", views.target_detail, name="detail"),
    path("<int:pk>/edit/", views.target_edit, name="edit"),
    path("<int:pk>/actuals/new/", views.actual_value_create, name="actual_create"),
    path("themes/", views.theme_list, name="themes"),
    path("themes/new/", views.theme_create, name="theme_create"),
    path("themes/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
]
