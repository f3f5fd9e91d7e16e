from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "bilat.trade"
    label = "trade"
    verbose_name = "Trade"
