from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "bilat.projects"
    label = "projects"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bilat.core.sheets import registry

        from . import sheets

        sheets.register(registry)
