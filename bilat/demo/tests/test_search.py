"""Search on the demo: the places and names users type find the right records (issue 13)."""

from django.contrib.auth.models import User

from bilat.work.search import search


def found(user, text) -> dict[str, list[str]]:
    return {g.key: [h.label.split(" —")[0] for h in g.hits] for g in search(user, text)}


def test_taraz_darbaza_and_a_control_number(demo):
    secretariat = User.objects.get(username="kz-secretariat")
    taraz = found(secretariat, "Taraz")
    assert "IC-TARAZ" in taraz["projects"]
    darbaza = found(secretariat, "Дарбаза")
    assert "TR-DARBAZA" in darbaza["projects"]
    assert found(secretariat, "IGC21-06")["decisions"] == ["IGC21-06"]


def test_the_public_finds_only_public_records(demo):
    from bilat.decisions.models import Decision

    secretariat = User.objects.get(username="kz-secretariat")
    restricted = Decision.objects.filter(access_tier="restricted").first()
    assert restricted is not None, "the demo has a restricted decision"
    assert found(secretariat, restricted.control_number)["decisions"] == [
        restricted.control_number]
    assert "decisions" not in found(None, restricted.control_number)
    public_hits = found(None, "IGC21")
    shown = Decision.objects.filter(control_number__in=public_hits.get("decisions", []))
    assert shown and set(shown.values_list("access_tier", flat=True)) == {"public"}
