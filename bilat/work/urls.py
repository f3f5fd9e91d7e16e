from django.urls import path

from . import views

app_name = "work"

urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/feed/", views.calendar_feed_settings, name="feed_settings"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="feed"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("decisions/<int:pk>/sides/<str:side>/comments/", views.comment_add, name="comment_add"),
    path("search/", views.search_page, name="search"),
]
