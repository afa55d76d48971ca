"""Statecraft: tag foreign-policy articles (entities, dates, policy instruments) into SQLite."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("statecraft-corpus")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"
