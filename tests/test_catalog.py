"""The German catalog is complete: every message of the code has a translation, none is fuzzy,
and each keeps exactly the placeholders of its English msgid."""

from __future__ import annotations

import os
import re

import pytest

from .messages import CATALOG, code_messages

# These tests read the source. Under mutmut (CONTRIBUTING.md, "Mutation testing") the source is its mutated
# copy, full of functions and strings that are no messages of the tool: there they skip, and only
# there (mutmut sets MUTANT_UNDER_TEST in every run it makes, and nothing else does).
reads_the_source = pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ, reason="mutmut's copy of the source is no source to check"
)

_PLACEHOLDER = re.compile(r"\{(\w+)(![rsa])?(:[^}]*)?\}")


def placeholders(text: str) -> set[str]:
    """The placeholders of a str.format template, each as written: {name}, {name!r} (one may
    be used twice: German repeats a name where English says "it")."""
    return {match.group(0) for match in _PLACEHOLDER.finditer(text)}


def german() -> dict[str | tuple[str, str], object]:
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as source:
        catalog = read_po(source, locale="de")
    return {message.id: message for message in catalog if message.id}


@reads_the_source
def test_every_message_of_the_code_has_a_german_translation() -> None:
    found = german()
    by_singular = {(key[0] if isinstance(key, tuple) else key): key for key in found}
    missing = []
    for msgid, plural in code_messages().items():
        key = by_singular.get(msgid)
        if key is None:
            missing.append(msgid)
            continue
        message = found[key]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        if not all(strings):
            missing.append(msgid)
        if plural is not None:
            assert isinstance(key, tuple) and key[1] == plural, f"{msgid!r} needs plural forms"
    assert missing == []


@reads_the_source
def test_no_translation_is_fuzzy_and_none_is_left_over() -> None:
    messages = code_messages()
    for key, message in german().items():
        assert not message.fuzzy, f"fuzzy: {key!r}"  # type: ignore[attr-defined]
        singular = key[0] if isinstance(key, tuple) else key
        assert singular in messages, f"the catalog has a message the code no longer uses: {key!r}"


def test_every_translation_keeps_the_placeholders_of_its_msgid() -> None:
    for key, message in german().items():
        sources = key if isinstance(key, tuple) else (key,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        wanted = placeholders(sources[0])
        for source in sources:
            assert placeholders(source) == wanted, f"singular and plural differ: {key!r}"
        for string in strings:
            assert placeholders(string) == wanted, f"{key!r} -> {string!r}"


@pytest.mark.parametrize(
    ("english", "german_text", "right"),
    [
        ("{name} hosts.", "{name} richtet aus.", True),
        ("{name} hosts.", "{nam} richtet aus.", False),
        ("on {date}", "am Datum", False),
        ("No such command {name!r}.", "Unbekannter Befehl {name}.", False),
    ],
)
def test_the_placeholder_check_tells_right_from_wrong(
    english: str, german_text: str, right: bool
) -> None:
    assert (placeholders(english) == placeholders(german_text)) is right


@reads_the_source
def test_the_extraction_finds_messages_of_every_kind() -> None:
    found = code_messages()
    assert "the file" in found  # N_ in the core
    assert found["in {count} day"] == "in {count} days"  # facts(singular, plural)
    assert found["{count} problem:"] == "{count} problems:"  # Words.plural
    assert "Who hosts the next meeting, where, when (if known), and why." in found  # docstring
    assert "Show this message and exit." in found  # click's own words
    assert "Options" in found  # typer's gettext words


@reads_the_source
def test_no_error_of_the_code_is_plain_english_text() -> None:
    """An error is raised with a `Message` (or a `fact(...)`), never with an f-string or a
    plain string: those could not be said in German."""
    import ast

    from .messages import SOURCE

    bad = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            plain = isinstance(node.args[0], ast.JoinedStr | ast.Constant)
            if plain and name.endswith("Error") and name not in ("ValueError", "AssertionError"):
                bad.append(f"{path.name}:{node.lineno}")
    assert bad == []


# Words that German writes as English does; the months' names April, August, September and
# November are German words too.
SAME_IN_GERMAN = {
    *("Name", "NAME", "Status", "true/false", "optional", "Institution"),
    *("April", "August", "September", "November"),
}


def test_no_translation_is_the_english_text_left_as_it_is() -> None:
    """A msgstr that repeats its msgid is English in a German sentence, unless the msgid holds
    no words at all ("{path}: {why}") or words German shares."""
    same = set()
    for key, message in german().items():
        sources = key if isinstance(key, tuple) else (key,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        for source, string in zip(sources, strings, strict=False):
            words = re.sub(_PLACEHOLDER, "", source)
            if string == source and re.search(r"[A-Za-z]{2}", words):
                same.add(source)
    assert same == SAME_IN_GERMAN


def test_every_message_is_defined_once() -> None:
    """Branches merged with git's union driver keep both sides' lines: an entry added on two
    branches would stand twice (msgfmt refuses such a catalog; Babel silently takes the last)."""
    text = CATALOG.read_text(encoding="utf-8")
    keys = re.findall(r'^(?:msgctxt (".*")\n)?msgid ((?:".*"\n)+)', text, re.MULTILINE)
    seen: set[tuple[str, str]] = set()
    twice = [key for key in keys if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
    assert twice == []


# The messages that go into Markdown and editors, not onto a terminal: the file's declaration
# (the reference network-file.md, the JSON Schema's descriptions, the starter file's comments, all
# of which write keys and commands as code) and the notes atop the generated references.
WRITTEN_AS_MARKDOWN = {
    "netzwerk_cli/file/schema.py",
    "netzwerk_cli/file/serverschema.py",
    "netzwerk_cli/file/reference.py",
    "netzwerk_cli/cli/reference.py",
}


@reads_the_source
def test_german_on_a_terminal_quotes_commands_instead_of_markdown_backticks() -> None:
    """A terminal shows `netzwerk plan` with its backticks, and so does --help (typer's Rich markup
    is off): the German of every error, note and help text quotes a command or key as German text
    does, „netzwerk plan“ (found in the German first week; `remind` did so already)."""
    from babel.messages.extract import extract_from_dir

    from .messages import KEYWORDS, SOURCE, help_texts

    on_terminal = set(help_texts())
    for file, _line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        if file not in WRITTEN_AS_MARKDOWN:
            on_terminal.add(message[0] if isinstance(message, tuple) else message)
    found = german()
    backticks = []
    for key, message in found.items():
        msgid = key[0] if isinstance(key, tuple) else key
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        if msgid in on_terminal and any("`" in string for string in strings):
            backticks.append(msgid)
    assert backticks == []
    assert "How many weeks before a meeting `netzwerk remind` reminds of it." not in on_terminal


def test_german_quotes_a_value_with_german_quotes() -> None:
    """A value the user typed is quoted „…“ in German, never 'x' or "x" (a TOML value to write
    keeps its TOML form, `status = "held"`, and is no placeholder): in the catalog's msgstrs, and
    for the values the code quotes itself (`Typed`), as the German first week found them."""
    from netzwerk_cli.message import Typed, fact
    from netzwerk_cli.model import Language
    from netzwerk_cli.words import words

    straight = re.compile(r"""(?<!= )['"]\{\w+(![rsa])?\}['"]""")  # not: venue = "{seat}"
    quoted = []
    for message in german().values():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        quoted += [string for string in strings if straight.search(string)]
    assert quoted == []
    bad = fact(
        "{key} {value} is not one of {options}",
        key="status",
        value=Typed("stattgefunden"),
        options=['"held"', '"planned"'],
    )
    assert words(Language.DE).say(bad) == (
        'status „stattgefunden“ ist keiner der zulässigen Werte "held", "planned"'
    )
    assert words(Language.EN).say(bad) == (
        'status \'stattgefunden\' is not one of "held", "planned"'
    )
    said = fact(
        'not understood: {words}. Say when the network meets like this: "every second Tuesday in March, July and November", "every three months on the first Wednesday", "every two weeks on Monday"',
        words=[Typed("Quartal", '"')],
    )
    assert words(Language.DE).say(said).startswith("nicht verstanden: „Quartal“. ")
    assert words(Language.EN).say(said).startswith('not understood: "Quartal". ')
