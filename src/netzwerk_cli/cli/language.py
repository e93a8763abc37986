"""The language of the terminal: which one a run speaks, and speaking it for the run.

Which language: the first of `--lang de|en` (read from the arguments before click parses them, so
that `--help` is in it too), `NETZWERK_LANG`, the locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
`LANG`, read as gettext reads them), the network file's `language` (looked up in the text of the
run's one read of the file, never by opening it again), then English. What the network shares
(calendar texts) is not decided here: it is always in `network.language`.

typer's own words (`typer.core`: "Options", "Commands", "default: ...", "Missing command.") go
through `gettext.gettext`, i.e. gettext's global text domain and the language in `LANGUAGE`. For
one run, `speaking` points that domain at our catalog and `LANGUAGE` at the chosen language, and
puts both back afterwards (tests run many commands in one process). click's words, which it
writes without gettext, are said by `cli.clickwords`.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from netzwerk_cli.model import Language
from netzwerk_cli.words import DOMAIN, LOCALE_DIR, Words, words

LANG_OPTION = "--lang"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_locale(value: str) -> Language | None:
    """`de_DE.UTF-8`, `de_AT`, `de` -> German, `en_GB` -> English; anything else -> None."""
    code = re.split(r"[_.@-]", value.strip(), maxsplit=1)[0].lower()
    try:
        return Language(code)
    except ValueError:
        return None


def option_language(args: Sequence[str], option: str = LANG_OPTION) -> Language | None:
    """The value of the last `--lang de|en` (or `--lang=de`, `--lang DE`) before `--`; None
    without one (an unknown value is left to click, which reports it as a usage error)."""
    found: Language | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value: str | None = None
        if arg == option and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith(option + "="):
            value = arg.partition("=")[2]
        if value is not None and value.lower() in ("de", "en"):
            found = Language(value.lower())
    return found


def new_file_language(args: Sequence[str]) -> Language | None:
    """For `init`, the language it writes the new file in (`--language`): the file's language,
    before there is a file to read it from."""
    words = [arg for arg, before in zip(args, ["", *args], strict=False) if before != LANG_OPTION]
    command = next((arg for arg in words if not arg.startswith("-")), None)
    return option_language(args, "--language") if command == "init" else None


def environment_language(environ: Mapping[str, str]) -> Language | None:
    """`NETZWERK_LANG`, else the locale as gettext reads it: the first of LANGUAGE, LC_ALL,
    LC_MESSAGES and LANG that is set (LANGUAGE may list several, "de:en"); C and POSIX, or a
    language netzwerk does not speak, say nothing."""
    own = environ.get("NETZWERK_LANG", "")
    if own:
        chosen = language_from_locale(own)
        if chosen is not None:
            return chosen
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            for entry in value.split(":"):
                if entry in ("C", "POSIX") or entry.startswith(("C.", "POSIX.")):
                    return None
                chosen = language_from_locale(entry)
                if chosen is not None:
                    return chosen
            return None
    return None


_TABLE_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_.\"' -]+?)\s*\]\s*(?:#.*)?$")
_LANGUAGE_KEY = re.compile(r"""\s*language\s*=\s*["'](de|en)["']\s*(?:#.*)?$""")


def file_language(text: str) -> Language | None:
    """The `language` of the [network] table of a network file's text, looked at cheaply (no TOML
    parser: the command parses and validates the text itself a moment later)."""
    table: str | None = None
    for line in text.splitlines():
        header = _TABLE_HEADER.match(line)
        if header is not None and not line.lstrip().startswith("[["):
            table = header.group(1).strip("\"'")
            continue
        if line.lstrip().startswith("[["):
            table = None
            continue
        if table == "network":
            key = _LANGUAGE_KEY.match(line)
            if key is not None:
                return Language(key.group(1))
    return None


def file_argument(args: Sequence[str], environ: Mapping[str, str]) -> Path:
    """The network file a command will read: --file/-f, else NETZWERK_FILE, else ./network.toml."""
    from netzwerk_cli.file.store import DEFAULT_FILE

    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--file", "-f") and index + 1 < len(args):
            return Path(args[index + 1])
        if arg.startswith("--file="):
            return Path(arg.partition("=")[2])
        if arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            return Path(arg[2:])
    return Path(environ.get("NETZWERK_FILE") or DEFAULT_FILE)


def terminal_language(
    args: Sequence[str], environ: Mapping[str, str], *, file_text: Callable[[], str | None]
) -> Language:
    """The language of everything this run prints for people (see the module's docstring).

    `file_text` gives the network file's text as the run reads it (None when it cannot be read);
    it is asked only when neither the arguments nor the environment choose a language."""
    chosen = option_language(args) or environment_language(environ) or new_file_language(args)
    if chosen is not None:
        return chosen
    text = file_text()
    return (file_language(text) if text is not None else None) or Language.EN


_spoken = [words(Language.EN)]  # the terminal's words for the run under way


def spoken() -> Words:
    """The words of the run under way (English outside a run)."""
    return _spoken[-1]


@contextlib.contextmanager
def speaking(language: Language) -> Iterator[Words]:
    """For one run: the terminal's words, and typer's gettext lookups answered from our catalog
    in `language`; all as it was afterwards."""
    domain = gettext.textdomain()
    before = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    # English has no catalog: gettext then answers with the English text itself.
    os.environ["LANGUAGE"] = language.value
    _spoken.append(words(language))
    try:
        yield _spoken[-1]
    finally:
        _spoken.pop()
        gettext.textdomain(domain)
        if before is None:
            del os.environ["LANGUAGE"]
        else:
            os.environ["LANGUAGE"] = before
