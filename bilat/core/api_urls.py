from django.urls import path

from . import api_views

urlpatterns = [
    path("", api_views.ChangeLogList.as_view(), name="api-changes"),
    path("verify/", api_views.ChangeLogVerify.as_view(), name="api-changes-verify"),
]
