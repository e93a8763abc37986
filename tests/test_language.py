"""Which language the terminal speaks: --lang, NETZWERK_LANG, the locale, the file, English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netzwerk_cli.cli import app
from netzwerk_cli.cli.language import (
    environment_language,
    file_argument,
    file_language,
    language_from_locale,
    option_language,
    terminal_language,
)
from netzwerk_cli.model import Language

DE, EN = Language.DE, Language.EN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("de_DE.UTF-8", DE),
        ("de_AT", DE),
        ("de", DE),
        ("de_CH.utf8@euro", DE),
        ("en_GB.UTF-8", EN),
        ("C", None),
        ("POSIX", None),
        ("fr_FR.UTF-8", None),
        ("", None),
    ],
)
def test_a_locale_names_a_language(value: str, expected: Language | None) -> None:
    assert language_from_locale(value) is expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["next-host", "--lang", "de"], DE),
        (["--lang=en", "schedule"], EN),
        (["next-host", "--lang", "de", "--lang", "en"], EN),  # the last one, as click takes it
        (["next-host", "--lang", "fr"], None),  # click reports it
        (["record", "--", "--lang", "de"], None),
        (["next-host"], None),
    ],
)
def test_the_option(args: list[str], expected: Language | None) -> None:
    assert option_language(args) is expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"NETZWERK_LANG": "de", "LANG": "en_US.UTF-8"}, DE),
        ({"NETZWERK_LANG": "en", "LANG": "de_DE.UTF-8"}, EN),
        ({"LANGUAGE": "de:en", "LANG": "en_US.UTF-8"}, DE),
        ({"LANGUAGE": "fr:de"}, DE),  # the first language netzwerk speaks
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, DE),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, None),  # as gettext: LC_ALL wins, and says C
        ({"LC_MESSAGES": "en_GB", "LANG": "de_DE.UTF-8"}, EN),
        ({"LANG": "de_AT.UTF-8"}, DE),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_environment(environ: dict[str, str], expected: Language | None) -> None:
    assert environment_language(environ) is expected


def test_the_files_text_is_looked_at_cheaply_and_only_its_network_table() -> None:
    assert file_language('[network]\nname = "N"\nlanguage = "de"   # shared texts\n') is DE
    assert file_language('[network]\nname = "N"\n[[members]]\nlanguage = "de"\n') is None
    assert file_language("[network]\nlanguage = 'en'\n") is EN
    assert file_language("") is None


def test_the_order_option_environment_locale_file_english(tmp_path: Path) -> None:
    from netzwerk_cli.errors import NetworkFileError
    from netzwerk_cli.file.store import read_text

    path = tmp_path / "n.toml"
    path.write_text('[network]\nname = "N"\nlanguage = "de"\n', encoding="utf-8")
    asked: list[Path] = []

    def reader(args: list[str], environ: dict[str, str]) -> Callable[[], str | None]:
        """The file's text as the run reads it: the file `file_argument` names, read once."""

        def text() -> str | None:
            where = file_argument(args, environ)
            asked.append(where)
            try:
                return read_text(where)
            except NetworkFileError:
                return None

        return text

    def language(args: list[str], environ: dict[str, str]) -> Language:
        return terminal_language(args, environ, file_text=reader(args, environ))

    file_args = ["next-host", "-f", str(path)]
    assert language([*file_args, "--lang", "en"], {"NETZWERK_LANG": "de"}) is EN
    assert language(file_args, {"NETZWERK_LANG": "en", "LANG": "de_DE"}) is EN
    assert language(file_args, {"LANG": "en_US.UTF-8"}) is EN
    assert asked == []  # the file is not asked when the arguments or the environment choose
    assert language(file_args, {"LANG": "C"}) is DE  # no preference: the file's
    assert language(["next-host"], {"NETZWERK_FILE": str(path)}) is DE
    assert language([f"--file={path}"], {}) is DE
    assert language(["next-host", "-f", str(tmp_path / "none.toml")], {}) is EN
    assert asked == [path, path, path, tmp_path / "none.toml"]


def test_a_run_leaves_the_process_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gettext
    import os

    monkeypatch.delenv("LANGUAGE", raising=False)
    domain = gettext.textdomain()
    CliRunner().invoke(app, ["--help", "--lang", "de"])
    assert "LANGUAGE" not in os.environ
    assert gettext.textdomain() == domain
    english = CliRunner().invoke(app, ["--help"]).stdout
    assert english.startswith("Usage: netzwerk")


def test_an_unknown_lang_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["next-host", "--lang", "fr"])
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.stderr
