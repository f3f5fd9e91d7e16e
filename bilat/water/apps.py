from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaterConfig(AppConfig):
    name = "bilat.water"
    label = "water"
    verbose_name = _("Water accounting")
    default_auto_field = "django.db.models.BigAutoField"
