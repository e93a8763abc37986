"""`netzwerk replies --from` against mail from anyone: no message stops a run or a later run,
the record stays bounded, forged answers do not count, a reused Message-ID hides nothing, and a
second run over a folder reads only what is new."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netzwerk_cli.file.answered import REPLIES
from netzwerk_cli.file.records import record_path

from .replymail import CLIENTS, calendar_part, mime_trees, nested, reply_calendar
from .test_replies import APRIL, answer, invited, run, save

__all__ = ["invited"]  # the fixture, used by name


def test_a_message_nested_a_thousand_deep_is_skipped_and_recorded(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    calendar = reply_calendar(uid=APRIL, address="x@evil.example").encode()
    save(box, "0-deep.eml", nested(1000, calendar_part(calendar)))
    save(box, "1.eml", answer("outlook", msgid="<ok@hef>"))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"netzwerk: {box / '0-deep.eml'}: skipped, not readable as an answer: its parts are "
        "nested too deeply"
    ]
    assert "New: Anna Müller (HEF) accepted" in result.stdout
    again = run(runner, invited, "--from", str(box))
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_a_utf7_name_with_a_lone_surrogate_leaves_the_record_writable(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    calendar = reply_calendar(uid=APRIL, address="anna@hef.example.de", name="Anna")
    calendar = calendar.replace("CN=Anna", "CN=Anna+2D0-")
    data = CLIENTS["outlook"](calendar, sender="anna@hef.example.de", message_id="<u7@hef>")
    save(box, "1.eml", data.replace(b'charset="utf-8"', b'charset="utf-7"'))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0, result.output
    assert "New: Anna (HEF) accepted" in result.stdout
    assert run(runner, invited, "--from", str(box)).exit_code == 0


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(messages=st.lists(mime_trees(), min_size=1, max_size=4))  # type: ignore[arg-type]
@example(messages=[nested(1000, b"Content-Type: text/plain\r\n\r\nx")])
@example(
    messages=[
        b"From: anna@hef.example.de\r\nMessage-ID: <u7@x>\r\n"
        + calendar_part(
            reply_calendar(uid=APRIL, address="anna@hef.example.de", name="A+2D0-").encode(),
            charset="utf-7",
        )
    ]
)
def test_any_messages_give_a_run_and_a_second_run_that_exit_0(
    runner: CliRunner,
    invited: Path,
    tmp_path_factory: pytest.TempPathFactory,
    messages: list[bytes],
) -> None:
    box = tmp_path_factory.mktemp("box")
    record = record_path(invited, REPLIES)
    record.unlink(missing_ok=True)
    for n, data in enumerate(messages):
        (box / f"{n}.eml").write_bytes(data)
    first = run(runner, invited, "--from", str(box))
    assert first.exit_code == 0, first.output
    assert record.exists()
    second = run(runner, invited, "--from", str(box), "--json")
    assert second.exit_code == 0, second.output
    json.loads(second.stdout)
    (box / "x.eml").write_bytes(messages[0])  # the same message again, by another name
    assert run(runner, invited, "--from", str(box)).exit_code == 0


def test_answers_to_uids_never_invited_are_not_kept(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(box, "1.eml", answer("outlook", msgid="<n1@hef>", uid="nie@evil.example"))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0
    assert result.stderr.count("nie@evil.example") == 1
    assert "nie@evil.example" not in record_path(invited, REPLIES).read_text()
    again = run(runner, invited, "--from", str(box))
    assert (again.stdout, again.stderr) == ("", "")


def test_a_folder_of_hostile_mails_keeps_the_record_under_a_mebibyte(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    for n in range(5):  # five comments of 7 MiB once pushed the record past 32 MiB
        save(
            box,
            f"c{n}.eml",
            CLIENTS["thunderbird"](
                reply_calendar(
                    uid=APRIL,
                    address=f"m{n}@hef.example.de",
                    comment="X" * 7 * 2**20,
                    name="N" * 100_000,
                ),
                sender=f"m{n}@hef.example.de",
                message_id=f"<{'I' * 5000}{n}@evil>",
            ),
        )
    calendar = reply_calendar(uid=APRIL, address="anna@hef.example.de", comment="Y" * 1500)
    head, _, rest = calendar.partition("BEGIN:VEVENT\r\n")
    event, _, tail = rest.partition("END:VEVENT\r\n")
    many = "".join(
        "BEGIN:VEVENT\r\n"
        + event.replace("mailto:anna", f"mailto:a{k}").replace(APRIL, APRIL if k % 2 else f"{k}")
        + "END:VEVENT\r\n"
        for k in range(150)
    )
    for n in range(20):  # many answers in one message, to invited UIDs and others
        save(
            box,
            f"m{n}.eml",
            CLIENTS["outlook"](head + many + tail, sender="x@evil.example", message_id=f"<m{n}@e>"),
        )
    for n in range(20):  # broken, with long reasons
        save(box, f"z{n}.eml", nested(n, calendar_part(b"BEGIN:VCALENDAR\r\n" + b"\xff" * 9000)))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0, result.output
    size = record_path(invited, REPLIES).stat().st_size
    assert size < 2**20, size
    assert run(runner, invited, "--from", str(box), "--all").exit_code == 0


def test_a_forged_answer_is_listed_unverified_and_counts_for_no_one(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    calendar = reply_calendar(uid=APRIL, address="anna@hef.example.de", partstat="ACCEPTED")
    save(
        box,
        "1.eml",
        CLIENTS["outlook"](calendar, sender="mallory@evil.example", message_id="<f@evil>"),
    )
    colleague = reply_calendar(uid=APRIL, address="invented@wak.example.de", partstat="ACCEPTED")
    save(
        box,
        "2.eml",
        CLIENTS["gmail"](colleague, sender="mallory@evil.example", message_id="<g@evil>"),
    )
    spoofed = CLIENTS["gmail"](
        reply_calendar(uid=APRIL, address="esw@esw.example.de", partstat="ACCEPTED"),
        sender="esw@esw.example.de",
        message_id="<s@evil>",
    )
    save(
        box,
        "3.eml",
        b"Authentication-Results: mx.netzwerk.example; dmarc=fail (p=none) "
        b"header.from=esw.example.de\r\n" + spoofed,
    )
    result = run(runner, invited, "--from", str(box), "--all")
    assert result.exit_code == 0, result.output
    assert (
        "New: Anna Müller (HEF) accepted: 2027-04-07 Eschwege (unverified: the mail came from "
        "mallory@evil.example, or its sender failed the receiving server's check; not counted)"
        in result.stdout
    )
    assert "\n0 accepted, 0 declined, 0 tentative, " in result.stdout
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    rows = shown[0]["answers"]
    forged = [(r["contact"], r["answer"]) for r in rows if not r["verified"]]
    assert sorted(forged) == [
        ("anna@hef.example.de", "accepted"),
        ("esw@esw.example.de", "accepted"),
        ("invented@wak.example.de", "accepted"),
    ]
    anna = [r for r in rows if r["contact"] == "anna@hef.example.de" and r["verified"]]
    assert anna[0]["answer"] == "none"
    remind = runner.invoke(
        __import__("netzwerk_cli.cli", fromlist=["app"]).app,
        ["remind", "-f", str(invited), "--today", "2027-04-01"],
    )
    said = " ".join(remind.stdout.split())
    assert "No answer to the invitation yet from" in said
    for member in ("(HEF)", "(WAK)"):
        assert member in said.split("No answer to the invitation yet from")[1]
    german = run(runner, invited, "--from", str(box), "--all", "--lang", "de").stdout
    assert "zugesagt (Absender nicht bestätigt, wird nicht gezählt)" in german


def test_an_answer_from_its_attendee_counts(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    colleague = reply_calendar(uid=APRIL, address="eva@wak.example.de", partstat="ACCEPTED")
    save(
        box,
        "1.eml",
        CLIENTS["gmail"](colleague, sender="Eva <EVA@wak.example.de>", message_id="<e@wak>"),
    )
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    (eva,) = [r for r in shown[0]["answers"] if r["contact"] == "eva@wak.example.de"]
    assert (eva["member"], eva["answer"], eva["verified"]) == ("WAK", "accepted", True)


def test_a_dtstamp_in_9999_does_not_win_over_a_later_real_answer(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(
        box,
        "1.eml",
        answer(
            "outlook",
            msgid="<far@hef>",
            partstat="DECLINED",
            stamp=dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
        ),
    )
    assert run(runner, invited, "--from", str(box)).exit_code == 0
    later = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=5)
    save(box, "2.eml", answer("outlook", msgid="<real@hef>", partstat="ACCEPTED", stamp=later))
    shown = json.loads(run(runner, invited, "--from", str(box), "--json").stdout)
    (anna,) = [r for r in shown[0]["answers"] if r["contact"] == "anna@hef.example.de"]
    assert anna["answer"] == "accepted"


def test_a_reused_message_id_never_hides_a_real_answer(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    garbage = answer("outlook", msgid="<same@x>").replace(
        b"Content-Transfer-Encoding: base64", b"X-Nothing: 1"
    )
    save(box, "1.eml", garbage)
    assert run(runner, invited, "--from", str(box)).exit_code == 0
    save(box, "2.eml", answer("outlook", msgid="<same@x>"))
    result = run(runner, invited, "--from", str(box))
    assert "New: Anna Müller (HEF) accepted" in result.stdout


def test_a_file_name_with_an_escape_sequence_is_cleaned_on_stderr(
    runner: CliRunner, invited: Path, tmp_path: Path
) -> None:
    box = tmp_path / "saved"
    save(box, "\x1b[2J\x1b]8;;x\x07bad.eml", nested(1000, b"Content-Type: text/calendar\r\n\r\nx"))
    result = run(runner, invited, "--from", str(box))
    assert result.exit_code == 0
    assert "bad.eml: skipped" in result.stderr
    assert not any(ord(c) < 0x20 and c != "\n" for c in result.stderr)


def test_a_second_run_reads_only_new_or_changed_files(
    runner: CliRunner, invited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netzwerk_cli.file import answered

    box = tmp_path / "saved"
    for n in range(5):
        save(box, f"{n}.eml", answer("outlook", msgid=f"<{n}@hef>", partstat="ACCEPTED"))
    assert run(runner, invited, "--from", str(box)).exit_code == 0
    opened: list[str] = []
    reader = answered._read_bounded

    def counting(path: Path) -> object:
        opened.append(path.name)
        return reader(path)

    monkeypatch.setattr(answered, "_read_bounded", counting)
    again = run(runner, invited, "--from", str(box))
    assert (again.exit_code, again.stdout, opened) == (0, "", [])
    save(box, "9.eml", answer("outlook", msgid="<9@hef>", partstat="DECLINED"))
    os.utime(box / "2.eml", ns=(0, 10**18))
    third = run(runner, invited, "--from", str(box))
    assert sorted(opened) == ["2.eml", "9.eml"]
    assert "New: Anna Müller (HEF) declined" in third.stdout
