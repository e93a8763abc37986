"""The manual's pictures, made by the program itself so that they stay true.

    .venv/bin/python docs/pictures.py

writes, for German and English, into docs/de/pictures/ and docs/en/pictures/:

- page-phone.png, page-desktop.png: the network's web page (`netzwerk publish`) as headless
  Chromium shows it on a phone (390 x 844) and on a desktop (1280 x 900), as tests/test_page.py
  takes its screenshots;
- schedule.svg, replies.svg: the `schedule` and `replies` tables as Rich's SVG export of what the
  command printed (in colour, 120 columns), the schedule after the answers came in.

The network is the bundled network.toml on 24.11.2026, in the picture's language, with a contact
per member, the April meeting planned at 10:00 and invited (`invite --outbox`), and three answers
saved as .eml files (accepted, declined, tentative; one member has not answered yet). Needs
Debian's `chromium`. Nothing here reaches a network: the SVGs name no web font.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from email.message import EmailMessage
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
TODAY = "2026-11-24"
LANGUAGES = ("de", "en")
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
COLUMNS = 120
CONTACTS = {
    "HEF": ("Anna Müller", "anna@hef.example.de"),
    "WAK": ("Kevin Rodeck", "kevin@wak.example.de"),
    "ESW": ("Jana Otto", "jana@esw.example.de"),
    "FD": ("Lena Schmitt", "lena@fd.example.de"),
}
# Who answered the April invitation, and how; Eschwege's contact has not answered.
ANSWERS = {"HEF": "ACCEPTED", "WAK": "DECLINED", "FD": "TENTATIVE"}
SETTINGS = """
[mail]
from = "Koordination Netzwerk <netzwerk@example.de>"

[publish]
folder = "www"
url = "https://www.example.de/netzwerk/"
"""


def netzwerk(folder: Path, language: str, *args: str, colour: bool = False) -> str:
    """Run `netzwerk ARGS` in `folder` as a coordinator would (its own HOME, trust store and
    cache), in `language`, on 24.11.2026; its stdout."""
    env = {
        **os.environ,
        "NETZWERK_TODAY": TODAY,
        "NETZWERK_LANG": language,
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COLUMNS": str(COLUMNS),
    }
    env.pop("NO_COLOR", None)
    env.pop("NETZWERK_FILE", None)
    if colour:
        env["FORCE_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "netzwerk_cli", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"netzwerk {' '.join(args)}: {done.stderr}")
    return done.stdout


def network(folder: Path, language: str) -> None:
    """The bundled network in `language`, planned, published and invited."""
    text = (ROOT / "network.toml").read_text(encoding="utf-8")
    text = re.sub(r'^language = "de"', f'language = "{language}"', text, flags=re.MULTILINE)
    (folder / "network.toml").write_text(text + SETTINGS, encoding="utf-8")
    (folder / "www").mkdir()
    for member, (name, address) in CONTACTS.items():
        netzwerk(folder, language, "member", "edit", member, "--contact", f"{name} <{address}>")
    netzwerk(folder, language, "plan", "2027-04-07", "--time", "10:00")
    netzwerk(folder, language, "trust")
    netzwerk(folder, language, "publish")
    (folder / "outbox").mkdir()
    netzwerk(folder, language, "invite", "--outbox", "outbox")


def april_uid(folder: Path) -> str:
    """The UID of the April meeting's invitation in the outbox."""
    from email import message_from_bytes, policy

    for path in sorted((folder / "outbox").glob("20270407-*.eml")):
        for part in message_from_bytes(path.read_bytes(), policy=policy.default).walk():
            if part.get_content_type() == "text/calendar":
                found = re.search(r"^UID:(.+?)\r?$", part.get_content(), re.MULTILINE)
                if found:
                    return found.group(1)
    raise SystemExit("no invitation to the April meeting in the outbox")


def answer(uid: str, member: str, partstat: str, number: int) -> bytes:
    """An answer as a calendar program sends it (iMIP REPLY)."""
    name, address = CONTACTS[member]
    calendar = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//netzwerk//pictures//EN",
            "VERSION:2.0",
            "METHOD:REPLY",
            "BEGIN:VEVENT",
            f"ATTENDEE;PARTSTAT={partstat};CN={name}:mailto:{address}",
            "ORGANIZER:mailto:netzwerk@example.de",
            f"UID:{uid}",
            "DTSTART;TZID=Europe/Berlin:20270407T100000",
            f"DTSTAMP:20261120T0{number}0000Z",
            "SEQUENCE:0",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = "netzwerk@example.de"
    message["Subject"] = "Re: Netzwerk Integration"
    message["Message-ID"] = f"<answer-{number}@{address.split('@')[1]}>"
    message.set_content(calendar, subtype="calendar", params={"method": "REPLY"})
    return message.as_bytes()


def replies(folder: Path, language: str) -> str:
    """`netzwerk replies` on the answers saved as .eml files, in colour."""
    uid = april_uid(folder)
    saved = folder / "saved"
    saved.mkdir()
    for number, (member, partstat) in enumerate(ANSWERS.items(), start=1):
        (saved / f"{number}.eml").write_bytes(answer(uid, member, partstat, number))
    return netzwerk(folder, language, "replies", "--from", "saved", colour=True)


def svg(output: str, title: str, name: str) -> str:
    """What a command printed (ANSI colours), as Rich's SVG export, without the web font that
    Rich's template would fetch from a CDN."""
    from rich._export_format import CONSOLE_SVG_FORMAT
    from rich.console import Console
    from rich.text import Text

    offline = re.sub(r',\s*url\("https://[^"]+"\) format\("[^"]+"\)', "", CONSOLE_SVG_FORMAT)
    console = Console(
        record=True,
        width=COLUMNS,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
    )
    console.print(Text.from_ansi(output.rstrip("\n")))
    picture = console.export_svg(title=title, code_format=offline, unique_id=name)
    assert not re.search(r"(url\(|href=)[\"']?https?:", picture), "the SVG would fetch from the web"
    return picture


def screenshot(page: Path, target: Path, size: tuple[int, int], profile: Path) -> None:
    """`page` as headless Chromium shows it in a window of `size`."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("needs chromium: apt-get install chromium")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={target}",
            f"--window-size={size[0]},{size[1]}",
            page.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "HOME": str(profile)},
    )


def tables(folder: Path, language: str) -> dict[str, str]:
    """The SVG pictures of the tables, by file name, of the network made in `folder`."""
    answers = replies(folder, language)
    schedule = netzwerk(folder, language, "schedule", colour=True)
    return {
        f"{name}.svg": svg(output, f"netzwerk {name}", name)
        for name, output in (("schedule", schedule), ("replies", answers))
    }


def pictures(language: str, target: Path) -> list[Path]:
    """Every picture of one language, into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        network(folder, language)
        for kind, size in SIZES.items():
            shot = target / f"page-{kind}.png"
            screenshot(folder / "www" / "index.html", shot, size, folder / "profile")
            made.append(shot)
        for name, picture in tables(folder, language).items():
            (target / name).write_text(picture, encoding="utf-8")
            made.append(target / name)
    return made


def main() -> None:
    for language in LANGUAGES:
        for path in pictures(language, DOCS / language / "pictures"):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
