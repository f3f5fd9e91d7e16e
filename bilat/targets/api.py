"""REST API of the targets app."""


def register(router) -> None:
    """Add this app's view sets to the API router."""
