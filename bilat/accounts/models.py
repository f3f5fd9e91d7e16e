"""Users of bilat and the role each holds for one side or one organisation."""

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import default_commission


class Role(models.TextChoices):
    """What a user does in the commission's work (see accounts/policy.py for what each may do)."""

    SECRETARIAT = "secretariat", _("Secretariat of a side")
    OFFICER = "officer", _("Agency officer")
    VIEWER = "viewer", _("Viewer")


class Profile(models.Model):
    """A user's role, and the side and organisation it is held for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    side = models.ForeignKey(
        "directory.Side", verbose_name=_("side"), null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT,
    )
    # The commission the role is held in (more in ``Membership``); when empty, every
    # commission of the side.
    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", default=default_commission,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.role == Role.SECRETARIAT and not self.side_id:
            raise ValidationError({"side": _("A secretariat works for one side: choose it.")})
        if self.role == Role.OFFICER:
            if not self.organisation_id:
                raise ValidationError(
                    {"organisation": _("An agency officer works for one organisation: choose it.")}
                )
            if self.side_id and self.organisation.side_id != self.side_id:
                raise ValidationError(
                    {"side": _("The officer's side must be the side of their organisation.")}
                )

    def save(self, *args, **kwargs):
        # An officer's side is always the side of the organisation (derived, never typed twice).
        if self.role == Role.OFFICER and self.organisation_id:
            self.side_id = self.organisation.side_id
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A role a user holds in one more commission, for one side or organisation.

    The profile holds a user's first role; a secretariat that serves several commissions, or
    an officer whose ministry leads decisions in several, has a membership in each other one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    side = models.ForeignKey(
        "directory.Side", verbose_name=_("side"), null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "commission"], name="membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.commission}: {self.get_role_display()})"

    def clean(self) -> None:
        Profile.clean(self)
        side_id = self.side_id or (self.organisation.side_id if self.organisation_id else None)
        if side_id and self.commission_id and side_id not in self.commission.side_ids:
            raise ValidationError({"side": _("The side must be one of the commission's.")})

    def save(self, *args, **kwargs):
        if self.role == Role.OFFICER and self.organisation_id:
            self.side_id = self.organisation.side_id
        super().save(*args, **kwargs)


class FailedSignIn(AccessAttempt):
    """Failed sign-ins of one account from one address, counted by django-axes for the lockout."""

    class Meta:
        proxy = True
        verbose_name = _("failed sign-ins")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address}"
