"""`python -m netzwerk_cli` runs the command line."""

from netzwerk_cli.start import main

main()
