from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionsConfig(AppConfig):
    name = "bilat.commissions"
    label = "commissions"
    verbose_name = _("Commissions")
    default_auto_field = "django.db.models.BigAutoField"
