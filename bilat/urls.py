"""URL wiring: pages per app, the admin, the API and its schema."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from bilat.briefings import views as briefing_views

urlpatterns = [
    path("", briefing_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("bilat.accounts.urls")),
    path("", include("bilat.core.urls")),
    path("directory/", include("bilat.directory.urls")),
    path("meetings/", include("bilat.meetings.urls")),
    path("decisions/", include("bilat.decisions.urls")),
    path("projects/", include("bilat.projects.urls")),
    path("targets/", include("bilat.targets.urls")),
    path("trade/", include("bilat.trade.urls")),
    path("briefings/", include("bilat.briefings.urls")),
    path("api/v1/", include("bilat.api")),
    path("admin/", admin.site.urls),
]

