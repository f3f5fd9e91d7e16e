from django.urls import path

from . import views

app_name = "trade"

urlpatterns = [
    path("", views.trade_list, name="list"),
    path("<str:reporter>-<str:partner>/", views.pair_detail, name="pair"),
]
