"""digest: turn a folder of news articles into a dated newsletter issue."""

__version__ = "0.1.0"
