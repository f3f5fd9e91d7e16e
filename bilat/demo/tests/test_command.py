from io import StringIO

from django.core.management import call_command

from bilat.decisions.models import Decision


def test_the_demo_command_loads_prints_the_logins_and_does_not_serve_with_no_serve(db):
    out = StringIO()

    call_command("demo", "--no-serve", stdout=out)

    text = out.getvalue()
    assert "demo-kz-sec" in text and "kz-officer" in text
    assert "demo credentials" in text
    assert "- decisions" in text
    assert Decision.objects.count() == 20
