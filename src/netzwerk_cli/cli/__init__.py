"""The command layer: the only place that parses options, reads the clock, prints and exits.

It is a package rather than one `cli.py` because the commands of a dozen verbs would make a module
of well over a thousand lines; each module groups commands that share their helpers.
"""

from netzwerk_cli.cli import calendar, edit, query  # noqa: F401  (registers the commands)
from netzwerk_cli.cli.app import app, main

__all__ = ["app", "main"]
