"""Pages of the directory app."""
