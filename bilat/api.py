"""API wiring: every app registers its view sets on one router under /api/v1/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from bilat.accounts.api import SignInTokenView
from bilat.decisions import api as decisions_api
from bilat.decisions.control_views import DisciplineAPIView
from bilat.directory import api as directory_api
from bilat.meetings import api as meetings_api
from bilat.projects import api as projects_api
from bilat.targets import api as targets_api

router = DefaultRouter()
for module in (directory_api, meetings_api, decisions_api, projects_api, targets_api):
    module.register(router)

urlpatterns = [
    path("", include(router.urls)),
    path("discipline/", DisciplineAPIView.as_view(), name="discipline"),
    path("trade/", include("bilat.trade.api")),
    path("changes/", include("bilat.core.api_urls")),
    path("auth/token/", SignInTokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's script as a file, which the CSP allows (no inline code).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
