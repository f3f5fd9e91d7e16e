"""The load of `make bench-load`: the public, viewers, officers, secretariats, and a bare view.

Run by ``benchmarks/bench_load.py``, which starts `bilat serve` (with ``benchmarks.dashboard_site``
for the bare view at ``/bench/floor/``), the worker and the database, and loads the trade
warehouse again in the middle of the run. Officers report on the decision parts named in
``BILAT_BENCH_SETUP`` (JSON: "parts": username -> [[decision id, side code], …], one part per
officer; "sessions": username -> session keys, one per signed-in locust user),
each with an evidence file; each side's verifying secretariat returns the reports waiting, so
the cycle goes on for the whole run. Secretariats also export and preview an import of the
decisions spreadsheet. Each request is named by its page, ids replaced by ``[id]``; the home page by whom it shows
what (the dashboard of the public, of a viewer; a secretariat's My work).

The users are locust's ``FastHttpUser`` (geventhttpclient), not ``HttpUser`` (requests): the load
generator shares the server's two cores, and the fast client spends about half the CPU per
request (docs/benchmarks.md); the scenario, its mix and its think time are the same.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from datetime import date
from http.cookiejar import Cookie
from urllib.parse import urlsplit

from locust import FastHttpUser, HttpUser, between, events, task

SETUP = json.loads(os.environ.get("BILAT_BENCH_SETUP", '{"parts": {}, "sessions": {}}'))
PARTS = SETUP["parts"]
SESSIONS = {name: iter(keys) for name, keys in SETUP["sessions"].items()}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_next_part = {name: itertools.count() for name in PARTS}
# bench_load.py --client requests: the requests-based client, to compare what each costs.
CLIENT = HttpUser if os.environ.get("BILAT_BENCH_CLIENT") == "requests" else FastHttpUser
# bench_load.py --think MIN,MAX: seconds each user waits between two tasks (0.5–1.5 by default:
# each user asks about once a second, a load of about one request a second per user).
THINK = tuple(float(x) for x in os.environ.get("BILAT_BENCH_THINK", "0.5,1.5").split(","))
# bench_load.py: each request's end time, page, milliseconds and failure, one line each, for the
# figures of a part of the run (after every user has started) that locust's own do not give.
TIMES = os.environ.get("BILAT_BENCH_TIMES")

if TIMES:
    _times = open(TIMES, "a", buffering=1 << 16)  # noqa: SIM115 - open for the whole run

    @events.request.add_listener
    def _note(request_type, name, response_time, exception=None, **_kwargs) -> None:
        _times.write(f"{time.time():.3f}\t{request_type}\t{name}\t{response_time:.1f}\t"
                     f"{int(exception is not None)}\n")

    @events.quitting.add_listener
    def _close(**_kwargs) -> None:
        _times.close()


class Visitor(CLIENT):
    """Someone reading bilat; signed in as ``username`` unless it is empty."""

    abstract = True
    wait_time = between(*THINK)
    username = ""

    def on_start(self) -> None:
        self.decisions: list[int] = []
        if self.username:  # signed in: a session of its own, and the CSRF cookie
            self.set_cookie("sessionid", next(SESSIONS[self.username]))
            me = self.client.get("/accounts/me/", name="/accounts/me/", allow_redirects=False)
            assert me.status_code == 200, f"the session made for {self.username} is not signed in"
            self.client.get("/accounts/login/", name="/accounts/login/")

    def set_cookie(self, name: str, value: str) -> None:
        """A cookie for the server, as if it had set it (the client's cookie jar sends it)."""
        if not hasattr(self.client, "cookiejar"):  # HttpUser
            self.client.cookies.set(name, value)
            return
        host = urlsplit(self.host).hostname or ""
        self.client.cookiejar.set_cookie(Cookie(
            version=0, name=name, value=value, port=None, port_specified=False, domain=host,
            domain_specified=False, domain_initial_dot=False, path="/", path_specified=True,
            secure=False, expires=None, discard=True, comment=None, comment_url=None, rest={}))

    def cookie(self, name: str) -> str:
        jar = getattr(self.client, "cookiejar", None) or self.client.cookies
        return next((c.value for c in jar if c.name == name), "") or ""

    def csrf(self) -> str:
        return self.cookie("csrftoken")

    def page(self, url: str, name: str | None = None):
        return self.client.get(url, name=name or url)

    def read_decisions(self) -> None:
        response = self.page("/decisions/")
        self.decisions = [int(pk) for pk in re.findall(r'href="/decisions/(\d+)/"',
                                                       response.text or "")] or self.decisions
        if self.decisions:
            self.page(f"/decisions/{random.choice(self.decisions)}/", "/decisions/[id]/")


class Public(Visitor):
    weight = 40

    @task(4)
    def dashboard(self) -> None:
        self.page("/", "/ (public)")

    @task(2)
    def bare_view(self) -> None:
        self.page("/bench/floor/")

    @task(2)
    def decisions(self) -> None:
        self.read_decisions()

    @task(1)
    def projects(self) -> None:
        self.page("/projects/")

    @task(2)
    def trade(self) -> None:
        self.page("/trade/")
        self.page("/trade/KZ-UZ/")

    @task(1)
    def meetings(self) -> None:
        self.page("/meetings/")


class Viewer(Visitor):
    weight = 30
    username = "viewer"

    @task(4)
    def dashboard(self) -> None:
        self.page("/", "/ (viewer)")

    @task(1)
    def bare_view(self) -> None:
        """The bare view as a signed-in reader asks it: their session and user read, nothing
        else (what any page of theirs costs before it does anything)."""
        self.page("/bench/floor/?signed-in", "/bench/floor/ (signed in)")

    @task(3)
    def decisions(self) -> None:
        self.read_decisions()

    @task(1)
    def portfolio(self) -> None:
        self.page("/projects/portfolio/")

    @task(1)
    def targets(self) -> None:
        self.page("/targets/")

    @task(1)
    def trade(self) -> None:
        self.page("/trade/KZ-UZ/")

    @task(1)
    def briefing_pack(self) -> None:
        """Download the latest session's briefing pack (frozen, then rendered): the one kind
        of page the goal leaves out of the 300 ms."""
        meetings = re.findall(r'href="/meetings/(\d+)/"', self.page("/meetings/").text or "")
        if not meetings:
            return
        fmt = random.choice(["html", "docx", "pdf"])
        self.client.post(f"/briefings/meetings/{meetings[0]}/download/",
                         name=f"/briefings/…/download/ (pack download, {fmt})",
                         data={"lang": random.choice(["en", "ru"]), "format": fmt,
                               "csrfmiddlewaretoken": self.csrf()})


class Officer(Visitor):
    """Reads, and reports on one decision part of their side with an evidence file."""

    weight = 15
    abstract = True

    def on_start(self) -> None:
        super().on_start()
        parts = PARTS.get(self.username) or []
        index = next(_next_part[self.username]) if parts else None
        self.part = parts[index] if index is not None and index < len(parts) else None

    @task(3)
    def decisions(self) -> None:
        self.read_decisions()

    @task(1)
    def report(self) -> None:
        if not self.part:
            return
        pk, side = self.part
        for _attempt in range(2):  # a stale version (409) is read again and sent once more
            decision = self.client.get(f"/api/v1/decisions/{pk}/",
                                       name="/api/v1/decisions/[id]/").json()
            status = next((s["status"] for s in decision.get("sides", [])
                           if s.get("side") == side), "")
            if status in ("reported", "done", "not_done"):
                return  # waiting for the secretariat
            with self.client.post(
                f"/api/v1/decisions/{pk}/sides/{side}/reports/",
                name="/api/v1/decisions/[id]/sides/[side]/reports/ (report with evidence)",
                headers={"X-CSRFToken": self.csrf(), "Referer": self.host + "/"},
                data={"as_of": date.today().isoformat(), "text": "Done as agreed (load test).",
                      "version": str(decision["version"])},
                files={"evidence": ("evidence.pdf", PDF, "application/pdf")},
                catch_response=True,
            ) as response:
                if not _conflict(response):
                    return


def _conflict(response) -> bool:
    """Whether a write met a newer version (the other side's officer or a verifier wrote to the
    decision between the read and the write): the answer a client must get, counted on a row
    of its own ("409: read again and sent once more") instead of as a failure; the client reads
    the decision again and sends its report once more."""
    if response.status_code != 409:
        return False
    response.success()
    events.request.fire(request_type="POST", name="409: read again and sent once more",
                        response_time=0, response_length=0, exception=None, context={})
    return True


class KzOfficer(Officer):
    username = "kz-officer"


class UzOfficer(Officer):
    username = "uz-officer"
    weight = 5


class Secretariat(Visitor):
    """Reads the registry, exports the decisions and previews an import of them."""

    weight = 8
    username = "kz-secretariat"

    @task(2)
    def my_work(self) -> None:
        self.page("/", "/ (my work)")  # a secretariat's home: My work, not the dashboard

    @task(2)
    def dashboard(self) -> None:
        self.page("/overview/")

    @task(2)
    def decisions(self) -> None:
        self.read_decisions()

    @task(1)
    def discipline(self) -> None:
        self.page("/decisions/discipline/")

    @task(1)
    def export_and_preview_import(self) -> None:
        sheet = self.page("/decisions/export/?format=csv", "/decisions/export/ (csv)").content
        self.page("/decisions/import/")
        self.client.post("/decisions/import/", name="/decisions/import/ (preview)",
                         data={"csrfmiddlewaretoken": self.csrf()},
                         files={"file": ("decisions.csv", sheet, "text/csv")})


class Verifier(Visitor):
    """One per side: returns the reports awaiting verification, so officers report again."""

    abstract = True
    fixed_count = 1

    @task
    def verify(self) -> None:
        waiting = self.client.get("/api/v1/reports/?verification=submitted",
                                  name="/api/v1/reports/?verification=submitted").json()
        for report in waiting.get("results", [])[:3]:
            if (report["side"] != self.username[:2].upper()
                    or report["submitted_by"] == self.username):  # four eyes
                continue
            self.client.post(f"/api/v1/reports/{report['id']}/return/",
                             name="/api/v1/reports/[id]/return/ (verify)",
                             headers={"X-CSRFToken": self.csrf(), "Referer": self.host + "/"},
                             json={"return_reason": "Attach the signed act (load test).",
                                   "version": report["version"]})


class KzVerifier(Verifier):
    username = "kz-secretariat"


class UzVerifier(Verifier):
    username = "uz-secretariat"
