"""A question about a pair is checked once: the page, the API and the CLI refuse it alike."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from bilat.trade.forms import parse_pair_query
from bilat.trade.indicators import PairQuery
from bilat.trade.pace import TradeTarget

# (parameter, bad value, the message every edge gives)
BAD = [
    ("reporter", "KAZ", "Use an ISO 3166 alpha-2 country code."),
    ("partner", "KZ", "Choose a partner other than the reporter."),
    ("year", "x", "Enter a whole number."),
    ("year", "1850", "Ensure this value is greater than or equal to 1900."),
    ("basis", "KZ UZ", "Name a statistics basis: up to 20 letters, digits, '_' or '-'"),
    ("product_basis", "x" * 21, "Name a statistics basis"),
    ("target", "nan", "“nan” is not a finite number."),
    ("target", "1e400", "“1e400” is not a finite number."),
    ("target", "-1", "Ensure this value is greater than or equal to 0."),
    ("target_year", "2300", "Ensure this value is less than or equal to 2200."),
]


def _question(parameter: str, value: str) -> dict[str, str]:
    return {"reporter": "KZ", "partner": "UZ", parameter: value}


def test_a_question_is_parsed_with_its_defaults():
    assert parse_pair_query({"reporter": "kz", "partner": "uz"}) == PairQuery("KZ", "UZ")
    asked = parse_pair_query({"reporter": "UZ", "partner": "KZ", "year": "2023", "basis": "KZ",
                              "target": "5e9", "target_year": "2028", "top": "3"})
    assert asked == PairQuery("UZ", "KZ", year=2023, basis="KZ",
                              target=TradeTarget(5e9, 2028, "as asked"), top=3)


@pytest.mark.parametrize("parameter, value, message", BAD)
def test_the_parser_names_the_bad_parameter(parameter, value, message):
    with pytest.raises(ValidationError) as refused:
        parse_pair_query(_question(parameter, value))
    assert list(refused.value.message_dict) == [parameter]
    assert message in refused.value.message_dict[parameter][0]


@pytest.mark.django_db
@pytest.mark.parametrize("parameter, value, message", BAD)
def test_the_api_answers_400_naming_the_parameter(client, demo_warehouse, parameter, value,
                                                  message):
    question = _question(parameter, value)
    reporter, partner = question.pop("reporter"), question.pop("partner")
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        response = client.get(f"/api/v1/trade/pairs/{reporter}/{partner}/", question)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
    assert message in response.json()[parameter][0]


@pytest.mark.django_db
@pytest.mark.parametrize("parameter, value, message", BAD)
def test_the_page_answers_400_with_the_error_on_its_form(client, demo_warehouse, parameter,
                                                         value, message):
    question = _question(parameter, value)
    reporter, partner = question.pop("reporter"), question.pop("partner")
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        response = client.get(reverse("trade:pair", args=[reporter, partner]), question)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [parameter]
    html = response.content.decode()
    assert 'class="errors" role="alert"' in html
    assert message.replace("'", "&#x27;") in html
    assert "Mirror gap" not in html


@pytest.mark.parametrize("parameter, value, message", BAD)
def test_the_command_refuses_naming_the_option(demo_warehouse, parameter, value, message):
    options = {f"--{k.replace('_', '-')}={v}" for k, v in _question(parameter, value).items()}
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        with pytest.raises(CommandError) as refused:
            call_command("trade", "indicators", *sorted(options), stdout=StringIO())
    option = "--" + parameter.replace("_", "-")
    assert str(refused.value).startswith(f"{option}: ")
    assert message in str(refused.value)


@pytest.mark.django_db
def test_the_pair_page_takes_lower_case_codes_and_offers_the_bases_held(client, demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        response = client.get(reverse("trade:pair", args=["kz", "uz"]), {"basis": "UZ"})
    assert response.status_code == 200
    assert response.context["ind"].basis == "UZ"
    html = response.content.decode()
    assert '<option value="BACI">' in html and 'name="basis" value="UZ"' in html
