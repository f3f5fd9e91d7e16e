from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "bilat.briefings"
    label = "briefings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import warm

        warm.connect()
