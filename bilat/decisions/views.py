"""Pages of the decisions app."""
