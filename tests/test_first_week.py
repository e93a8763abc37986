"""A coordinator's first week, in German, from nothing (issue 27): `init`'s questions, members,
the cadence, a plan, invitations to an outbox, the answers from a folder, the record with who
came, the page in a folder, the reminders. Every line the tool prints is read for English words,
and every file it leaves for what it must (and must not) hold.

The coordinator's terminal sets no language (as cron and a fresh Windows account): the first
command says `--lang de`, and from then on the file's language speaks."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netzwerk_cli.cli import app

from .replymail import outlook, reply_calendar, thunderbird

# English words that have no business in German output. Commands and options in backticks,
# `--options`, paths, addresses and the file's own keys are taken out before the check.
ENGLISH = re.compile(
    r"\b(the|and|of|to|is|was|with|for|meeting|meetings|member|members|host|hosted|planned|"
    r"held|recorded|invitation|answer|answers|yes|none|never|usage|error|wrote|written|"
    r"accepted|declined|tentative|date|time|venue|weekend|holiday|holidays|next|today)\b",
    re.IGNORECASE,
)


def english_words(text: str, *, keep: tuple[str, ...] = ()) -> list[str]:
    for kept in keep:
        text = text.replace(kept, " ")
    text = re.sub(r"`[^`]*`", " ", text)  # a command to type is a command
    text = re.sub(r"--[\w-]+", " ", text)
    text = re.sub(r"\S+@\S+", " ", text)
    text = re.sub(r"\S*/\S*", " ", text)  # paths
    text = re.sub(r"\[\w+\]|\b\w+ = ", " ", text)  # the file's tables and keys
    return ENGLISH.findall(text)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The coordinator's folder, with no language set anywhere."""
    monkeypatch.delenv("NETZWERK_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


class Coordinator:
    """Runs `netzwerk` as the coordinator types it, keeps every line it printed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runner = CliRunner()
        self.said: list[str] = []

    def __call__(
        self, *args: str, today: str, code: int = 0, answers: list[str] | None = None
    ) -> Result:
        typed = None if answers is None else "".join(f"{a}\n" for a in answers)
        result = self.runner.invoke(app, [*args, "--today", today], input=typed)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        self.said.append(result.stdout + result.stderr)
        return result


ANSWERS = [
    "Integrationsnetz Schwaben",
    "",  # the language: the reader's, German
    *("NU", "Landkreis Neu-Ulm", "Neu-Ulm", "by"),  # a state in small letters
    *("UL", "Alb-Donau-Kreis", "Ulm", "BW"),
    *("GZ", "Landkreis Günzburg", "Günzburg", "BY"),
    "",  # no more members
    "jeden 2. Dienstag im März, Juli und November",
    "j",
    "10.00",  # a time as Germans write it
]


def test_the_first_week_in_german(office: Path) -> None:
    run = Coordinator(office)
    file = office / "network.toml"

    # Monday: a network from nothing, through init's questions.
    asked = run("init", "--interactive", "--lang", "de", answers=ANSWERS, today="2027-01-11")
    assert "Nächste Termine: Di 09.03.2027, Di 13.07.2027, Di 09.11.2027" in asked.stderr
    text = file.read_text(encoding="utf-8")
    schema, comment = text.splitlines()[:2]
    assert schema.startswith("#:schema file://") and schema.endswith("network.schema.de.json")
    assert comment.startswith("# Die Netzwerkdatei, gelesen von `netzwerk`.")
    assert 'cadence = "FREQ=MONTHLY;BYMONTH=3,7,11;BYDAY=2TU"' in text
    assert "start = 10:00:00" in text and 'state = "BY"' in text and 'language = "de"' in text

    # A fourth member, a typo in an id, the contacts.
    run("member", "add", "HDH", "--name", "Landkreis Heidenheim", "--seat", "Heidenheim",
        "--state", "BW", "--contact", "Eva Maier <eva@hdh.example>", today="2027-01-11")  # fmt: skip
    typo = run("member", "edit", "NUU", "--contact", "x <x@nu.example>", today="2027-01-11", code=1)
    assert "meinten Sie NU?" in typo.stderr
    for member, contact in (
        ("nu", "Anna Roth <anna@nu.example>"),
        ("UL", "Ulf Berg <ulf@ul.example>"),
        ("gz", "Gerd Zorn <gerd@gz.example>"),
    ):
        run("member", "edit", member, "--contact", contact, today="2027-01-11")
    shown = run("cadence", today="2027-01-11").stdout
    assert "2. Dienstag" in shown and "09.03.2027" in shown

    # Tuesday: the first meeting, typed as Germans write dates and times.
    wrong = run("plan", "31.02.2027", today="2027-01-12", code=2)
    assert "gibt es nicht" in wrong.stderr
    run("plan", "9.3.2027", "--host", "nu", "--time", "10.00",
        "--description", "Sprachkurse für Geflüchtete", today="2027-01-12")  # fmt: skip
    schedule = run("schedule", today="2027-01-12").stdout
    assert "Di\N{NO-BREAK SPACE}09.03.2027" in schedule and "geplant" in schedule

    # Invitations to an outbox: the sender first, as the message says.
    missing = run("invite", "--outbox", "ausgang", today="2027-01-12", code=1)
    assert "[mail]" in missing.stderr and "smtp_host" not in missing.stderr
    with file.open("a", encoding="utf-8") as appended:
        appended.write('\n[mail]\nfrom = "Koordination <koordination@nu.example>"\n')
    run("invite", "--outbox", "ausgang", today="2027-01-12")
    (mail,) = (office / "ausgang").glob("*.eml")
    assert b"Sprachkurse" in mail.read_bytes() or "Sprachkurse" in _decoded(mail)
    again = run("remind", today="2027-01-12")
    assert "versenden" not in again.stdout  # the invitation went out: nothing to send

    # Wednesday: the answers, saved from Outlook and Thunderbird into a folder.
    sent = tomllib.loads((office / ".network.toml.sent").read_text(encoding="utf-8"))
    (uid,) = sent["meetings"]
    folder = office / "antworten"
    folder.mkdir()
    (folder / "anna.eml").write_bytes(
        outlook(
            reply_calendar(uid=uid, address="anna@nu.example", name="Anna Roth"),
            sender="Anna Roth <anna@nu.example>",
            message_id="<a1@nu.example>",
        )
    )
    (folder / "ulf.eml").write_bytes(
        thunderbird(
            reply_calendar(
                uid=uid,
                address="ulf@ul.example",
                name="Ulf Berg",
                partstat="TENTATIVE",
                comment="Komme später",
            ),
            sender="Ulf Berg <ulf@ul.example>",
            message_id="<u1@ul.example>",
        )
    )
    answers = run("replies", "--from", "antworten", today="2027-01-13").stdout
    assert "Anna Roth (NU) hat zugesagt" in answers
    assert "unter Vorbehalt" in answers and "Komme später" in answers
    assert "1 zugesagt, 0 abgesagt, 1 unter Vorbehalt, 2 ohne Antwort" in answers
    assert run("replies", "--from", "antworten", today="2027-01-13").stdout == ""  # read once
    soon = " ".join(run("remind", today="2027-03-04").stdout.split())
    assert "Noch keine Antwort auf die Einladung: Landkreis Günzburg (GZ)" in soon

    # The meeting was held: who came, then one more who came late.
    run("record", "9.3.2027", "--attended", "nu,ul,gz", "--notes", "INTERN: Streit um Räume",
        today="2027-03-10")  # fmt: skip
    late = run("record", "09.03.2027", "--attended", "+hdh", today="2027-03-10")
    assert "NU, UL, GZ, HDH (bisher: NU, UL, GZ)" in late.stderr
    history = run("history", today="2027-03-10").stdout
    assert "stattgefunden" in history and "NU, UL, GZ, HDH" in history

    # The page in a folder that does not exist yet, once its settings are trusted.
    with file.open("a", encoding="utf-8") as appended:
        appended.write('\n[publish]\nfolder = "web"\n')
    untrusted = run("publish", today="2027-03-10", code=1)
    assert "netzwerk trust" in untrusted.stderr
    run("trust", today="2027-03-10")
    published = run("publish", today="2027-03-10")
    assert "angelegt" in published.stdout + published.stderr
    page = (office / "web" / "index.html").read_text(encoding="utf-8")
    calendar = (office / "web" / "netzwerk.ics").read_text(encoding="utf-8")
    assert "Integrationsnetz Schwaben" in page and "Sprachkurse" in calendar.replace("\r\n ", "")
    for shared in (page, calendar, _decoded(mail)):
        assert "INTERN" not in shared and "Streit" not in shared
    assert run("publish", today="2027-03-10").stdout == ""  # nothing changed: silent

    # What the tool said, all week long, in German.
    said = "\n".join(run.said)
    keep = ("Integrationsnetz Schwaben", "network.toml", "Anna Roth", "Ulf Berg", "Eva Maier")
    assert english_words(said, keep=keep) == [], said

    # What it left beside the network file: its records, one lock file, the user's folders.
    beside = sorted(p.name for p in office.iterdir())
    assert beside == [
        ".network.toml.calendar",
        ".network.toml.lock",
        ".network.toml.replies",
        ".network.toml.sent",
        ".network.toml.undo",
        "antworten",
        "ausgang",
        "network.toml",
        "web",
    ]


def _decoded(mail: Path) -> str:
    """An .eml's text parts as a reader sees them."""
    import email
    from email import policy

    message = email.message_from_bytes(mail.read_bytes(), policy=policy.default)
    return "\n".join(
        part.get_content()
        for part in message.walk()
        if part.get_content_maintype() == "text"
        and isinstance(part.get_content(), str)  # text/calendar is text too
    )


def test_the_check_for_english_finds_english_and_leaves_commands_alone() -> None:
    assert english_words("Recorded the meeting of 09.03.2027, hosted by NU.") == [
        *("Recorded", "the", "meeting", "of", "hosted")
    ]
    assert english_words("Bitte `netzwerk record DATE --host ID` ausführen (--today).") == []
    assert english_words("Kontakt Anna <anna@host.example>, Ordner web/the/host") == []
