"""Trade statistics: the DuckDB warehouse, its loaders, and the commission's trade metrics."""
