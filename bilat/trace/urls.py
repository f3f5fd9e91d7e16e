from django.urls import path

from . import views

app_name = "trace"

urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("<str:kind>/<int:pk>/", views.record_page, name="record"),
]
