from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bilat.demo"
    label = "demo"
