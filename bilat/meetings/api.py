"""REST API of the meetings app."""


def register(router) -> None:
    """Add this app's view sets to the API router."""
