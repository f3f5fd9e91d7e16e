"""API wiring: every app adds its routes to one router under /api/v1/ (``register(router)``)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bilat.accounts import api as accounts_api
from bilat.briefings import api as briefings_api
from bilat.claims import api as claims_api
from bilat.core import api_views as core_api
from bilat.core.api import ApiRouter
from bilat.core.sheets import api as sheets_api
from bilat.decisions import api as decisions_api
from bilat.directory import api as directory_api
from bilat.meetings import api as meetings_api
from bilat.projects import api as projects_api
from bilat.targets import api as targets_api
from bilat.trace import api as trace_api
from bilat.trade import api as trade_api
from bilat.water import api as water_api

router = ApiRouter()
for module in (core_api, sheets_api, accounts_api, directory_api, meetings_api, decisions_api,
               projects_api, targets_api, trade_api, trace_api, claims_api, briefings_api,
               water_api):
    module.register(router)

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's script as a file, which the CSP allows (no inline code).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
