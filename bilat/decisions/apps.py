from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "bilat.decisions"
    label = "decisions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from bilat.core.sheets import registry

        from . import sheets
        from .models import Notification
        from .reminders import on_notification_written

        sheets.register(registry)
        # The top bar's unread count, kept in a shared cache, is counted again (reminders.py).
        post_save.connect(on_notification_written, sender=Notification,
                          dispatch_uid="bilat.decisions.unread")
        post_delete.connect(on_notification_written, sender=Notification,
                            dispatch_uid="bilat.decisions.unread-del")
