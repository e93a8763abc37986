"""Every console example of the manual (docs/**/*.md) runs as written, in the page's language.

The convention, one for every page:

- A fenced block whose info string is `console` is run. Each line starting with `$ ` is a command
  and must start with `$ netzwerk ` (a line ending in ` \\` goes on in the next one); the lines
  after it, up to the next `$ ` line or the fence, are its expected output: stdout, then stderr,
  trailing spaces stripped, blank lines at the end ignored. A command may end in `> FILE`, which
  writes its stdout into FILE (no other shell: no pipes, no `&&`). An output line `...` stands for any
  number of lines (none too).
- A page runs its blocks in order, in one fresh temporary folder that is also the current folder
  and HOME, with NETZWERK_TODAY=2026-11-24, COLUMNS=80, NO_COLOR=1, and NETZWERK_LANG=de for pages
  under docs/de/, en under docs/en/. Where the output names that folder, the page writes `~`.
- `<!-- examples: bundled -->` in a page's first lines starts it with a copy of the bundled
  network.toml in that folder; `<!-- examples: today=2027-03-01 -->` sets another today (both may
  stand in one comment: `<!-- examples: bundled today=2027-03-01 -->`).
- Anything not to be run (cron lines, PowerShell, pip, TOML) goes in `text`, `toml`, `bash` or
  `powershell` blocks.

The commands run in this process through typer's CliRunner (a page of twenty commands would spend
seconds starting Python twenty times); `test_the_runner_shows_what_the_program_shows` holds that
this gives what the installed `netzwerk` prints.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import BUNDLED, ROOT

DOCS = ROOT / "docs"
TODAY = "2026-11-24"
ELLIPSIS = "..."
PROMPT = "$ "
# The first lines of a page that may hold its `<!-- examples: ... -->` settings.
HEAD_LINES = 10
SETTING = re.compile(r"<!--\s*examples:(?P<words>.*?)-->")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
SHELL_SIGNS = {"|", "||", "&&", ";", ">", ">>", "<", "2>", "2>&1", "&"}


@dataclass(frozen=True)
class Example:
    """One `$ netzwerk ...` line of a page and the output the page shows under it."""

    line: int
    command: str
    expected: tuple[str, ...]
    arguments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """A page of the manual: its language, its settings and its examples in order."""

    path: Path
    language: str
    today: str = TODAY
    bundled: bool = False
    examples: tuple[Example, ...] = field(default=())

    @property
    def name(self) -> str:
        return (
            self.path.relative_to(ROOT).as_posix()
            if self.path.is_relative_to(ROOT)
            else str(self.path)
        )


class PageError(ValueError):
    """A page breaks the convention (not: an example shows the wrong output)."""


def read_page(path: Path, text: str | None = None, *, language: str | None = None) -> Page:
    """The page at `path` (its text given, or read), its examples in order; its language that of
    its folder unless given (README.de.md)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    lines = text.splitlines()
    language = language or page_language(path)
    today, bundled = TODAY, False
    for match in SETTING.finditer("\n".join(lines[:HEAD_LINES])):
        for word in match.group("words").split():
            if word == "bundled":
                bundled = True
            elif word.startswith("today=") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", word[6:]):
                today = word[6:]
            else:
                raise PageError(f"{path}: unknown examples setting {word!r}")
    return Page(path, language, today, bundled, tuple(examples_of(path, lines)))


def page_language(path: Path) -> str:
    parts = path.parts
    for language in ("de", "en"):
        if language in parts:
            return language
    raise PageError(f"{path}: a page of the manual lies under docs/de/ or docs/en/")


def examples_of(path: Path, lines: list[str]) -> list[Example]:
    """The examples of every `console` block of the page, in order."""
    found: list[Example] = []
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        number += 1
        if opening is None:
            continue
        indent, fence = opening.group("indent"), opening.group("fence")
        closing = re.compile(rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        block: list[tuple[int, str]] = []
        while number < len(lines) and not closing.match(lines[number]):
            line = lines[number]
            block.append((number + 1, line[len(indent) :] if line.startswith(indent) else line))
            number += 1
        number += 1  # the closing fence
        if opening.group("info") == "console":
            found.extend(block_examples(path, block))
    return found


def block_examples(path: Path, block: list[tuple[int, str]]) -> list[Example]:
    examples: list[Example] = []
    index = 0
    if block and not block[0][1].startswith(PROMPT) and block[0][1].strip():
        raise PageError(f"{path}:{block[0][0]}: a console block starts with a `$ netzwerk` line")
    while index < len(block):
        start, command = block[index]
        index += 1
        if not command.strip():
            continue
        command = command[len(PROMPT) :]
        while command.endswith("\\") and index < len(block):
            command = command[:-1].rstrip() + " " + block[index][1].strip()
            index += 1
        if not command.startswith("netzwerk "):
            raise PageError(
                f"{path}:{start}: a command in a console block starts with `$ netzwerk `"
            )
        expected: list[str] = []
        while index < len(block) and not block[index][1].startswith(PROMPT):
            expected.append(block[index][1].rstrip())
            index += 1
        command = command.strip()
        examples.append(
            Example(start, command, tuple(trimmed(expected)), arguments(path, start, command))
        )
    return examples


def trimmed(lines: list[str]) -> list[str]:
    """The lines without the blank ones at the end."""
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def matches(expected: tuple[str, ...], got: list[str]) -> bool:
    """Whether `got` is `expected`, each `...` line standing for any number of lines."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line.strip() == ELLIPSIS else re.escape(line) + r"\n"
        for line in expected
    )
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in got)) is not None


def arguments(path: Path, line: int, command: str) -> tuple[str, ...]:
    """The command's arguments after `netzwerk` (a `# comment` at the end is no argument)."""
    try:
        words = shlex.split(command, comments=True)
    except ValueError as exc:
        raise PageError(f"{path}:{line}: `{command}`: {exc}") from None
    if len(words) > 2 and words[-2] == ">" and ">" not in words[-1]:
        words = [*words[:-2], f">{words[-1]}"]  # stdout into a file (`export > netzwerk.ics`)
    signs = SHELL_SIGNS.intersection(words)
    if signs:
        raise PageError(
            f"{path}:{line}: `{command}` uses the shell ({' '.join(sorted(signs))}); "
            "a console example is one netzwerk command"
        )
    return tuple(words[1:])


def environment(page: Page, folder: Path) -> dict[str, str]:
    return {
        "NETZWERK_TODAY": page.today,
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "HOME": str(folder),
        "NETZWERK_LANG": page.language,
    }


def shown(stdout: str, stderr: str, folder: Path) -> list[str]:
    """What a person sees of a run, as the page writes it: stdout then stderr, trailing spaces
    stripped, the page's folder written `~`."""
    text = stdout.replace("\r\n", "\n") + stderr.replace("\r\n", "\n")
    for spelling in {str(folder), str(folder.resolve())}:
        text = text.replace(spelling, "~")
    return trimmed([line.rstrip() for line in text.splitlines()])


def run_in_process(
    arguments: list[str], env: dict[str, str]
) -> tuple[str, str, BaseException | None]:
    """stdout, stderr and an exception that escaped the command (a traceback for the user)."""
    from typer.testing import CliRunner

    from netzwerk_cli.cli import app

    result = CliRunner().invoke(app, arguments, env=env)
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.stdout, result.stderr, escaped


def run_page(page: Page, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Run the page's examples in `folder`; the failures, each naming page, command, expected
    and got."""
    monkeypatch.chdir(folder)
    if page.bundled:
        shutil.copy(BUNDLED, folder / "network.toml")
    env = environment(page, folder)
    failures: list[str] = []
    for example in page.examples:
        *command, last = example.arguments
        if last.startswith(">"):
            stdout, stderr, escaped = run_in_process(command, env)
            (folder / last[1:]).write_text(stdout, encoding="utf-8", newline="")
            stdout = ""
        else:
            stdout, stderr, escaped = run_in_process([*command, last], env)
        got = shown(stdout, stderr, folder)
        if escaped is not None:
            got.append(f"(the command raised {type(escaped).__name__}: {escaped})")
        if escaped is not None or not matches(example.expected, got):
            failures.append(
                f"{page.name}:{example.line}: $ {example.command}\n"
                + "--- expected\n"
                + "\n".join(example.expected)
                + "\n--- got\n"
                + "\n".join(got)
            )
    return failures


def manual_pages() -> list[Path]:
    return sorted(DOCS.glob("**/*.md"))


PAGES = [path for path in manual_pages() if "```console" in path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_the_page_shows_real_output(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = read_page(path)
    failures = run_page(page, tmp_path, monkeypatch)
    assert not failures, "\n\n".join(failures)


def test_every_page_keeps_to_the_convention() -> None:
    """Pages without console blocks too: their settings are known words, and a page lies under a
    language's folder."""
    for path in manual_pages():
        if path.relative_to(DOCS).parts[0] in ("de", "en"):
            read_page(path)


# The machinery itself, on pages written here.

PAGE = """\
<!-- examples: bundled -->
# Wer richtet aus?

```console
$ netzwerk next-host --json
{
...
}
$ netzwerk validate
...
```

```text
$ netzwerk not-run
```
"""


def write(tmp_path: Path, language: str, text: str) -> Path:
    path = tmp_path / "docs" / language / "page.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_is_read_by_the_convention(tmp_path: Path) -> None:
    page = read_page(write(tmp_path, "de", PAGE))
    assert page.language == "de" and page.bundled and page.today == TODAY
    assert [(e.line, e.command) for e in page.examples] == [
        (5, "netzwerk next-host --json"),
        (9, "netzwerk validate"),
    ]
    assert page.examples[0].expected == ("{", "...", "}")


def test_the_settings_and_continued_lines(tmp_path: Path) -> None:
    text = "<!-- examples: today=2027-03-01 -->\n```console\n$ netzwerk schedule \\\n    --count 2\nx  \n\n```\n"
    page = read_page(write(tmp_path, "en", text))
    assert page.today == "2027-03-01" and not page.bundled
    assert page.examples == (
        Example(3, "netzwerk schedule --count 2", ("x",), ("schedule", "--count", "2")),
    )
    text = "```console\n$ netzwerk export > 'a b.ics'  # the calendar\n```\n"
    [example] = read_page(write(tmp_path / "2", "en", text)).examples
    assert example.arguments == ("export", ">a b.ics")


@pytest.mark.parametrize(
    "text",
    [
        "<!-- examples: bundeld -->\n",
        "```console\n$ ls\n```\n",
        "```console\nnetzwerk schedule\n```\n",
        "```console\n$ netzwerk plan 2027-04-08 && netzwerk invite\n```\n",
        "```console\n$ netzwerk plan 'open\n```\n",
    ],
)
def test_a_page_that_breaks_the_convention_is_named(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "en", text)
    with pytest.raises(PageError, match=r"page\.md"):
        read_page(path)


@pytest.mark.parametrize(
    ("expected", "got", "result"),
    [
        (("a", "b"), ["a", "b"], True),
        (("a", "b"), ["a", "c"], False),
        (("a",), ["a", "b"], False),
        (("a", "...", "d"), ["a", "b", "c", "d"], True),
        (("a", "...", "d"), ["a", "d"], True),
        (("...",), [], True),
        (("a", "...", "d"), ["a", "b", "c"], False),
        (("a.b",), ["axb"], False),
    ],
)
def test_the_ellipsis_stands_for_any_lines(
    expected: tuple[str, ...], got: list[str], result: bool
) -> None:
    assert matches(expected, got) is result


def test_a_wrong_example_fails_naming_page_command_expected_and_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "<!-- examples: bundled -->\n```console\n$ netzwerk next-host\nNiemand\n```\n"
    page = read_page(write(tmp_path, "de", text))
    folder = tmp_path / "run"
    folder.mkdir()
    [failure] = run_page(page, folder, monkeypatch)
    expected, got = failure.split("\n--- got\n")
    assert expected == f"{page.name}:3: $ netzwerk next-host\n--- expected\nNiemand"
    assert got.startswith("Nächster Gastgeber: Werra-Meißner-Kreis (ESW)\n")


def test_a_page_runs_in_its_folder_language_and_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `bundled` there is no network file; a later command sees what an earlier one
    wrote; the error goes to stderr and is compared too; the folder is written `~`."""
    text = (
        "<!-- examples: today=2027-03-01 -->\n"
        "```console\n$ netzwerk next-host\n...\n```\n"
        "```console\n$ netzwerk init --help\n...\n```\n"
    )
    page = read_page(write(tmp_path, "en", text))
    folder = tmp_path / "run"
    folder.mkdir()
    env = environment(page, folder)
    assert env["NETZWERK_TODAY"] == "2027-03-01" and env["NETZWERK_LANG"] == "en"
    assert env["HOME"] == str(folder)
    monkeypatch.chdir(folder)
    stdout, stderr, escaped = run_in_process(["next-host"], env)
    assert escaped is None and stdout == ""
    assert "network.toml" in stderr
    assert not run_page(page, folder, monkeypatch)


def test_the_runner_shows_what_the_program_shows(tmp_path: Path) -> None:
    """The in-process run prints what the installed program prints, in both languages, an error
    on stderr included."""
    program = Path(sys.executable).with_name("netzwerk")
    if not program.exists():
        program = Path(shutil.which("netzwerk") or "netzwerk")
    shutil.copy(BUNDLED, tmp_path / "network.toml")
    page = Page(tmp_path / "de" / "p.md", "de")
    for language, command in [
        ("de", ["schedule"]),
        ("en", ["members"]),
        ("de", ["next-host", "-f", "missing.toml"]),
        ("en", ["history", "--format", "csv"]),
    ]:
        env = environment(Page(page.path, language), tmp_path)
        real = subprocess.run(
            [str(program), *command],
            cwd=tmp_path,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            check=False,
        )
        cwd = Path.cwd()
        os.chdir(tmp_path)
        try:
            stdout, stderr, escaped = run_in_process(command, env)
        finally:
            os.chdir(cwd)
        assert escaped is None
        assert (stdout, stderr) == (real.stdout, real.stderr), command
