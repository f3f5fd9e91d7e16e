"""REST API of the directory app."""


def register(router) -> None:
    """Add this app's view sets to the API router."""
