"""The console script: the start of a whole process, before the command layer is imported.

Python's cyclic garbage collector runs after every 700 new container objects, and its older
generations' collections walk every object alive. Importing typer, click and the command layer
creates tens of thousands of objects that live until the process ends, none of them garbage: in
one `next-host` on the bundled file the collector ran 71 times (about 16 ms on the development
machine, counted with `gc.callbacks`), 34 of them during those imports. So the start imports with
the collector paused, moves what it imported out of the collector's way (`gc.freeze`: modules,
classes and functions are never garbage), and turns the collector on again for the command,
whose collections then walk only what the command makes (about 9 ms in all). Cycles the command
creates are still collected.

Only the process's entry point changes the interpreter; importing the package as a library (the
tests call `netzwerk_cli.cli.app`) changes nothing.
"""

import gc


def main() -> None:
    """Run the command line, as the `netzwerk` script and `python -m netzwerk_cli` do."""
    gc.disable()
    try:
        from netzwerk_cli.cli.app import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()
