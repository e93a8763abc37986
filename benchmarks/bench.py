"""Time netzwerk as whole processes, as a coordinator or cron starts it, and print ratios.

Each measurement alternates a command with its reference in one run, so that the machine's mood
affects both alike, and quotes the median of the per-round ratios (never one absolute time):

1. `next-host` and `schedule` on the bundled network.toml against a bare typer app that only
   parses the same options and reads the same file (targets: at most 1.2 and 1.3), in English
   (`NETZWERK_LANG=en`), and `next-host` in German (`NETZWERK_LANG=de`: the catalog is read);
2. every command on a generated network of 400 members and 5000 timed meetings with notes, whose
   history spans four centuries (from 1600), against the same command on the bundled file
   (target: at most 2.5);
3. in one process, the calendar writer against building and serialising the same 5000 events with
   the `icalendar` package (target: at least 5 times faster; a hand-written writer must earn its
   place).

Usage: python benchmarks/bench.py [--rounds N] [--smoke]
  --smoke  one round, bundled file only: checks that the script works (CI runs this).
Runs are warm after the first: the holiday cache and the large file's network in
$XDG_CACHE_HOME/netzwerk and Python's bytecode are used as in real life (the script points
XDG_CACHE_HOME at a temporary folder, so your own cache is not touched); one more line measures
`next-host` on the large network just after an edit, the cached network forgotten each round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "network.toml"
TODAY = "2026-11-24"
STATES = (
    "BB",
    "BE",
    "BW",
    "BY",
    "HB",
    "HE",
    "HH",
    "MV",
    "NI",
    "NW",
    "RP",
    "SH",
    "SL",
    "SN",
    "ST",
    "TH",
)

# A note as minutes have them: German text, a line break, punctuation the writer must escape.
NOTE = (
    "Tagesordnung: Begrüßung; Bericht der Integrationsbeauftragten, Sprachkurse für Geflüchtete\\n"
    "Protokoll: Frau Müller (Wartburgkreis), nächste Sitzung im Frühjahr, Raum 1.07"
)

BARE_APP = """
import datetime, tomllib
from pathlib import Path
import typer

app = typer.Typer()

@app.command()
def next_host(
    file: Path = typer.Option(Path("network.toml"), "--file", "-f", envvar="NETZWERK_FILE"),
    today: str = typer.Option(None, "--today", envvar="NETZWERK_TODAY"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    datetime.date.fromisoformat(today) if today else datetime.date.today()
    tomllib.loads(file.read_text(encoding="utf-8"))

app()
"""


def generated_network(members: int = 400, meetings: int = 5000) -> str:
    """A large network: members in every state, a history of four centuries, a weekly cadence."""
    lines = [
        "[network]",
        'name = "Benchmark network"',
        'cadence = "FREQ=WEEKLY;BYDAY=WE"',
        "start = 10:00:00",
        "duration_minutes = 120",
        "",
    ]
    for i in range(members):
        lines += [
            "[[members]]",
            f'id = "M{i:03d}"',
            f'name = "Landkreis {i:03d}"',
            f'seat = "Stadt {i:03d}"',
            f'state = "{STATES[i % len(STATES)]}"',
            "",
        ]
    import datetime as dt

    # Four centuries of history: a meeting every 30 days from 1600 (the last in 2010), so that
    # whatever walks the span (time zones, holidays) pays for the years as well as the meetings.
    first = dt.date(1600, 1, 5)
    for j in range(meetings):
        day = first + dt.timedelta(days=30 * j)
        status = "cancelled" if j % 97 == 0 else "held"
        lines += [
            "[[meetings]]",
            f"date = {day.isoformat()}T{9 + j % 6:02d}:30:00",
            f'host = "M{j % members:03d}"',
            f'status = "{status}"',
            f'title = "Treffen {j + 1}"',
            f'notes = "{NOTE}"',
            "",
        ]
    return "\n".join(lines)


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(argv)}\n{result.stderr.decode()}")
    return elapsed


def ratio(
    a: list[str],
    b: list[str],
    *,
    rounds: int,
    env: dict[str, str],
    cwd: Path,
    before_a: Callable[[], None] = lambda: None,
) -> float:
    """Median over rounds of time(a) / time(b), a and b run alternately (after one warm-up each);
    `before_a` runs before each run of a, untimed."""
    timed(a, env, cwd)
    timed(b, env, cwd)
    ratios = []
    for _ in range(rounds):
        before_a()
        first = timed(a, env, cwd)
        ratios.append(first / timed(b, env, cwd))
    return statistics.median(ratios)


def writer_ratio(*, rounds: int) -> float:
    """Median over rounds of the time icalendar takes to build and serialise 5000 events, over the
    time our writer takes for the same events (each measured in this process)."""
    import datetime as dt

    from netzwerk_cli.calendar.ical import CalendarEvent, EventStatus, StampedEvent, render_calendar

    stamp = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    events = [
        StampedEvent(
            event=CalendarEvent(
                uid=f"meeting-{j}.benchmark@netzwerk-cli",
                summary=f"Benchmark network – Landkreis {j % 400:03d}",
                status=EventStatus.CONFIRMED,
                day=dt.date(2000, 1, 5) + dt.timedelta(days=2 * j),
                start=dt.time(9 + j % 6, 30),
                duration_minutes=120,
                location=f"Stadt {j % 400:03d}",
                description=f"Treffen {j + 1}\n\n{NOTE}".replace("\\n", "\n"),
            ),
            sequence=0,
            dtstamp=stamp,
        )
        for j in range(5000)
    ]

    def ours() -> bytes:
        return render_calendar(events, name="Benchmark", timezone="Europe/Berlin").encode()

    def theirs() -> bytes:
        import icalendar

        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//netzwerk//benchmark//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", "Benchmark")
        zone = icalendar.Timezone.from_tzid("Europe/Berlin")  # a VTIMEZONE, as ours writes one
        calendar.add_component(zone)
        from zoneinfo import ZoneInfo

        berlin = ZoneInfo("Europe/Berlin")
        for stamped in events:
            event = stamped.event
            assert event.start is not None
            start = dt.datetime.combine(event.day, event.start, tzinfo=berlin)
            vevent = icalendar.Event()
            vevent.add("uid", event.uid)
            vevent.add("dtstamp", stamped.dtstamp)
            vevent.add("sequence", stamped.sequence)
            vevent.add("dtstart", start)
            vevent.add("dtend", start + dt.timedelta(minutes=event.duration_minutes or 0))
            vevent.add("status", event.status.value)
            vevent.add("summary", event.summary)
            vevent.add("location", event.location)
            vevent.add("description", event.description)
            calendar.add_component(vevent)
        return calendar.to_ical()

    ours()  # warm: imports and the VTIMEZONE cache
    theirs()
    ratios = []
    for _ in range(rounds):
        started = time.perf_counter()
        theirs()
        middle = time.perf_counter()
        ours()
        ratios.append((middle - started) / (time.perf_counter() - middle))
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=21, help="alternations per ratio (default 21)"
    )
    parser.add_argument("--smoke", action="store_true", help="one round, bundled file only")
    args = parser.parse_args()
    rounds = 1 if args.smoke else args.rounds

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # As on a user's machine: Python keeps compiled bytecode (pip writes it at install; some
        # sandboxes set PYTHONDONTWRITEBYTECODE, which would recompile our modules on every run).
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("NETZWERK_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        env["XDG_CACHE_HOME"] = str(work / "cache")
        env["NETZWERK_TODAY"] = TODAY
        bare = work / "bare_typer_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        # A copy, so that the records `export` keeps beside a network file stay in the temporary
        # folder, not beside the repository's network.toml.
        bundled = work / "network.toml"
        bundled.write_bytes(BUNDLED.read_bytes())
        large = work / "large.toml"
        large.write_text(generated_network(), encoding="utf-8")

        # The installed console script, as a coordinator types it (`python -m netzwerk_cli` would
        # add runpy's own start-up, which neither users nor the bare typer app pay).
        script = Path(sys.executable).with_name("netzwerk")
        netzwerk = [str(script)] if script.exists() else [sys.executable, "-m", "netzwerk_cli"]
        commands = {
            "next-host": ["next-host"],
            "schedule": ["schedule"],
            "members": ["members"],
            "history --json": ["history", "--json"],
            "export": ["export", "--output", "{out}"],
        }

        def run(command: list[str], network: Path) -> list[str]:
            """The command line for `network`; each network exports to a calendar of its own (an
            export compares its events with the calendar it replaces: one shared file would make
            every export of one network replace the other's, and rewrite its record)."""
            out = str(network.with_suffix(".ics"))
            return [*netzwerk, *(out if a == "{out}" else a for a in command), "-f", str(network)]

        print(f"netzwerk benchmark: median of {rounds} alternating round(s); whole processes")
        print("(1) against a bare typer app that parses the same options and reads the same file")
        # The bundled file's `language` is German; the language is set, not left to the locale.
        english = {**env, "NETZWERK_LANG": "en"}
        german = {**env, "NETZWERK_LANG": "de"}
        for name, command, lang_env, target in (
            ("next-host", "next-host", english, 1.2),
            ("schedule", "schedule", english, 1.3),
            ("next-host (de)", "next-host", german, 1.2),
        ):
            value = ratio(
                run(commands[command], bundled),
                [sys.executable, str(bare), "-f", str(bundled)],
                rounds=rounds,
                env=lang_env,
                cwd=work,
            )
            label = "bundled file / bare typer app"
            print(f"    {name:<16} {label:<31} {value:5.2f}   (target <= {target})")
        if args.smoke:
            return
        print("(2) 400 members, 5000 timed meetings with notes since 1600, against the bundled one")
        for name, argv in commands.items():
            value = ratio(
                run(argv, large),
                run(argv, bundled),
                rounds=rounds,
                env=english,  # both in one language: the bundled file's own would be German
                cwd=work,
            )
            print(f"    {name:<16} large / bundled                 {value:5.2f}   (target <= 2.5)")
        # The first run after an edit of the file: no network in the cache yet.
        cache = Path(env["XDG_CACHE_HOME"]) / "netzwerk"

        def forget_read() -> None:
            for slot in cache.glob("network-*.pickle"):
                slot.unlink()

        value = ratio(
            run(commands["next-host"], large),
            run(commands["next-host"], bundled),
            rounds=rounds,
            env=english,
            cwd=work,
            before_a=forget_read,
        )
        label = "large, just edited / bundled"
        print(f"    {'next-host':<16} {label:<31} {value:5.2f}   (no target: once per edit)")
        print("(3) in one process: icalendar / our writer, for the same 5000 events")
        value = writer_ratio(rounds=max(3, rounds // 3))
        label = "icalendar / netzwerk"
        print(f"    {'calendar writer':<16} {label:<31} {value:5.2f}   (target >= 5)")


if __name__ == "__main__":
    main()
