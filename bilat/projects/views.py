"""Pages of the projects app."""
