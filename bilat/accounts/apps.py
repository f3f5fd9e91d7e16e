from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bilat.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from bilat.core.changelog import set_access_rules

        from . import roles
        from .policy import Action, can, sees_authors, sees_every_tier
        from .signin import on_lockout

        set_access_rules(whole_log=sees_every_tier,
                         record=lambda user, record: can(user, Action.VIEW, record),
                         authors=sees_authors)
        # django-axes tells when an account or an address is locked out: log it (signin.py).
        user_locked_out.connect(on_lockout, dispatch_uid="bilat.accounts.on_lockout")
        roles.connect()  # a write to a profile, a membership or a side: roles read again
