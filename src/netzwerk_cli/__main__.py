"""`python -m netzwerk_cli` runs the command line."""

from netzwerk_cli.cli import main

main()
