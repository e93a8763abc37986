"""The command layer: the only place that parses options, reads the clock, prints and exits.

It is a package rather than one `cli.py` because the commands of a dozen verbs would make a module
of well over a thousand lines; each module groups commands that share their helpers.

Unlike the core, the command modules do not use `from __future__ import annotations`: typer reads
the annotations of every command at each start, and evaluating them from strings made building
the command tree cost 19 ms instead of 4 ms (measured), more than all of our own code. Names that
exist only for the type checker are quoted by hand.
"""

from netzwerk_cli.cli.app import app, main

__all__ = ["app", "main"]
