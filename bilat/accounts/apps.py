from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bilat.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bilat.core.changelog import set_record_rule, set_whole_log_rule

        from .policy import Action, can, sees_every_tier

        set_whole_log_rule(sees_every_tier)
        set_record_rule(lambda user, record: can(user, Action.VIEW, record))
