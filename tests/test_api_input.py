"""What the API reads: a NUL character is refused in any field, on every database."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_a_nul_character_in_any_field_is_a_400_naming_it(demo, fmt):
    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(username="kz-secretariat"))
    response = api.post("/api/v1/targets/", {"indicator": "kz-uz\x00turnover", "title_en": "x",
                                             "target_value": "1"}, format=fmt)
    assert response.status_code == 400
    assert response.json() == {"indicator": ["Null characters are not allowed."]}
