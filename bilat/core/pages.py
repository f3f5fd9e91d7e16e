"""The one way a page writes: bind a form, call a service, answer with the page or its fragment.

Every create, edit and transition page of every app goes through :func:`save_form`, so they all
answer alike: 200 with the form on GET, 400 with the errors next to their fields on invalid
input, 409 when the record changed since the editor loaded it, and after a successful write a
redirect to the page (or, for htmx, the fresh fragment of the section that was written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .services import StaleVersionError


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the fields it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def is_fragment(request: HttpRequest) -> bool:
    """Whether htmx asked for a fragment (a boosted link or form wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def render_page(request: HttpRequest, template: str, context: dict, *, section: str | None = None,
                status: int = 200) -> HttpResponse:
    """The whole page, or for htmx only the ``section`` partial of the same template."""
    if section and is_fragment(request):
        template = f"{template}#{section}"
    return render(request, template, context, status=status)


class VersionForm(forms.Form):
    """Only the version the editor loaded: the form of a removal or another one-click write."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    perform: Callable[[dict], Any],
    *,
    template: str,
    context: dict | Callable[..., dict] | None = None,
    form_name: str = "form",
    section: str | None = None,
    success: str = "",
    next_url: str | Callable[[Any], str] | None = None,
) -> HttpResponse:
    """Call ``perform(cleaned_data)`` on a valid POST and answer as every page does.

    - GET: the page with the form (200);
    - invalid input, or a ValidationError from the service: the form with its errors (400);
    - StaleVersionError: the form with the refusal at the top (409), nothing written;
    - success: for htmx with a ``section``, that section read again after the write; else the
      ``success`` message and a redirect to ``next_url`` (a URL, a function of the service's
      result, or by default the result's own page).

    ``context`` is a dict or a function called with ``{form_name: form}`` (and with nothing after
    a successful write, so part forms come back blank); the form is added under ``form_name``.
    """
    def page(status: int, **forms_shown) -> HttpResponse:
        ctx = context(**forms_shown) if callable(context) else {**(context or {}), **forms_shown}
        return render_page(request, template, ctx, section=section, status=status)

    if request.method != "POST":
        return page(200, **{form_name: form})
    if not form.is_valid():
        return page(400, **{form_name: form})
    try:
        result = perform(form.cleaned_data)
    except StaleVersionError as exc:
        form.add_error(None, str(exc))
        return page(409, **{form_name: form})
    except ValidationError as exc:
        add_service_errors(form, exc)
        return page(400, **{form_name: form})
    if section and is_fragment(request):
        return page(200)
    if success:
        messages.success(request, success)
    if callable(next_url):
        return redirect(next_url(result))
    return redirect(next_url or result.get_absolute_url())


class PartForm(forms.ModelForm):
    """The form of a part of a record (an agenda item, a location): on an edit it sends back the
    version the editor loaded, so a stale save or removal is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changes(self) -> dict:
        """The part's fields as entered (the version apart)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def save_part(
    request: HttpRequest, form: forms.BaseForm, perform: Callable[[dict], Any], *,
    template: str, page: Callable[..., dict], url: str, section: str, success: str,
    form_name: str, **shown,
) -> HttpResponse:
    """Write one part of a record from a section of the record's page (see :func:`save_form`).

    ``page(**forms)`` builds the page's context, read again after the write; ``shown`` goes to
    it as it is (which part's form is open); success goes back to ``url#section``.
    """
    return save_form(request, form, perform, template=template,
                     context=lambda **forms_shown: page(**shown, **forms_shown),
                     form_name=form_name, section=section, success=success,
                     next_url=f"{url}#{section}")
