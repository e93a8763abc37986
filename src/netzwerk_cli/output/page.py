"""The network's web page: one self-contained HTML file, in the network's language.

Pure: network, schedule and today in, text out. No external resources, no JavaScript; semantic
tables with header cells, readable on a phone, printable on A4. Every text from the file is
escaped, so a title `<script>` shows as text. A meeting shows its title and public `description`,
and a coming one its agenda; never its private `notes`. No time stamp: the same plan gives the
same bytes, so an unchanged page is not rewritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape

from netzwerk_cli.core.schedule import ComingMeeting, Kind, Schedule
from netzwerk_cli.message import N_
from netzwerk_cli.model import Meeting, Network, Status
from netzwerk_cli.words import Words, words

_STYLE = """
:root { color-scheme: light; --line: #c8ccd2; --muted: #555; --accent: #1d4f91; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 1rem; color: var(--accent); }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem;
  border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: #f1f3f6; }
td.when { white-space: nowrap; }
.proposed { color: var(--muted); font-style: italic; }
.cancelled td { text-decoration: line-through; color: var(--muted); }
.note { color: var(--muted); font-size: 0.9rem; }
.agenda ul { list-style: none; margin: 0.2rem 0 0; padding: 0; }
.agenda li { margin: 0.1rem 0; }
a { color: var(--accent); }
@media (max-width: 40rem) {
  thead { position: absolute; left: -9999px; }
  tr { display: block; border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
  td { display: block; border: 0; padding: 0.1rem 0; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  td:empty { display: none; }
}
@media print {
  @page { size: A4; margin: 18mm 15mm; }
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  h1 { color: #000; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; }
  tr { break-inside: avoid; }
  .subscribe { break-inside: avoid; }
}
"""


def page(
    network: Network,
    schedule: Schedule,
    *,
    today: dt.date,
    url: str | None,
    calendar_file: str,
    answers: Mapping[str, Mapping[str, int]] | None = None,
) -> str:
    """The whole HTML page: the coming meetings, the meetings held (the latest first), and how to
    subscribe to `calendar_file` (beside the page; served at `url` when it is given). `answers`:
    the counts of the answers to each invited meeting, by UID (numbers only: never a name)."""
    w = words(network.language)
    held = [
        m
        for m in network.chronological()
        if m.status is not Status.PLANNED and m.date is not None and not m.is_coming(today)
    ]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{network.language.value}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(network.name)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{escape(network.name)}</h1></header>",
        "<main>",
        _coming(
            w, network, schedule, _counted(network, answers or {}), _called_off(network, today)
        ),
        _held(w, network, held),
        _subscribe(w, url, calendar_file),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _counted(
    network: Network, answers: Mapping[str, Mapping[str, int]]
) -> dict[int, Mapping[str, int]]:
    """The answers' counts by file position of the meeting (what a schedule row knows)."""
    from netzwerk_cli.calendar.uids import meeting_uid

    return {
        m.position: answers[meeting_uid(network, m)]
        for m in network.meetings
        if meeting_uid(network, m) in answers
    }


def _called_off(network: Network, today: dt.date) -> list[tuple[Meeting, str, str]]:
    """The coming meetings that were cancelled, with their host's name and venue: the page keeps
    them, struck through, so that whoever saw the date learns that it is off."""
    return [
        (m, network.member(m.host).name, m.venue or network.member(m.host).seat)
        for m in network.chronological()
        if m.status is Status.CANCELLED
        and m.date is not None
        and not m.month_only
        and m.is_coming(today)
        and network.has_member(m.host)
    ]


def _coming(
    w: Words,
    network: Network,
    schedule: Schedule,
    counted: Mapping[int, Mapping[str, int]],
    called_off: list[tuple[Meeting, str, str]],
) -> str:
    # The time column only when a meeting has a time: a column empty in every row says nothing.
    timed = any(row.start is not None for row in schedule.meetings) or any(
        m.time is not None for m, _, _ in called_off
    )
    heads: tuple[str, ...] = (
        N_("Date"),
        N_("Time"),
        N_("Host"),
        N_("Venue"),
        N_("Status"),
        N_("Note"),
    )
    if not timed:
        heads = tuple(head for head in heads if head != N_("Time"))
    # By date, the cancelled ones among the others; a meeting without a date yet comes last.
    keyed = [
        (row.date or dt.date.max, _coming_row(w, network, row, heads, timed=timed, counted=counted))
        for row in schedule.meetings
    ]
    keyed += [(m.date or dt.date.max, _cancelled_row(w, m, host, venue, heads, timed=timed))
              for m, host, venue in called_off]  # fmt: skip
    rows = [html for _, html in sorted(keyed, key=lambda pair: pair[0])]
    if not rows:
        rows = [_only_row(heads, w(N_("No meetings planned.")))]
    return _section(w, "coming", N_("Coming meetings"), heads, rows)


def _coming_row(
    w: Words,
    network: Network,
    row: ComingMeeting,
    heads: tuple[str, ...],
    *,
    timed: bool,
    counted: Mapping[int, Mapping[str, int]],
) -> str:
    if row.date is None:
        when, stamp = w(N_("to be fixed")), ""
    elif row.month_only:
        when, stamp = w.month(row.date), f"{row.date:%Y-%m}"
    else:
        when, stamp = f"{w.weekday(row.date)} {w.date(row.date)}", row.date.isoformat()
    status = w(N_("planned")) if row.kind is Kind.PLANNED else w(N_("proposed"))
    notes = []
    if row.meeting is not None:
        # What the page may show of a meeting: its title and public description, never its notes.
        notes += [text for text in (row.meeting.title, row.meeting.description) if text]
    if row.moved_from is not None and row.holiday is not None:
        notes.append(
            w(N_("moved from {date}: {holiday}")).format(
                date=w.date(row.moved_from), holiday=w.holidays(row.holiday)
            )
        )
    if row.school is not None:
        notes.append(w(N_("school holidays: {holidays}")).format(holidays=w.holidays(row.school)))
    if row.meeting is not None and row.meeting.position in counted:
        from netzwerk_cli.output.answercounts import short

        answered = short(counted[row.meeting.position], w)
        notes.append(w(N_("answers: {counts}")).format(counts=answered))
    cells = [
        f'<time datetime="{stamp}">{escape(when)}</time>' if stamp else escape(when),
        *([escape(w.time(row.start)) if row.start else ""] if timed else []),
        escape(row.host.name),
        escape(row.venue),
        escape(status),
        escape("; ".join(notes)),
    ]
    if row.meeting is not None:
        cells[-1] += _agenda(w, network, row.meeting, separate=bool(notes))
    css = ' class="proposed"' if row.kind is Kind.PROPOSED else ""
    return f"<tr{css}>" + _cells(w, heads, cells, first_class="when") + "</tr>"


def _agenda(w: Words, network: Network, meeting: Meeting, *, separate: bool) -> str:
    """A coming meeting's agenda, the lines the invitation and the calendar have, as a list."""
    from netzwerk_cli.output.agendatext import agenda_lines

    lines = agenda_lines(network, meeting)
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    head = escape(w(N_("Agenda:")))
    gap = "<br>" if separate else ""
    return f'{gap}<div class="agenda"><strong>{head}</strong><ul>{items}</ul></div>'


def _cancelled_row(
    w: Words, meeting: Meeting, host: str, venue: str, heads: tuple[str, ...], *, timed: bool
) -> str:
    assert meeting.date is not None
    when = f"{w.weekday(meeting.date)} {w.date(meeting.date)}"
    notes = [text for text in (meeting.title, meeting.description) if text]
    cells = [
        f'<time datetime="{meeting.date.isoformat()}">{escape(when)}</time>',
        *([escape(w.time(meeting.time)) if meeting.time else ""] if timed else []),
        escape(host),
        escape(venue),
        escape(w(N_("cancelled"))),
        escape("; ".join(notes)),
    ]
    return '<tr class="cancelled">' + _cells(w, heads, cells, first_class="when") + "</tr>"


def _held(w: Words, network: Network, held: list[Meeting]) -> str:
    heads = (N_("Date"), N_("Host"), N_("Venue"), N_("Title"))
    rows = []
    for meeting in reversed(held):  # the latest first
        assert meeting.date is not None
        if meeting.month_only:
            when = w.month(meeting.date)
            stamp = f"{meeting.date:%Y-%m}"
        else:
            when = f"{w.weekday(meeting.date)} {w.date(meeting.date)}"
            stamp = meeting.date.isoformat()
        title = "; ".join(text for text in (meeting.title, meeting.description) if text)
        if meeting.status is Status.CANCELLED:
            title = (title + " " if title else "") + "(" + w(N_("cancelled")) + ")"
        cells = [
            f'<time datetime="{stamp}">{escape(when)}</time>',
            escape(network.member(meeting.host).name),
            escape(network.venue_of(meeting)),
            escape(title),
        ]
        css = ' class="cancelled"' if meeting.status is Status.CANCELLED else ""
        rows.append(f"<tr{css}>" + _cells(w, heads, cells, first_class="when") + "</tr>")
    if not rows:
        rows = [_only_row(heads, w(N_("None yet.")))]
    return _section(w, "held", N_("Meetings held"), heads, rows)


def _subscribe(w: Words, url: str | None, calendar_file: str) -> str:
    heading = escape(w(N_("Subscribe to the calendar")))
    if url is None:
        link = f'<a id="file" href="{escape(calendar_file)}">{escape(calendar_file)}</a>'
        text = escape(w(N_("The calendar file: {link}"))).format(link=link)
        return (
            f'<section class="subscribe" aria-labelledby="subscribe"><h2 id="subscribe">'
            f"{heading}</h2><p>{text}</p></section>"
        )
    https = url.rstrip("/") + "/" + calendar_file
    webcal = "webcal://" + https.split("://", 1)[1]
    intro = escape(w(N_("Subscribe in your calendar program (Outlook, Apple, Thunderbird):")))
    plain = escape(w(N_("or add this address as an internet calendar:")))
    return (
        f'<section class="subscribe" aria-labelledby="subscribe"><h2 id="subscribe">{heading}'
        f'</h2><p>{intro} <a id="webcal" href="{escape(webcal)}">{escape(webcal)}</a></p>'
        f'<p>{plain} <a id="https" href="{escape(https)}">{escape(https)}</a></p></section>'
    )


def _only_row(heads: tuple[str, ...], text: str) -> str:
    """A table's one row that says why it has no other."""
    return f'<tr><td colspan="{len(heads)}">{escape(text)}</td></tr>'


def _section(w: Words, ident: str, title: str, heads: tuple[str, ...], rows: list[str]) -> str:
    header = "".join(f'<th scope="col">{escape(w(h))}</th>' for h in heads)
    return (
        f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(w(title))}</h2>'
        f'<table id="{ident}-table"><thead><tr>{header}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></section>"
    )


def _cells(w: Words, heads: tuple[str, ...], cells: list[str], *, first_class: str) -> str:
    out = []
    for number, (head, cell) in enumerate(zip(heads, cells, strict=True)):
        css = f' class="{first_class}"' if number == 0 else ""
        # On a phone each cell is a line with its column's name as its label; an empty cell has
        # no label ("Hinweis:" with nothing after it says nothing) and no line.
        label = f' data-label="{escape(w(head))}"' if cell else ""
        out.append(f"<td{css}{label}>{cell}</td>")
    return "".join(out)
