"""The one page write path: every create, edit and transition page answers through save_form."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings
from django_htmx.middleware import HtmxDetails

from bilat.core.pages import save_form
from bilat.core.services import StaleVersionError

PAGE = ("<html><h1>{{ title }}</h1>{% partialdef part inline %}<section id=part>"
        "{{ form.errors }}{% if form %}form shown{% endif %}</section>{% endpartialdef %}</html>")
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"page.html": PAGE})]},
}]


class NameForm(forms.Form):
    name = forms.CharField(max_length=5)
    version = forms.IntegerField(required=False)


def _request(method="post", data=None, *, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    request = getattr(RequestFactory(), method)("/things/1/", data or {}, headers=headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    return request


def _save(request, perform, **options):
    form = NameForm(request.POST or None)
    options.setdefault("next_url", "/things/1/")
    return save_form(request, form, perform, template="page.html",
                     context={"title": "Thing"}, success="Saved.", **options)


def _written(data):
    return SimpleNamespace(saved=data)


@pytest.fixture(autouse=True)
def _templates():
    with override_settings(TEMPLATES=TEMPLATES):
        yield


def test_a_get_shows_the_page_with_the_form():
    response = _save(_request("get"), _written)
    assert response.status_code == 200 and b"form shown" in response.content


def test_invalid_input_answers_400_with_the_error_and_calls_no_service():
    calls = []
    response = _save(_request(data={"name": "far too long"}), calls.append)
    assert response.status_code == 400 and b"at most 5 characters" in response.content
    assert calls == []


def test_a_service_validation_error_lands_on_its_field_and_answers_400():
    def perform(data):
        raise ValidationError({"name": "Taken.", "elsewhere": "Not a field here."})

    request = _request(data={"name": "ok"})
    response = _save(request, perform)
    assert response.status_code == 400
    assert b"Taken." in response.content and b"Not a field here." in response.content


def test_a_stale_version_answers_409_with_the_refusal():
    def perform(data):
        raise StaleVersionError(SimpleNamespace(version=3), 2)

    response = _save(_request(data={"name": "ok", "version": 2}), perform)
    assert response.status_code == 409 and b"Someone else saved this record" in response.content


def test_a_successful_write_redirects_with_the_message():
    request = _request(data={"name": "ok"})
    response = _save(request, _written)
    assert (response.status_code, response["Location"]) == (302, "/things/1/")
    assert [str(m) for m in request._messages] == ["Saved."]


def test_the_redirect_defaults_to_the_written_records_own_page():
    record = SimpleNamespace(get_absolute_url=lambda: "/records/7/")
    response = _save(_request(data={"name": "ok"}), lambda data: record, next_url=None)
    assert response["Location"] == "/records/7/"


@pytest.mark.parametrize("data, status", [({"name": "far too long"}, 400), ({"name": "ok"}, 200)])
def test_htmx_gets_only_the_section_and_a_plain_post_the_whole_page(data, status):
    fragment = _save(_request(data=data, htmx=True), _written, section="part")
    assert fragment.status_code == status
    assert fragment.content.startswith(b"<section id=part>") and b"<html>" not in fragment.content
    whole = _save(_request(data={"name": "far too long"}), _written, section="part")
    assert whole.status_code == 400 and whole.content.startswith(b"<html>")


def test_after_a_write_the_section_is_read_again_without_the_filled_form():
    seen = []

    def context(**shown):
        seen.append(sorted(shown))
        return {"title": "Thing", **shown}

    request = _request(data={"name": "ok"}, htmx=True)
    response = save_form(request, NameForm(request.POST), _written, template="page.html",
                         context=context, section="part", next_url="/things/1/")
    assert response.status_code == 200 and b"form shown" not in response.content
    assert seen == [[]]
