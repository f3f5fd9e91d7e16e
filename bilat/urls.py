"""URL wiring: pages per app, the admin, the API and its schema."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView
from django.views.i18n import JavaScriptCatalog

from bilat.accounts import views as account_views
from bilat.work import views as work_views

urlpatterns = [
    path("", work_views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says; answer with ours, not a 404.
    path("favicon.ico", RedirectView.as_view(url=static("bilat/favicon.svg"), permanent=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("bilat.accounts.urls")),
    path("", include("bilat.core.urls")),
    path("", include("bilat.work.urls")),
    path("directory/", include("bilat.directory.urls")),
    path("trace/", include("bilat.trace.urls")),
    path("meetings/", include("bilat.meetings.urls")),
    path("decisions/", include("bilat.decisions.urls")),
    path("projects/", include("bilat.projects.urls")),
    path("targets/", include("bilat.targets.urls")),
    path("trade/", include("bilat.trade.urls")),
    path("briefings/", include("bilat.briefings.urls")),
    path("claims/", include("bilat.claims.urls")),
    path("api/v1/", include("bilat.api")),
    # Before the admin's own: its password change checks a password, so it counts like a sign-in.
    path("admin/password_change/", account_views.admin_password_change),
    path("admin/", admin.site.urls),
]

# An API client asking for a route the API does not have gets JSON, as for any other 404.
handler404 = "bilat.core.views.not_found"

