"""One source of truth for the trade target: its values from the warehouse, its value and year
from the Target record, on every page, pack figure, API answer and command that shows a pace."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from bilat.briefings import sources
from bilat.briefings.figures import build_figures
from bilat.targets import services
from bilat.targets.tests.factories import make_target
from bilat.trade.pace import pace_to_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(settings, demo_warehouse):
    settings.TRADE_WAREHOUSE = demo_warehouse
    return make_target()  # US$ 10 bn, medium term, assumed 2030; no recorded values


def _required(value_bn: float, latest: float = 4.4, years: int = 7) -> str:
    """The required growth on the Kazakh basis (4.4 bn in 2023), as pages round it."""
    rate = ((value_bn / latest) ** (1 / years) - 1) * 100
    return f"{Decimal(str(rate)).quantize(Decimal('0.1'))}"


def _everywhere(client, pk: int) -> dict[str, object]:
    """The pace to the target on the Kazakh basis, as each edge shows it."""
    target_page = client.get(reverse("targets:detail", args=[pk])).content.decode()
    trade_page = client.get(reverse("trade:pair", args=["KZ", "UZ"])).content.decode()
    dashboard = client.get(reverse("work:overview")).content.decode()
    figures = build_figures(sources.gather(as_of=datetime.date.today(), named=False))
    api = client.get("/api/v1/trade/pairs/KZ/UZ/").json()["target"]
    targets_api = {p["basis"]: p for p in client.get(f"/api/v1/targets/{pk}/").json()["pace"]}
    out = StringIO()
    call_command("trade", "indicators", "--json", stdout=out, stderr=StringIO())
    return {
        "target page": target_page, "trade page": trade_page, "dashboard": dashboard,
        "pack": float(figures.value("trade.pace.KZ.required")),
        "api": api["required_growth"], "targets api": targets_api["KZ"]["required_growth"],
        "command": json.loads(out.getvalue())["target"]["required_growth"],
    }


def test_the_target_page_reads_its_actual_values_from_the_warehouse(client, target):
    bases = {row.basis: row for row in services.pace_by_basis(target)}

    assert bases["UZ"].from_warehouse and bases["KZ"].from_warehouse
    uz = {a.period_label: a for a in bases["UZ"].actuals}
    assert uz["2023"].value == Decimal("4.4000")  # the typed copy lacked it
    assert uz["2023"].source == "gazeta.uz, 9 Feb 2024 (Uzbek Statistics Agency)"
    assert uz["2024"].provenance == "derived" and not uz["2024 Jan–Apr"].is_full_year
    assert bases["meeting"].actuals[0].value == Decimal("4.5000")
    kz = bases["KZ"].pace
    assert (kz.latest_year, kz.latest_value, kz.observed_from_year) == (2023, 4.4, 2018)
    page = client.get(reverse("targets:detail", args=[target.pk])).content.decode()
    assert "gazeta.uz" in page and "from the trade warehouse" in page


def test_a_recorded_value_counts_only_on_a_basis_the_warehouse_does_not_hold(target):
    from bilat.targets.tests.factories import make_actual

    make_actual(target, 2023, "9.9", basis="KZ")  # the warehouse's KZ basis wins
    make_actual(target, 2023, "4.3", basis="other")  # none in the warehouse: the record
    bases = {row.basis: row for row in services.pace_by_basis(target)}

    assert [a.value for a in bases["KZ"].actuals if a.period_label == "2023"] == [
        Decimal("4.4000")]
    assert not bases["other"].from_warehouse
    assert bases["other"].actuals[0].value == Decimal("4.3")


def test_changing_the_target_record_changes_the_pace_everywhere(client, target):
    admin = User.objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(admin)
    before = _everywhere(client, target.pk)

    services.update_target(target, {"target_value": Decimal("20")}, actor=admin,
                           expected_version=target.version)
    after = _everywhere(client, target.pk)

    old, new = _required(10), _required(20)
    assert (old, new) == ("12.4", "24.1")
    for page in ("target page", "trade page", "dashboard"):
        assert old in before[page] and new not in before[page], page
        assert new in after[page] and old not in after[page], page
    expected = pace_to_target([(2018, 3.397683398), (2023, 4.4)], 20, 2030).required_growth
    for edge in ("pack", "api", "targets api", "command"):
        assert round(before[edge], 1) == 12.4, edge
        assert round(after[edge], 1) == round(expected, 1) == 24.1, edge


def test_the_command_says_which_target_it_used_and_takes_an_explicit_one(target):
    def run(*options):
        out, err = StringIO(), StringIO()
        call_command("trade", "indicators", "--json", *options, stdout=out, stderr=err)
        return json.loads(out.getvalue())["target"], err.getvalue()

    pace, said = run()
    assert f"target record {target.pk} (Mutual trade of $10 bn)" in said
    assert pace["target_value"] == 10e9 and pace["target_year"] == 2030
    pace, said = run("--target=5e9")  # the year from the record
    assert (pace["target_value"], pace["target_year"]) == (5e9, 2030)
    assert pace["target_source"] == f"as asked, the rest from target record {target.pk} " \
                                    "(Mutual trade of $10 bn)"
    target.delete()
    pace, said = run()
    assert pace is None and "No target" in said
    with pytest.raises(CommandError, match="--target-year: The commission has no trade target"):
        run("--target=5e9")
