"""Product search, a product's page with both directions, its downloads, distinct labels."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from bilat.trade import products


@pytest.fixture
def demo_settings(demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        yield


def test_the_search_finds_a_product_by_code_and_by_word(demo_settings):
    assert "100199" in [h.code for h in products.search("1001")]
    assert [h.code for h in products.search("wheat flour")] == ["110100"]
    assert "10" in [h.code for h in products.search("cereals")]


def test_the_search_finds_chapters_by_russian_section_words(demo_settings):
    codes = [h.code for h in products.search("растительного")]
    assert "10" in codes and "07" in codes


def test_distinct_headings_never_share_a_label():
    labels = products.distinct_labels(["1001", "1003", "1006", "1101"], {})
    assert len(set(labels.values())) == 4
    assert labels["1001"] == "Cereals (1001)"


@pytest.mark.django_db
def test_the_search_page_links_to_the_product_page(client, demo_settings):
    html = client.get(reverse("trade:product_search"), {"q": "wheat"}).content.decode()
    assert reverse("trade:product", args=["100199"]) in html
    assert 'action="/trade/products/"' in client.get(reverse("trade:list")).content.decode()


@pytest.mark.django_db
def test_the_product_page_shows_both_directions_over_the_years(client, demo_settings):
    flows = products.product_flows("1001", "KZ", "UZ")
    assert len(flows) >= 2 and all(f.exports is not None and f.imports is not None
                                   for f in flows)
    response = client.get(reverse("trade:product", args=["1001"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "KZ → UZ" in html and "UZ → KZ" in html
    for f in flows:
        assert f"<th scope=\"row\">{f.year}</th>" in html
    assert 'data-chart="trade-product"' in html
    assert client.get(reverse("trade:product", args=["10a"])).status_code == 404


@pytest.mark.django_db
def test_the_product_table_downloads_as_csv_and_xlsx(client, demo_settings):
    flows = products.product_flows("1001", "KZ", "UZ")
    response = client.get(reverse("trade:product_download", args=["1001", "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Year", "KZ → UZ, US$", "UZ → KZ, US$"]
    assert [int(r[0]) for r in rows[1:]] == [f.year for f in flows]
    assert float(rows[1][1]) == flows[0].exports
    response = client.get(reverse("trade:product_download", args=["1001", "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=5, column=2).value == flows[0].exports
    assert client.get(reverse("trade:product_download", args=["1001", "pdf"])).status_code == 404


@pytest.mark.django_db
def test_the_pair_page_names_rca_products_and_links_them(client, demo_settings):
    html = client.get(reverse("trade:pair", args=["KZ", "UZ"])).content.decode()
    known = products.described()
    linked = [c for c in known
              if f'href="/trade/products/{c}/">{c}</a> {known[c]["en"]}' in html]
    assert linked, "no RCA product carries its description"


@pytest.mark.django_db
def test_each_chart_table_of_the_pair_page_downloads_as_csv_and_xlsx(client, demo_settings):
    html = client.get(reverse("trade:pair", args=["KZ", "UZ"])).content.decode()
    for key in ("trade-sections", "trade-series", "trade-mirror"):
        url = reverse("trade:pair_table", args=["KZ", "UZ", key, "csv"])
        assert f'href="{url}"' in html, key
        rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
        assert len(rows) > 1 and rows[0][0], key
        xlsx = client.get(reverse("trade:pair_table", args=["KZ", "UZ", key, "xlsx"]))
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK", key
    assert client.get(reverse("trade:pair_table", args=["KZ", "UZ", "nope", "csv"])
                      ).status_code == 404


def test_the_search_finds_a_chapter_by_its_russian_title_and_names_it_in_russian(demo_settings):
    hits = products.search("злаки", "ru")
    assert [h.code for h in hits][:1] == ["10"] and hits[0].title == "Злаки"
    assert products.search("злаки", "en")[0].title == "Cereals"


@pytest.mark.django_db
def test_the_product_page_names_a_heading_in_the_readers_language(client, demo_settings):
    html = client.get(reverse("trade:product", args=["1001"]), HTTP_ACCEPT_LANGUAGE="ru"
                      ).content.decode()
    assert "HS 1001 Злаки" in html


@pytest.mark.django_db
def test_the_pair_page_names_top_headings_in_the_readers_language(client, demo_settings):
    url = reverse("trade:pair", args=["KZ", "UZ"])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "</a> Cereals:" in english and "</a> Злаки:" in russian
