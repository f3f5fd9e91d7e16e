"""Pages of the targets app."""
