from django.urls import path

from . import product_views, views

app_name = "trade"

urlpatterns = [
    path("", views.trade_list, name="list"),
    path("products/", product_views.product_search, name="product_search"),
    path("products/<str:code>/", product_views.product_detail, name="product"),
    path("products/<str:code>/<str:fmt>/", product_views.product_download,
         name="product_download"),
    path("<str:reporter>-<str:partner>/", views.pair_detail, name="pair"),
    path("<str:reporter>-<str:partner>/tables/<str:key>/<str:fmt>/",
         product_views.pair_table_download, name="pair_table"),
]
