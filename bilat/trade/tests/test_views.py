from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from bilat.targets.tests.factories import make_target
from bilat.trade.loaders import load


@pytest.fixture
def demo_settings(demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        yield


@pytest.mark.django_db
def test_the_pair_page_shows_both_bases_the_mirror_and_the_regional_share(client, demo_settings):
    response = client.get(reverse("trade:pair", args=["KZ", "UZ"]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (">4.40<", ">57.6\u00a0%<", "Mirror gap", "Untapped export potential", "synthetic"):
        assert text in html, text


@pytest.mark.django_db
def test_the_trade_list_works_without_a_warehouse(client, tmp_path):
    with override_settings(TRADE_WAREHOUSE=tmp_path / "none.duckdb"):
        response = client.get(reverse("trade:list"))
    assert response.status_code == 200
    assert "bilat trade demo" in response.content.decode()


@pytest.mark.django_db
def test_the_indicators_api_gives_us_dollars_with_sources(client, demo_settings):
    assert client.get("/api/v1/trade/pairs/KZ/UZ/").json()["target"] is None  # no record yet
    target = make_target()  # US$ 10 bn, assumed 2030
    response = client.get("/api/v1/trade/pairs/KZ/UZ/", {"year": 2023})
    assert response.status_code == 200
    data = response.json()
    assert data["current"]["turnover"]["value"] == 4.4e9
    assert data["target"]["status"] == "off track"
    assert data["target"]["target_value"] == 10e9
    assert data["target"]["target_source"] == f"target record {target.pk} ({target.title_en})"


@pytest.mark.django_db
def test_the_trade_api_refuses_bad_input_with_400(client, demo_settings):
    assert client.get("/api/v1/trade/pairs/KAZ/UZ/series/").status_code == 400
    assert client.get("/api/v1/trade/pairs/KZ/UZ/", {"year": "x"}).status_code == 400
    assert client.get("/api/v1/trade/rca/").status_code == 400


@pytest.mark.django_db
def test_the_trade_api_lists_series_mirror_products_rca_potential_and_metrics(client, demo_settings):
    assert [p["year"] for p in client.get(
        "/api/v1/trade/pairs/KZ/UZ/series/", {"basis": "KZ"}).json()] == [2017, 2018, 2022, 2023]
    assert client.get("/api/v1/trade/pairs/KZ/UZ/mirror/").json()
    assert client.get("/api/v1/trade/pairs/KZ/UZ/products/").json()["themes"]
    assert client.get("/api/v1/trade/pairs/KZ/UZ/potential/").json()["KZ->UZ"]
    assert client.get("/api/v1/trade/rca/", {"country": "KZ", "top": 3}).json()["results"]
    assert len(client.get("/api/v1/trade/metrics/").json()) >= 18


@pytest.mark.django_db
def test_the_indicators_api_answers_a_target_centuries_away_with_numbers_or_nulls(
    client, tmp_path
):
    figures = tmp_path / "kz.csv"
    figures.write_text("reporter,partner,period,turnover,exports,imports,source\n"
                       "KZ,UZ,2022,1000,,,Kazakh statistics\n"
                       "KZ,UZ,2023,5000000000000,,,Kazakh statistics\n")
    load("national", [figures], warehouse=tmp_path / "w.duckdb")
    with override_settings(TRADE_WAREHOUSE=tmp_path / "w.duckdb"):
        response = client.get("/api/v1/trade/pairs/KZ/UZ/",
                              {"target": "1e13", "target_year": 2200})
    assert response.status_code == 200
    target = response.json()["target"]
    assert (target["status"], target["projected_value"]) == ("on track", None)
    assert target["null_reasons"] == {"projected_value": "too large to be a number"}


@pytest.mark.django_db
def test_the_metrics_schema_is_the_list_of_definitions_the_route_answers(client):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    answer = schema["paths"]["/api/v1/trade/metrics/"]["get"]["responses"]["200"]
    listed = answer["content"]["application/json"]["schema"]
    assert listed["type"] == "array"
    name = listed["items"]["$ref"].rsplit("/", 1)[-1]
    declared = schema["components"]["schemas"][name]
    served = client.get("/api/v1/trade/metrics/").json()
    assert set(declared["properties"]) == set(served[0]) == set(declared["required"])
    assert {p["type"] for p in declared["properties"].values()} == {"string"}


@pytest.mark.django_db
def test_a_national_file_with_nan_exports_is_refused_and_the_pair_still_answers(
    client, tmp_path
):
    warehouse = tmp_path / "w.duckdb"
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("reporter,partner,period,exports,imports,source,unit\n"
                    "KZ,UZ,2023,3.1,1.3,Kazakh statistics,billion USD\n")
    bad.write_text(good.read_text().replace("3.1,", "NaN,").replace("2023", "2024"))
    with override_settings(TRADE_WAREHOUSE=warehouse):
        call_command("trade", "load", "--format", "national", str(good), stdout=StringIO(),
                     stderr=StringIO())
        with pytest.raises(CommandError, match=r"line 2: exports 'NaN' is not a finite number"):
            call_command("trade", "load", "--format", "national", str(bad), stderr=StringIO())
        for url in ("/api/v1/trade/pairs/KZ/UZ/", "/api/v1/trade/pairs/KZ/UZ/series/"):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_pair_page_is_cached_and_a_new_load_shows_at_once(client, demo_warehouse, tmp_path,
                                                              django_assert_max_num_queries):
    import shutil

    path = tmp_path / "warehouse.duckdb"
    url = reverse("trade:pair", args=["KZ", "UZ"])
    with override_settings(TRADE_WAREHOUSE=path):
        assert "bilat trade demo" in client.get(url).content.decode()  # nothing loaded yet
        shutil.copy(demo_warehouse, path.with_suffix(".new"))
        path.with_suffix(".new").replace(path)  # a load swaps a new file in
        assert ">4.40<" in client.get(url).content.decode()
        # The figures come cached: the key reads the commission's target and themes, no more.
        with django_assert_max_num_queries(2):
            assert ">4.40<" in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_registry_write_keeps_the_cached_pair_page(client, demo_settings, monkeypatch):
    from bilat.accounts.tests.factories import make_user
    from bilat.core.services import create_record
    from bilat.directory.tests.factories import make_commission, make_sides
    from bilat.meetings.models import Meeting

    kz, uz = make_sides()
    body = make_commission(kz, uz)
    url = reverse("trade:pair", args=["KZ", "UZ"])
    client.get(url)
    create_record(Meeting(body=body, number=22, held_on="2025-06-01",
                          city="Tashkent", place_en="Tashkent"),
                  actor=make_user("root", superuser=True))

    def unread(*args):
        raise AssertionError("the warehouse was read again")

    monkeypatch.setattr("bilat.trade.queries.pair_series", unread)
    assert ">4.40<" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_trade_pages_key_follows_the_targets_area_and_the_pair(rf):
    """The trade pages show the warehouse, the commission's pair and its trade target and
    themes: their key moves with the targets area's mark and the pair, not with other writes."""
    from django.contrib.auth.models import AnonymousUser

    from bilat.briefings.pagecache import request_key
    from bilat.core.models import ChangeMark
    from bilat.trade.views import shown_pair

    request = rf.get("/trade/KZ-UZ/")
    request.user = AnonymousUser()
    request.commission_pair = lambda: ("KZ", "UZ")

    def key() -> str:
        return request_key("page", request, shown_pair(request), areas=("targets",))

    first = key()
    ChangeMark.objects.create(key="decisions", seq=7)  # a report on a decision
    assert key() == first
    ChangeMark.objects.create(key="targets", seq=8)  # the target or a theme changed
    second = key()
    assert second != first
    request.commission_pair = lambda: ("KZ", "TJ")
    assert key() != second
