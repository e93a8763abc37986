"""Values as the network file's TOML lines, as tomli-w renders them: a key's line, a table.

Pure: values in, text out. `file.tomlsurgery` puts the lines into the file's text.
"""

from __future__ import annotations

from collections.abc import Mapping

import tomli_w

from netzwerk_cli.core.edits import TomlValue


def render_table(array: str, values: Mapping[str, TomlValue], *, nl: str = "\n") -> str:
    """A `[[array]]` table as text, one `key = value` line per key, as tomli-w renders each."""
    # tomli-w would write a short array of tables inline (`meetings = [{...}]`), which the file
    # format's readers could not edit by hand as easily: so the header is ours, the values its.
    body = "".join(f"{render_line(key, value)}{nl}" for key, value in values.items())
    return f"[[{array}]]{nl}{body}"


def render_line(key: str, value: TomlValue) -> str:
    """One `key = value` line (without its newline) as tomli-w writes it; a list on one line,
    as people write a short one (`attended = ["HEF", "WAK"]`), where tomli-w would take one line
    per item."""
    if isinstance(value, list):
        items = ", ".join(render_value(item) for item in value)
        return f"{render_line(key, '')[:-2]}[{items}]"
    return tomli_w.dumps({key: value}).rstrip("\n")


def render_value(value: TomlValue) -> str:
    """A value as tomli-w writes it after `key = `."""
    line = render_line("v", value)
    return line[len("v = ") :]
