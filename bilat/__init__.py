"""bilat: the registry, statistics and briefings of a joint intergovernmental commission."""

__version__ = "0.1.0"
