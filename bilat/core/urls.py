from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("changes/", views.changelog_list, name="changelog"),
    path("changes/verify/", views.changelog_verify, name="changelog_verify"),
]
