"""What a page, an API call or a command asks of the trade warehouse, parsed and checked once.

The pair page shows the errors on its form, the API answers 400 naming each parameter, the CLI
raises a CommandError naming the option: the same messages, from the same form.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .indicators import PERIOD_KINDS, PairQuery
from .pace import TradeTarget
from .queries import PRODUCT_BASIS
from .themes import Theme, builtin_themes

COUNTRY = RegexValidator(r"^[A-Za-z]{2}\Z", _("Use an ISO 3166 alpha-2 country code."))
BASIS = RegexValidator(
    r"^[A-Za-z0-9_-]{1,20}\Z",
    _("Name a statistics basis: up to 20 letters, digits, '_' or '-' (KZ, UZ, BACI)."),
)


class FiniteFloatField(forms.FloatField):
    """A number that is finite: 'nan', 'inf' and numbers too large for a float are refused."""

    default_error_messages = {"not_finite": _("“%(value)s” is not a finite number.")}

    def to_python(self, value: Any) -> float | None:
        number = super().to_python(value)
        if number is not None and not math.isfinite(number):
            raise ValidationError(self.error_messages["not_finite"], code="not_finite",
                                  params={"value": value})
        return number


class CountryField(forms.CharField):
    """An ISO 3166 alpha-2 country code, in capitals."""

    default_validators = [COUNTRY]

    def to_python(self, value: Any) -> str:
        return super().to_python(value).upper()


class PairQueryForm(forms.Form):
    """A question about a pair of countries (``indicators.PairQuery``)."""

    reporter = CountryField(help_text=_("The country whose view is shown (KZ)."))
    partner = CountryField(help_text=_("The other country of the pair (UZ)."))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100,
                              help_text=_("Default: the latest year with a turnover."))
    basis = forms.CharField(required=False, validators=[BASIS],
                            help_text=_("Statistics basis (default: the reporter's office; "
                                        "BACI for products)."))
    product_basis = forms.CharField(required=False, validators=[BASIS],
                                    help_text=_("Basis of the HS detail (default: BACI)."))
    target = FiniteFloatField(required=False, min_value=0,
                              help_text=_("Trade target in US$ (default: the commission's "
                                          "Target record)."))
    target_year = forms.IntegerField(required=False, min_value=1900, max_value=2200,
                                     help_text=_("Year of the target (default: the year of the "
                                                 "commission's Target record)."))
    period_kind = forms.ChoiceField(required=False, choices=[(k, k) for k in PERIOD_KINDS],
                                    help_text=_("Periods of the series (default: year)."))
    top = forms.IntegerField(required=False, min_value=1, max_value=100,
                             help_text=_("How many products to list (default: 10)."))
    product_report = forms.ChoiceField(
        required=False, choices=[("exporter", "exporter"), ("importer", "importer")],
        help_text=_("Whose report a flow's HS detail is read from where both report it "
                    "(Comtrade): the exporter's (default) or the importer's."))

    def __init__(self, *args: Any, default_target: TradeTarget | None = None,
                 **kwargs: Any) -> None:
        """``default_target``: the commission's Target record, used for what is not given."""
        super().__init__(*args, **kwargs)
        self.default_target = default_target

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("reporter") and data.get("reporter") == data.get("partner"):
            self.add_error("partner", _("Choose a partner other than the reporter."))
        if self.default_target is None:
            given = {name for name in ("target", "target_year") if data.get(name) is not None}
            if len(given) == 1:  # no record to take the other half from
                missing = ({"target", "target_year"} - given).pop()
                self.add_error(missing, _("The commission has no trade target on record: give "
                                          "both a target and its year."))
        return data

    def target_asked(self) -> TradeTarget | None:
        """The target of the pace: the values given, the rest from the commission's record."""
        data, record = self.cleaned_data, self.default_target
        value, year = data.get("target"), data.get("target_year")
        if value is None and year is None:
            return record
        if record is None:
            return TradeTarget(value, year, "as asked")
        return TradeTarget(record.value if value is None else value,
                           record.year if year is None else year,
                           f"as asked, the rest from {record.source}")

    def query(self) -> PairQuery:
        """The question asked, with defaults for what was not (call after is_valid())."""
        data = self.cleaned_data

        def given(name: str, default: Any) -> Any:
            return default if data.get(name) in (None, "") else data[name]

        return PairQuery(
            reporter=data["reporter"], partner=data["partner"], year=data.get("year"),
            basis=data.get("basis") or None,
            product_basis=given("product_basis", PRODUCT_BASIS),
            target=self.target_asked(),
            period_kind=given("period_kind", "year"), top=given("top", 10),
            product_report=given("product_report", "exporter"),
        )


class RcaQueryForm(forms.Form):
    """A question about one country's revealed comparative advantage."""

    country = CountryField(help_text=_("The exporting country (KZ)."))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100,
                              help_text=_("Default: every year, the latest first."))
    basis = forms.CharField(required=False, validators=[BASIS],
                            help_text=_("Basis of the HS detail (default: BACI)."))
    top = forms.IntegerField(required=False, min_value=1, max_value=10000,
                             help_text=_("How many products to list (default: 100)."))


def cleaned(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data, or ValidationError naming each bad parameter."""
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.cleaned_data


def parse_pair_query(
    data: Mapping[str, Any], *, default_target: TradeTarget | None = None
) -> PairQuery:
    """The question in ``data``, or ValidationError naming each bad parameter; the target not
    given is ``default_target`` (the commission's Target record)."""
    form = PairQueryForm(data, default_target=default_target)
    cleaned(form)
    return form.query()


def commission_target(request: Any) -> TradeTarget | None:
    """The trade target of the request's commission (its Target record, through the commission
    middleware), or None outside a request that knows one."""
    return getattr(request, "commission_target", lambda: None)()


def commission_themes(request: Any) -> list[Theme]:
    """The themes of the request's commission (built in, then its own, through the commission
    middleware), or the built-in ones outside a request that knows them."""
    return list(getattr(request, "commission_themes", builtin_themes)())
