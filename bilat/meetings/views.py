"""Pages of the meetings app."""
