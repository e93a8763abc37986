"""How `netzwerk replies` costs with a large mailbox: whole processes, as cron starts them,
against a real Dovecot (the one tests/dovecot.py starts), quoted as ratios (never one absolute
time), each the median of its rounds.

1. The first run over a folder of 10,000 ordinary messages (one in ten with a 100 KB
   attachment) and 10 answers, against the first run over a folder of only the 10 answers:
   bytes Dovecot sent (its log's `out=`; target at most 2) and time (target at most 3).
2. The second run over the large folder against a run over an empty folder (target at most 1.2).
3. `--from` over the same 10,010 messages as .eml files: the second run against the first
   (target at most 1/3).

The messages are written into the Maildir's cur/ before the first run, the folder is opened until
Dovecot has indexed it, and a mail client's sync is imitated (flags, arrival, size and a few
headers of every message), as in an office whose coordinator reads the same mailbox; `--cold`
leaves that out (Dovecot then reads every message file on netzwerk's first run: the worst case).
`--spread-days N` lets the ordinary messages arrive over N days (the default: all now, so that
SINCE the first invitation excludes none of them).

Usage: python benchmarks/replies.py [--rounds N] [--messages N] [--smoke]
  --smoke  200 messages, one round: checks that the script works (tests/test_replies_bench.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import network_text  # noqa: E402
from tests.dovecot import PASSWORD, USER, Dovecot, dovecot_server  # noqa: E402
from tests.replymail import CLIENTS, plain_mail, reply_calendar  # noqa: E402
from tests.test_invite import MEMBERS  # noqa: E402

TODAY = "2026-11-25"
APRIL = "meeting-1.netzwerk-integration@netzwerk-cli"
MEETINGS = """
[mail]
from = "Koordination Netzwerk <netzwerk@example.de>"
imap_host = "127.0.0.1"
imap_port = {port}
imap_security = "none"
imap_user = "netzwerk"
imap_folder = "{folder}"

[[meetings]]
date = 2027-04-07T10:00:00
host = "ESW"
status = "planned"
"""
ADDRESSES = ("anna@hef.example.de", "kevin@wak.example.de", "integration@wak.example.de")


def attachment_mail(n: int) -> bytes:
    import base64

    blob = base64.encodebytes(os.urandom(100_000)).replace(b"\n", b"\r\n")
    return (
        (
            f"From: kollege{n}@example.de\r\nMessage-ID: <a{n}@bench>\r\nSubject: Protokoll\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n'
            "--p\r\nContent-Type: text/plain\r\n\r\nAnbei.\r\n"
            "--p\r\nContent-Type: application/pdf; "
            'name="protokoll.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        ).encode()
        + blob
        + b"\r\n--p--\r\n"
    )


def answers() -> list[bytes]:
    import datetime as dt

    found = []
    for n in range(10):
        address = ADDRESSES[n % 3]
        calendar = reply_calendar(
            uid=APRIL,
            address=address,
            stamp=dt.datetime(2026, 1, 11, 9, n, tzinfo=dt.UTC),
            partstat=("ACCEPTED", "DECLINED", "TENTATIVE")[n % 3],
        )
        client = sorted(CLIENTS)[n % 3]
        found.append(CLIENTS[client](calendar, sender=address, message_id=f"<r{n}@bench>"))
    return found


def messages(count: int) -> list[bytes]:
    """`count` ordinary messages (one in ten with an attachment) with the 10 answers among them."""
    replies = answers()
    every = max(1, count // len(replies))
    found: list[bytes] = []
    for n in range(count):
        found.append(
            attachment_mail(n)
            if n % 10 == 5
            else plain_mail(sender=f"k{n}@example.de", message_id=f"<p{n}@bench>")
        )
        if n % every == every - 1 and replies:
            found.append(replies.pop(0))
    return found + replies


def fill_maildir(
    server_root: Path, folder: str, data: list[bytes], *, spread_days: int = 0
) -> None:
    """Write the messages into the user's Maildir folder as a delivery would; with
    `spread_days`, the ordinary ones arrived over that many days before now (the answers now)."""
    base = server_root / "home" / USER / "Maildir"
    path = base if folder == "INBOX" else base / f".{folder}"
    for part in ("cur", "new", "tmp"):
        (path / part).mkdir(parents=True, exist_ok=True)
    for n, message in enumerate(data):
        # In cur/, as a mail client leaves them: Dovecot re-reads new/ on every EXAMINE. Named
        # as a delivery names them: seconds, then microseconds that do not follow the seconds
        # (with both the counter n, Dovecot re-read the whole folder's file names and rewrote
        # its dovecot-uidlist on every session's first message it opened: 0.7 s per session).
        target = path / "cur" / f"{1700000000 + n}.M{n * 7919 % 1_000_000}P1.bench:2,S"
        target.write_bytes(message)
        if spread_days and b"<r" not in message.split(b"\r\n\r\n", 1)[0]:
            arrived = time.time() - spread_days * 86400 * (len(data) - n) / len(data)
            os.utime(target, (arrived, arrived))
    if os.geteuid() == 0:
        import pwd

        owner = pwd.getpwnam("nobody")
        for directory, _, files in os.walk(base):
            os.chown(directory, owner.pw_uid, owner.pw_gid)
            for name in files:
                os.chown(Path(directory) / name, owner.pw_uid, owner.pw_gid)


def index(server: Dovecot, folder: str, *, cold: bool = False) -> None:
    """Open the folder until Dovecot has indexed it (its first two openings of 10,000 new files
    take a second or more each; later ones a millisecond), then, unless `cold`, look at it as a
    mail client does when it syncs a folder (Thunderbird: flags, arrival, size and a few
    headers of every message), so that Dovecot's cache holds what it holds in an office."""
    for _ in range(3):
        client = server.client()
        try:
            client.select(f'"{folder}"')
            if not cold and client.select(f'"{folder}"')[1][0] != b"0":
                client.fetch(
                    "1:*",
                    "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO "
                    "SUBJECT DATE MESSAGE-ID CONTENT-TYPE)])",
                )
        finally:
            client.logout()


def netzwerk(*args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "netzwerk_cli", *args], env=env, capture_output=True, check=False
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"netzwerk {' '.join(args)} failed: {done.stderr.decode()}")
    return took


def network(where: Path, server: Dovecot, folder: str, env: dict[str, str]) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    path = where / "network.toml"
    body = MEETINGS.format(port=server.port, folder=folder)
    path.write_text(network_text(body, members=MEMBERS), encoding="utf-8")
    outbox = where / "outbox"
    netzwerk("invite", "-f", str(path), "--today", TODAY, "--outbox", str(outbox), env=env)
    netzwerk("trust", "-f", str(path), env=env)
    return path


def replies_run(path: Path, env: dict[str, str], *extra: str) -> float:
    return netzwerk("replies", "-f", str(path), "--today", TODAY, "--json", *extra, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument(
        "--spread-days",
        type=int,
        default=0,
        help="the ordinary messages arrived over this many days (default: all now, the worst "
        "case: SINCE the first invitation then excludes none of them)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no mail client looked at the folder before: Dovecot reads every message on the "
        "first run (the worst case)",
    )
    parser.add_argument("--smoke", action="store_true")
    options = parser.parse_args()
    rounds, count = (1, 200) if options.smoke else (options.rounds, options.messages)
    work = Path(tempfile.mkdtemp(prefix="netzwerk-bench-"))
    env = {
        **os.environ,
        "NETZWERK_IMAP_PASSWORD": PASSWORD,
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
        "NETZWERK_LANG": "en",
    }
    big = messages(count)
    small = answers()
    saved = work / "saved"
    saved.mkdir()
    for n, data in enumerate(big):
        (saved / f"{n:05d}.eml").write_bytes(data)
    ratios: dict[str, list[float]] = {"bytes": [], "time": [], "second": [], "from": []}
    with dovecot_server(tls=False) as server:
        root = server.log.parent
        fill_maildir(root, "Gross", big, spread_days=options.spread_days)
        fill_maildir(root, "Klein", small)
        fill_maildir(root, "Leer", [])
        for folder in ("Gross", "Klein", "Leer"):
            index(server, folder, cold=options.cold)
        for round_ in range(rounds):
            paths = {
                f: network(work / f"r{round_}-{f}", server, f, env)
                for f in ("Gross", "Klein", "Leer")
            }
            sent: dict[str, int] = {}
            took: dict[str, float] = {}
            for folder in ("Klein", "Gross"):
                offset = server.log_offset()
                took[folder] = replies_run(paths[folder], env)
                sent[folder] = server.sent_since(offset)
            replies_run(paths["Leer"], env)
            seconds, empties = [], []
            for _ in range(3):  # short runs: several, alternating, for a steadier median
                seconds.append(replies_run(paths["Gross"], env))
                empties.append(replies_run(paths["Leer"], env))
            second, empty = statistics.median(seconds), statistics.median(empties)
            from_path = paths["Leer"].parent / "from" / "network.toml"
            from_path.parent.mkdir()
            from_path.write_text(paths["Leer"].read_text())
            netzwerk(
                "invite",
                "-f",
                str(from_path),
                "--today",
                TODAY,
                "--outbox",
                str(from_path.parent / "outbox"),
                env=env,
            )
            first_from = replies_run(from_path, env, "--from", str(saved))
            second_from = replies_run(from_path, env, "--from", str(saved))
            ratios["bytes"].append(sent["Gross"] / sent["Klein"])
            ratios["time"].append(took["Gross"] / took["Klein"])
            ratios["second"].append(second / empty)
            ratios["from"].append(second_from / first_from)
            print(
                f"round {round_ + 1}: bytes {sent['Gross']} / {sent['Klein']}, "
                f"first run {took['Gross']:.2f} s / {took['Klein']:.2f} s, "
                f"second run {second:.2f} s / empty {empty:.2f} s, "
                f"--from {second_from:.2f} s / {first_from:.2f} s",
                file=sys.stderr,
            )
    targets = {
        "bytes": ("bytes fetched, 10,000 messages / only the answers", 2.0),
        "time": ("first run, 10,000 messages / only the answers", 3.0),
        "second": ("second run / a run over an empty folder", 1.2),
        "from": ("--from over 10,010 files, second run / first run", 1 / 3),
    }
    failed = False
    for key, (what, most) in targets.items():
        ratio = statistics.median(ratios[key])
        ok = ratio <= most
        failed |= not ok
        print(f"{what}: {ratio:.2f} (target at most {most:.2f}) {'ok' if ok else 'MISSED'}")
    if failed and not options.smoke:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
