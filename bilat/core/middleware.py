"""Request plumbing: a request id and the write channel for the change log."""

import uuid

from .context import write_context


class RequestIdMiddleware:
    """Give every request an id and tell the change log whether writes come from a page, the API or the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
        path = request.path_info
        if path.startswith("/api/"):
            channel = "api"
        elif path.startswith("/admin/"):
            channel = "admin"
        else:
            channel = "page"
        with write_context(channel=channel, request_id=request.id):
            response = self.get_response(request)
        response["X-Request-Id"] = request.id
        return response
