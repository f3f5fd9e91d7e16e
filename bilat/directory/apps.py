from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "bilat.directory"
    label = "directory"
    default_auto_field = "django.db.models.BigAutoField"
