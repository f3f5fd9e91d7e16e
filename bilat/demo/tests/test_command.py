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
    assert Decision.objects.filter(commission__code="kz-uz").count() == 21
    assert Decision.objects.filter(commission__code="kz-kg").count() == 3


class FakeWorker:
    """Stands in for the ``bilat worker`` process."""

    pid = 4242

    def __init__(self, args, **kwargs):
        self.args = args
        self.terminated = False
        FakeWorker.last = self

    def poll(self):
        return 0 if self.terminated else None

    def terminate(self):
        self.terminated = True

    def wait(self, timeout=None):
        return 0


def test_serving_starts_the_worker_and_stops_it_when_the_server_stops(monkeypatch):
    import signal

    from bilat.demo.management.commands import demo

    served = []

    def fake_call_command(name, *args, **kwargs):
        served.append((name, args, kwargs))
        raise KeyboardInterrupt  # the user presses Ctrl-C

    monkeypatch.setattr(demo.subprocess, "Popen", FakeWorker)
    monkeypatch.setattr(demo, "call_command", fake_call_command)
    monkeypatch.setattr(demo, "get_commands", lambda: {"worker": "bilat.core", "demo": "x"})
    previous = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        command = demo.Command(stdout=StringIO())
        try:
            command.serve("127.0.0.1", 8123)
        except KeyboardInterrupt:
            pass
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])

    assert served == [("runserver", ("127.0.0.1:8123",), {"use_reloader": False})]
    assert FakeWorker.last.args[-1] == "worker"
    assert FakeWorker.last.terminated
