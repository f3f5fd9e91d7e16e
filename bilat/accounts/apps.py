from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bilat.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from bilat.core.changelog import set_author_rule, set_record_rule, set_whole_log_rule

        from .policy import Action, can, sees_authors, sees_every_tier
        from .signin import on_lockout

        set_whole_log_rule(sees_every_tier)
        set_record_rule(lambda user, record: can(user, Action.VIEW, record))
        set_author_rule(sees_authors)
        # django-axes tells when an account or an address is locked out: log it (signin.py).
        user_locked_out.connect(on_lockout, dispatch_uid="bilat.accounts.on_lockout")
