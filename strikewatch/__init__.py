"""strikewatch: news articles in, protest and strike events out."""
__version__ = "0.1.0"
