from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "bilat.claims"
    label = "claims"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Claims"
