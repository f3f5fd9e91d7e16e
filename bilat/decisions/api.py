"""REST API of the decisions app."""


def register(router) -> None:
    """Add this app's view sets to the API router."""
