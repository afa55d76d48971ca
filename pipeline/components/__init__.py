"""The project's spaCy components; importing this package registers their factories."""

from pipeline.components import dates  # noqa: F401  (registers "statecraft_dates")
