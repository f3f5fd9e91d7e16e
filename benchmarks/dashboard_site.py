"""bilat's settings and URLs plus one bare view, the floor of the dashboard benchmark.

The floor goes through the same server, middleware and session handling as the dashboard,
so the ratio dashboard/floor is what the dashboard itself costs. Used only by
``bench_dashboard.py`` (``--settings benchmarks.dashboard_site``).
"""

import os
import time

from bilat.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.dashboard_site"
# With BILAT_BENCH_CPU_LOG naming a file, each request's CPU time in its own thread (the
# server's Python work for it, whatever the other threads do) is appended to it by route.
if os.environ.get("BILAT_BENCH_CPU_LOG"):
    MIDDLEWARE = ["benchmarks.dashboard_site.CpuPerRequest", *MIDDLEWARE]  # noqa: F405


class CpuPerRequest:
    """Write "METHOD route (user)<TAB>CPU ms<TAB>end (time.time())<TAB>process<TAB>ahead" for
    each request to BILAT_BENCH_CPU_LOG (ahead: 1 for a page made ahead, ``briefings.warm``)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.out = open(os.environ["BILAT_BENCH_CPU_LOG"], "a", buffering=1)  # noqa: SIM115

    def __call__(self, request):
        began = time.thread_time()
        response = self.get_response(request)
        used = time.thread_time() - began
        match = request.resolver_match
        user = getattr(request, "user", None)
        who = user.get_username() if user is not None and user.is_authenticated else "public"
        ahead = int(bool(getattr(request, "bilat_warming", False)))
        self.out.write(f"{request.method} /{match.route if match else request.path} ({who})"
                       f"\t{1000 * used:.2f}\t{time.time():.3f}\t{os.getpid()}\t{ahead}\n")
        return response


def floor(request):
    """A bare Django view: the least any page on this server can cost; with ``?signed-in``,
    the least a signed-in reader's page costs (their session and user read)."""
    from django.http import HttpResponse

    if "signed-in" in request.GET and not request.user.is_authenticated:
        return HttpResponse(b"not signed in\n", content_type="text/plain", status=403)
    return HttpResponse(b"floor\n", content_type="text/plain")


def __getattr__(name: str):
    # The URLs are read when the first request comes, after the apps are loaded; this
    # module is imported earlier, as the settings.
    if name != "urlpatterns":
        raise AttributeError(name)
    from django.urls import include, path

    return [path("bench/floor/", floor), path("", include("bilat.urls"))]


def serve(port: int, workers: int) -> None:
    """Django's threaded development server class, pre-forked into ``workers`` processes.

    Only the standard library and Django (bilat's production server is ``bilat serve``,
    granian; this stays the baseline of bench_dashboard.py). Each process accepts on the same listening socket, so both
    cores serve requests, not just the one the GIL allows a single process.
    """
    import signal
    import socket

    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args) -> None:
            pass

    class Server(ThreadedWSGIServer):
        def get_request(self):
            # wsgiref sends the headers and the body in two writes: with Nagle's algorithm
            # the body waits for the client's delayed ACK (~40 ms on Linux) on kept-alive
            # connections. runserver has that stall; a production server does not.
            conn, address = super().get_request()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return conn, address

    app = get_wsgi_application()  # before the fork; no database connection is open yet
    server = Server(("127.0.0.1", port), QuietHandler)
    server.set_app(app)
    children = []
    for _ in range(workers - 1):
        pid = os.fork()
        if pid == 0:
            server.serve_forever()
            os._exit(0)
        children.append(pid)

    def stop(*_args) -> None:
        for pid in children:
            os.kill(pid, signal.SIGTERM)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    server.serve_forever()


if __name__ == "__main__":
    import argparse

    import django

    parser = argparse.ArgumentParser(description="Serve bilat with pre-forked threaded servers.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    options = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.dashboard_site"
    django.setup()
    serve(options.port, options.workers)
