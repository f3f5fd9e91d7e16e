from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "bilat.decisions"
    label = "decisions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bilat.core.sheets import registry

        from . import sheets

        sheets.register(registry)
