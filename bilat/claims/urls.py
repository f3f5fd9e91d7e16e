"""Pages of the claims app."""

from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.document_create, name="create"),
    path("flagged/", views.flagged_list, name="flagged"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/recheck/", views.document_recheck, name="recheck"),
]
