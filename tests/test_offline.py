"""Pages load nothing from outside bilat, and inline scripts carry the CSP nonce."""

import re

import pytest

from bilat.accounts.tests.factories import make_user

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.I)
CDN_HOSTS = ("jsdelivr", "unpkg", "googleapis", "cdnjs", "redoc.ly", "gstatic")

PAGES = ["/", "/accounts/login/", "/api/v1/docs/", "/decisions/", "/projects/", "/meetings/",
         "/targets/", "/trade/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_a_page_loads_nothing_from_outside(client, url):
    client.force_login(make_user("root", superuser=True))
    response = client.get(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert not EXTERNAL.search(html), EXTERNAL.search(html).group(0)
    assert not any(host in html for host in CDN_HOSTS)
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if body.strip() and "application/json" not in attrs:
            assert "nonce=" in attrs, f"inline script without a nonce on {url}"
    assert "Content-Security-Policy" in response.headers


def test_the_favicon_is_our_own(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("bilat/favicon.svg")
