"""The briefing pack and dashboard of the demo's second commission, Kazakhstan–Kyrgyzstan."""

import pytest

from bilat.briefings import services

pytestmark = pytest.mark.slow


@pytest.fixture
def kz_kg(db, settings, tmp_path):
    from bilat.demo.tests.replay import load_or_replay_demo
    from bilat.meetings.models import Meeting
    from bilat.trade.demo import DEMO_DIR, NATIONAL_FILES
    from bilat.trade.loaders import load
    from bilat.trade.warehouse import forget_readers

    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    load_or_replay_demo()
    load("national", [DEMO_DIR / name for name in NATIONAL_FILES],
         warehouse=settings.TRADE_WAREHOUSE, progress=lambda _m: None)
    forget_readers()
    yield Meeting.objects.get(commission__code="kz-kg", number=1)
    forget_readers()


def test_the_kz_kg_pack_names_its_two_countries_its_trade_and_its_regional_share(kz_kg):
    snapshot = services.snapshot_for(kz_kg, actor=None)
    assert snapshot.commission.code == "kz-kg"
    en = services.produce_briefing(snapshot, lang="en", fmt="md").decode("utf-8")
    ru = services.produce_briefing(snapshot, lang="ru", fmt="md").decode("utf-8")

    # The sources table cites the publications of the regional total (Kazakhstan's trade with
    # every country of the region); the pack's own words name only the commission's pair.
    text_en, text_ru = en.split("*Sources*")[0], ru.split("*Источники*")[0]
    assert "Kazakhstan" in text_en and "Kyrgyzstan" in text_en and "Uzbek" not in text_en
    assert "Казахстан" in text_ru and "Кыргызстан" in text_ru and "Узбек" not in text_ru
    # 2023 on each side's statistics (facts.md §8): KZ 1,572; KG 1,317.0 (862.182 + 455.702).
    assert "$1.6 billion" in en and "$1.3 billion" in en
    assert "1,6 млрд долл. США" in ru and "1,3 млрд долл. США" in ru
    # Kyrgyzstan's share of Kazakhstan's trade with Central Asia: 1,572 / 7,635.
    assert "20.6 %" in en and "20,6 %" in ru
    assert "Kyrgyzstan's share of Kazakhstan's trade with Central Asia" in en
    assert "Kazakhstan → Kyrgyzstan" in en and "Казахстан → Кыргызстан" in ru


def test_the_kz_kg_dashboard_shows_its_pair(kz_kg, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kg-secretariat"))
    page = client.get("/overview/").content.decode()
    assert "Kyrgyzstan&#x27;s share of Kazakhstan&#x27;s trade with Central Asia" in page
    assert "Uzbekistan&#x27;s share of Kazakhstan&#x27;s trade with Central Asia, 2023" not in page
    other = client.get("/overview/", {"commission": "kz-uz"}).content.decode()
    assert "Uzbekistan&#x27;s share of Kazakhstan&#x27;s trade with Central Asia, 2023" in other


def test_a_secretariat_of_both_commissions_opens_its_own_and_switches(kz_kg, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kz-secretariat"))
    share = "{}&#x27;s share of Kazakhstan&#x27;s trade with Central Asia, 2023"
    assert share.format("Uzbekistan") in client.get("/overview/").content.decode()  # its profile's
    assert share.format("Kyrgyzstan") in client.get("/overview/", {"commission": "kz-kg"}).content.decode()
    assert share.format("Kyrgyzstan") in client.get("/overview/").content.decode()  # remembered
    decisions = client.get("/decisions/", {"commission": "all"}).content.decode()
    assert "KGKZ1-03" in decisions and "IGC21-15" in decisions  # restricted in each: its role
