"""REST API of the projects app."""


def register(router) -> None:
    """Add this app's view sets to the API router."""
