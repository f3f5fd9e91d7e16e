"""Quantitative claims in press releases: extraction and consistency checks (no Django models)."""
