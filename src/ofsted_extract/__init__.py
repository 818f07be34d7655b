"""ofsted-extract: Ofsted children's-services inspection outcomes from news articles."""

__version__ = "0.1.0"
