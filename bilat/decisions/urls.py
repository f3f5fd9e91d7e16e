from django.urls import path

from bilat.core.sheets import views as sheet_views

from . import control_views, views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("<int:pk>/remove/", views.decision_remove, name="remove"),
    path("<int:pk>/restore/", views.decision_restore, name="restore"),
    path("<int:pk>/sides/<str:side_code>/status/", views.side_status, name="side_status"),
    path("<int:pk>/sides/<str:side_code>/executors/", views.side_executors,
         name="side_executors"),
    path("<int:pk>/sides/<str:side_code>/report/", views.report_submit, name="report_submit"),
    path("<int:pk>/sides/<str:side_code>/extension/", views.extension_request,
         name="extension_request"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    # the list as a spreadsheet (bilat.core.sheets)
    path("export/", sheet_views.sheet_export, {"sheet": "decisions"}, name="export"),
    path("import/", sheet_views.sheet_import, {"sheet": "decisions"}, name="import"),
    # control of execution (control_views.py)
    path("notifications/", control_views.notification_list, name="notifications"),
    path("notifications/read/", control_views.notification_read, name="notifications_read"),
    path("discipline/", control_views.discipline_page, name="discipline"),
    path("sessions/<int:meeting_pk>/implementation/", control_views.implementation_report,
         name="implementation"),
    path("sessions/<int:meeting_pk>/progress/", control_views.public_progress,
         name="progress"),
    path("report/", control_views.decision_report, name="report"),
    path("<int:pk>/card/", control_views.decision_card, name="card"),
]
