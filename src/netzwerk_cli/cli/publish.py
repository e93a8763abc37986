"""`netzwerk publish`: the plan in a shared calendar (CalDAV) and on a web page, from cron."""

import contextlib
import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netzwerk_cli.cli.app import Loaded, beside, holiday_lookup, load
from netzwerk_cli.cli.options import FileOption, JsonOption, LangOption, TodayOption
from netzwerk_cli.cli.terminal import print_json, terminal_words
from netzwerk_cli.errors import CommandError
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    from netzwerk_cli.core.publishing import Published, Step
    from netzwerk_cli.core.schedule import HolidayLookup
    from netzwerk_cli.outside.caldav import Collection
    from netzwerk_cli.servers import PublishSettings

# The commands of this module; `cli.app` loads them when one of them runs.
commands = typer.Typer(rich_markup_mode=None, add_completion=False)

PAGE_FILE = "index.html"
CALENDAR_FILE = "netzwerk.ics"


@dataclass(frozen=True)
class Done:
    """One event published (or, dry, to be published): what, and why."""

    uid: str
    day: dt.date | None  # None for a deleted event the export no longer knows
    summary: str | None
    why: str  # a `publishing.Why` value

    def json(self) -> dict[str, Any]:
        day = self.day.isoformat() if self.day else None
        return {"uid": self.uid, "date": day, "summary": self.summary, "why": self.why}


@dataclass
class Report:
    """What a run did (or, dry, would do)."""

    created: list[Done] = field(default_factory=list)
    changed: list[Done] = field(default_factory=list)
    deleted: list[Done] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    new_folder: str | None = None  # the folder of [publish], when the run created it

    def json(self) -> dict[str, Any]:
        return {
            "calendar": {
                "created": [done.json() for done in self.created],
                "changed": [done.json() for done in self.changed],
                "deleted": [done.json() for done in self.deleted],
            },
            "files": self.files,
            "created_folder": self.new_folder,
        }


@commands.command(
    epilog="Every event of `netzwerk export` is one resource of the CalDAV calendar: new ones are "
    "created, changed ones replaced, ones this tool created that are no longer in the export "
    "deleted; events other people put in the calendar are never touched. The folder gets "
    "netzwerk.ics and index.html. Files and events that did not change are not written: a run "
    "without changes writes nothing and prints nothing."
)
def publish(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be published; change nothing.")
    ] = False,
    as_json: JsonOption = False,
    file: FileOption = None,
    today: TodayOption = None,
    lang: LangOption = None,
) -> None:
    """Publish the plan to a shared calendar (CalDAV) and a web page, as [publish] says."""
    from netzwerk_cli.file.locking import writer_lock
    from netzwerk_cli.file.records import PUBLISHED

    loaded = load(file, today, keep=not dry_run)
    settings = loaded.network.publish
    if settings is None:
        raise CommandError(
            fact(
                N_(
                    "{file} has no [publish] table: add one, e.g.\n[publish]\n"
                    'caldav = "https://cloud.example.de/remote.php/dav/calendars/netzwerk/'
                    'integration/"\nfolder = "/var/www/netzwerk"\n(see the manual, netzwerk '
                    "publish)"
                ),
                file=str(loaded.path),
            )
        )
    # Every run, dry or not, uses the server settings (a dry run reads the calendar server).
    from netzwerk_cli.cli.trust import require_trusted

    require_trusted(loaded, tables=("publish",))
    report = Report()
    # One publisher at a time, so that cron and a coordinator never put an event twice; the
    # network file's own lock stays free for the commands that edit it.
    # A dry run writes nothing, not even the lock file.
    lock = contextlib.nullcontext() if dry_run else writer_lock(loaded.path, part=PUBLISHED)
    holidays_of = holiday_lookup(keep=not dry_run)
    with lock, holidays_of as holidays, _said(report, dry_run=dry_run, quiet=as_json):
        if settings.folder is not None:
            folder = _folder(loaded, settings.folder, report, dry_run=dry_run)
            _publish_folder(loaded, folder, holidays, report, dry_run=dry_run)
        if settings.caldav is not None:
            _publish_caldav(loaded, settings.caldav, holidays, report, dry_run=dry_run)
    if as_json:
        print_json(report.json())


def _folder(loaded: Loaded, folder: str, report: Report, *, dry_run: bool) -> Path:
    """The folder of [publish], where the file names it (`beside` the network file); created if
    it is missing, as every folder netzwerk writes into (`fileio.ensure_folder`)."""
    from netzwerk_cli.file.fileio import ensure_folder

    path = beside(loaded.path, folder)
    not_a_folder = fact(N_("{path}: the folder of [publish] is not a folder"), path=str(path))
    if ensure_folder(path, not_a_folder=not_a_folder, create=not dry_run):
        report.new_folder = str(path)
    return path


def _publish_folder(
    loaded: Loaded, folder: Path, holidays: "HolidayLookup", report: Report, *, dry_run: bool
) -> None:
    """netzwerk.ics as `export --output` writes it, and index.html; each only when it changed."""
    from netzwerk_cli.cli.calendar import EXPORT_COUNT, publish_calendar, write_if_changed
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.output.page import page

    network = loaded.network
    assert network.publish is not None
    done = publish_calendar(
        loaded, holidays=holidays, output=folder / CALENDAR_FILE, option="folder", write=not dry_run
    )
    if done.written:
        report.files.append(CALENDAR_FILE)
    plan = coming_meetings(network, today=loaded.today, holidays=holidays, count=EXPORT_COUNT)
    from netzwerk_cli.cli.recorded import answers_now

    counts = {m.uid: m.counts() for m in answers_now(loaded)}
    html = page(
        network,
        plan,
        today=loaded.today,
        url=network.publish.url,
        calendar_file=CALENDAR_FILE,
        answers=counts,
    ).encode("utf-8")
    target = folder / PAGE_FILE
    if dry_run:
        from netzwerk_cli.cli.calendar import check_output, holds_already

        check_output(target, option="folder", create=False)
        changed = not holds_already(target, html)
    else:
        changed = write_if_changed(target, html, option="folder")
    if changed:
        report.files.append(PAGE_FILE)


def _publish_caldav(
    loaded: Loaded, url: str, holidays: "HolidayLookup", report: Report, *, dry_run: bool
) -> None:
    """Every event of the export as one resource of the collection at `url`."""
    from netzwerk_cli.calendar.ical import render_calendar
    from netzwerk_cli.cli.calendar import EXPORT_COUNT
    from netzwerk_cli.core.publishing import Action, steps
    from netzwerk_cli.core.schedule import coming_meetings
    from netzwerk_cli.file.records import (
        PUBLISHED,
        read_published,
        record_path,
        settle_with_record,
        write_published,
    )
    from netzwerk_cli.output.events import calendar_events, stamp_of
    from netzwerk_cli.outside import caldav

    network = loaded.network
    assert network.publish is not None
    coming = coming_meetings(network, today=loaded.today, holidays=holidays, count=EXPORT_COUNT)
    found = calendar_events(network, coming.meetings, today=loaded.today, holidays=holidays)
    settled = settle_with_record(
        loaded.path,
        found.events,
        stamp=stamp_of(loaded.today),
        timezone=network.timezone,
        record=not dry_run,
    )
    # One resource per event, with its VTIMEZONE and without METHOD (RFC 4791, 4.1).
    resources = {
        s.event.uid: render_calendar([s], name=None, timezone=network.timezone, method=None).encode(
            "utf-8"
        )
        for s in settled.events
    }
    digests = {uid: hashlib.sha256(data).hexdigest() for uid, data in resources.items()}
    events = {s.event.uid: s.event for s in settled.events}
    path = record_path(loaded.path, PUBLISHED)
    record = read_published(path, url)

    def keep() -> None:
        if not dry_run:
            write_published(path, url, record, network_name=loaded.path.name)

    settings = network.publish
    password = _password(settings)
    with caldav.collection(
        url, settings.caldav_user, password, ca_file=settings.ca_file
    ) as calendar:
        server = calendar.etags()
        gone = [uid for uid, p in record.items() if uid not in digests and p.href not in server]
        for uid in gone:  # deleted on the server and no longer ours to publish: forget them
            del record[uid]
        if gone:
            keep()
        for step in steps(digests, record, server, href_of=calendar.href_of):
            event = events.get(step.uid)
            done = Done(
                step.uid,
                event.day if event else None,
                event.summary if event else None,
                step.why.value,
            )
            bucket = {Action.CREATE: report.created, Action.REPLACE: report.changed}
            if dry_run:
                bucket.get(step.action, report.deleted).append(done)
                continue
            made = _request(calendar, step, resources.get(step.uid), digests.get(step.uid, ""))
            if made is None:
                record.pop(step.uid, None)
            else:
                step, record[step.uid] = made
            keep()  # after every request, so that a failure later loses nothing
            done = Done(done.uid, done.day, done.summary, step.why.value)
            bucket.get(step.action, report.deleted).append(done)


def _request(
    calendar: "Collection", step: "Step", data: bytes | None, digest: str
) -> "tuple[Step, Published] | None":
    """Make one request; on 412 (changed meanwhile) read the ETag again and retry once. The step
    made and the record's entry after it; None when the resource is gone."""
    from netzwerk_cli.core.publishing import Action, Published, retried
    from netzwerk_cli.outside.caldav import CalDAVError, Conflict

    for attempt in (1, 2):
        try:
            if step.action is Action.DELETE:
                calendar.delete(step.href, step.etag or "*")
                return None
            assert data is not None
            if step.action is Action.CREATE:
                etag = calendar.create(step.href, data)
            else:
                etag = calendar.replace(step.href, data, step.etag or "*")
            return step, Published(step.href, etag, digest)
        except Conflict:
            if attempt == 2:
                raise CalDAVError(
                    fact(
                        N_(
                            "{path} kept changing on the server while netzwerk wrote it (412 "
                            "twice); run `netzwerk publish` again"
                        ),
                        path=step.href,
                    )
                ) from None
            again = retried(step, calendar.etags().get(step.href))
            if again is None:
                return None
            step = again
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _password(settings: "PublishSettings") -> str | None:
    """The CalDAV password, from the places `outside.credentials` names, in its order; none
    without a user."""
    from netzwerk_cli.outside.caldav import PASSWORD_VARIABLE
    from netzwerk_cli.outside.credentials import secret
    from netzwerk_cli.servers import Login

    if settings.caldav_user is None:
        return None
    return secret(
        "caldav",
        user=settings.caldav_user,
        login=Login(password_keyring=settings.password_keyring),
        password_command=settings.password_command,
        environ=os.environ,
        missing=fact(
            N_(
                "[publish] caldav_user {user} needs a password: set {variable}, or "
                'password_command = "..." in [publish] (a command that prints it)'
            ),
            user=repr(settings.caldav_user),
            variable=PASSWORD_VARIABLE,
        ),
    )


@contextmanager
def _said(report: Report, *, dry_run: bool, quiet: bool) -> Iterator[None]:
    """Say what was done when the block ends, also when it fails (then the error follows on
    stderr): one line for the calendar, one per event the file won back, one for the files.
    Nothing when nothing changed (cron)."""
    try:
        yield
    except BaseException:
        if not quiet:
            _say(report, dry_run=dry_run, ended=False)
        raise
    if not quiet:
        _say(report, dry_run=dry_run, ended=True)


def _say(report: Report, *, dry_run: bool, ended: bool) -> None:
    """What the run did; `ended` when it got to its end (a dry run that did then says why it
    had nothing to do, if it had nothing)."""
    w = terminal_words()
    lines = []
    if report.created or report.changed or report.deleted:
        text = N_("Calendar: {new} new, {changed} changed, {deleted} deleted")
        if dry_run:
            text = N_("Calendar (dry run): {new} new, {changed} changed, {deleted} deleted")
        lines.append(
            w(text).format(
                new=len(report.created), changed=len(report.changed), deleted=len(report.deleted)
            )
        )
    for done in report.created + report.changed:
        event = f"{w.date(done.day)} {done.summary}" if done.day else done.uid
        if done.why == "overwritten":
            lines.append(
                w(N_("Overwritten on the calendar, as the file says: {event}")).format(event=event)
            )
        elif done.why == "restored":
            lines.append(
                w(N_("Put back on the calendar, as the file says: {event}")).format(event=event)
            )
    if report.new_folder is not None:
        # A sentence among the report's "label: value" lines, so with its full stop; the folder in
        # quotes, as a name inside a sentence is written ("www" alone reads as a word).
        text = (
            N_('Would create the folder "{path}" (dry run).')
            if dry_run
            else N_('Created the folder "{path}".')
        )
        lines.append(w(text).format(path=report.new_folder))
    if report.files:
        text = N_("Would write (dry run): {files}") if dry_run else N_("Written: {files}")
        lines.append(w(text).format(files=", ".join(report.files)))
    for line in lines:
        sys.stdout.write(line + "\n")
    sys.stdout.flush()
    from netzwerk_cli.cli.terminal import person_at_terminal

    if ended and not lines and (dry_run or person_at_terminal()):
        # A run without changes stays silent for cron; a dry run, and a person at a terminal,
        # are told why there was nothing to do.
        nothing = N_("Nothing to publish: what is published shows the plan as the file has it.")
        sys.stderr.write(w(nothing) + "\n")
