"""Client Check: should I let this client go?"""

__version__ = "1.0.0"
