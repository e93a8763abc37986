"""netzwerk: rotating host meetings for a network of neighbouring districts."""

__version__ = "0.1.0"
