"""The demo's release and the briefing pack's data notes drawn from the checker.

Apart from the other app tests: the demo is loaded once per module and stays for the module.
"""

from datetime import date

import pytest

from bilat.claims.models import Document

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_release_of_the_21st_session(demo):
    from bilat.demo.steps.claims import ADDRESS

    document = Document.objects.get(address=ADDRESS)
    assert document.published_on == date(2024, 7, 12) and document.reporter == "KZ"
    assert document.claims.count() == 21
    assert document.claims.get(text="$4.5 billion").verdict == "inconsistent"
    # The registry the demo loads confirms the portfolio the release gives.
    assert document.claims.get(indicator="projects_count").verdict == "consistent"


def test_the_briefing_packs_data_notes_come_from_the_checker(demo, with_warehouse):
    from bilat.briefings import services as briefings
    from bilat.meetings.models import Meeting

    snapshot = briefings.snapshot_for(Meeting.objects.get(number=21), actor=None)
    md = briefings.produce_briefing(snapshot, lang="en", fmt="md").decode("utf-8")
    notes = md.split("## Data notes", 1)[1]
    assert "One claim with two values: trade\\_turnover for 2023" in notes  # escaped markdown
    assert "Denominator mismatch: 57 % is Uzbekistan's share of Kazakhstan's trade" in notes
    assert "Two figures for turnover" not in notes  # the hand-written note gave way
