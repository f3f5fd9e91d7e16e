"""Units of water series, converted to the units volumes are computed in (m, m³/s, Mm³)."""

from __future__ import annotations

SECONDS_PER_DAY = 86_400

# unit → (quantity, factor to the base unit of that quantity)
UNITS: dict[str, tuple[str, float]] = {
    "m": ("length", 1.0),
    "cm": ("length", 0.01),
    "m3/s": ("flow", 1.0),
    "l/s": ("flow", 0.001),
    "m3": ("volume", 1.0),
    "Mm3": ("volume", 1e6),
    "km3": ("volume", 1e9),
}
PARAMETER_QUANTITY = {
    "stage": "length", "reservoir_level": "length", "discharge": "flow",
    "volume": "volume", "storage": "volume",
}


def to_base(value: float, unit: str) -> float:
    """A value in the base unit of its quantity (m, m³/s, m³)."""
    return value * UNITS[unit][1]


def mm3_from_flow(m3_per_s: float, seconds: float) -> float:
    """Million m³ passed by a steady flow over ``seconds`` (Σ Q·Δt / 10⁶)."""
    return m3_per_s * seconds / 1e6


def unit_fits(parameter: str, unit: str) -> bool:
    """Whether ``unit`` measures the quantity of ``parameter``."""
    return unit in UNITS and UNITS[unit][0] == PARAMETER_QUANTITY.get(parameter)
