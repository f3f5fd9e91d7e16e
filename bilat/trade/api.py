"""REST API of the trade warehouse, under /api/v1/trade/."""

urlpatterns: list = []
