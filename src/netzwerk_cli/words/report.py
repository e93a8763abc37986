"""The annual report's words in the network's language, from the facts of `core.report`: its
title, sections with their tables, and the attendance as bars; the Word and the PDF writer
(`output.papers.report`) lay out the same text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netzwerk_cli.core.report import YearReport
from netzwerk_cli.core.schedule import ComingMeeting, Kind
from netzwerk_cli.message import N_
from netzwerk_cli.model import Language, Meeting
from netzwerk_cli.words import Words, words
from netzwerk_cli.words.press import long_month

# A count of meetings in words ("zwei Treffen"), as reports write the numbers up to twelve.
_COUNTS = (
    N_("one"),  # before "meeting": German "ein" (das Treffen)
    N_("two"),
    N_("three"),
    N_("four"),
    N_("five"),
    N_("six"),
    N_("seven"),
    N_("eight"),
    N_("nine"),
    N_("ten"),
    N_("eleven"),
    N_("twelve"),
)


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, its value of `most`, and the value as text."""

    label: str
    value: int
    most: int
    text: str


@dataclass(frozen=True)
class Section:
    """A heading, a paragraph (or none), a table (or none) and bars (or none)."""

    heading: str
    text: str | None = None
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # the columns' shares of the line
    bars: tuple[Bar, ...] = ()
    chart_title: str | None = None


@dataclass(frozen=True)
class ReportText:
    """The whole report in one language."""

    title: str
    intro: str
    sections: tuple[Section, ...]
    note: str

    def text(self) -> str:
        """Everything the report says, as plain lines (for tests and a quick look)."""
        lines = [self.title, self.intro]
        for section in self.sections:
            lines += [section.heading, *([section.text] if section.text else [])]
            lines += [" | ".join(row) for row in (section.header, *section.rows) if row]
            lines += [f"{bar.label}: {bar.text}" for bar in section.bars]
        return "\n".join((*lines, self.note)) + "\n"


def year_report_text(report: YearReport, w: Words, *, today: dt.date) -> ReportText:
    """The report's words in the language of `w`."""
    held = len(report.meetings)
    title = w(N_("{network} – Annual Report {year}")).format(
        year=report.year, network=report.network
    )
    if held:
        intro = w.plural(
            "In {year}, the network held {count} meeting.",
            "In {year}, the network held {count} meetings.",
            held,
        ).format(year=report.year, count=count_word(w, held))
    else:
        intro = w(N_("In {year}, the network held no meeting.")).format(year=report.year)
    if report.cancelled:
        intro += " " + w.plural(
            "{count} meeting was cancelled.", "{count} meetings were cancelled.", report.cancelled
        ).format(count=report.cancelled)
    sections = [
        _meetings(report, w),
        _attendance(report, w),
        _answers(report, w),
        _hosts(report, w),
        _coming(report, w, today),
    ]
    note = w(N_("As of {date}.")).format(date=w.date(today))
    return ReportText(title, intro, tuple(sections), note)


def count_word(w: Words, count: int) -> str:
    """A count of meetings as a reader writes it: in words up to twelve, by number after."""
    return w(_COUNTS[count - 1]) if 1 <= count <= len(_COUNTS) else str(count)


def _day(w: Words, meeting: Meeting) -> str:
    if meeting.date is None:
        return w(N_("no date yet"))
    return long_month(w, meeting.date) if meeting.month_only else w.date(meeting.date)


def _meetings(report: YearReport, w: Words) -> Section:
    heading = w(N_("Meetings held in {year}")).format(year=report.year)
    if not report.meetings:
        return Section(heading, w(N_("No meeting was held this year.")))
    return Section(
        heading,
        header=(w(N_("Date")), w(N_("Host")), w(N_("Venue")), w(N_("Topics"))),
        rows=tuple(
            (_day(w, h.meeting), h.host.name, h.venue, "; ".join(h.topics) or "–")
            for h in report.meetings
        ),
        widths=(0.16, 0.3, 0.2, 0.34),
    )


def _attendance(report: YearReport, w: Words) -> Section:
    heading = w(N_("Attendance"))
    if not report.meetings:
        return Section(heading, w(N_("No meeting was held this year.")))
    if not any(part.recorded for part in report.attendance):  # no chart of empty bars
        return Section(
            heading,
            w(N_("Attendance is not recorded for {year}.")).format(year=report.year),
        )
    rows = []
    bars = []
    for part in report.attendance:
        if part.recorded:
            said = w(N_("{attended} of {recorded}")).format(
                attended=part.attended, recorded=part.recorded
            )
        else:
            said = w(N_("not recorded"))
        rows.append((part.member.name, said))
        bars.append(Bar(part.member.name, part.attended, max(part.recorded, 1), said))
    return Section(
        heading,
        w(N_("The members' attendance at the meetings, as far as it is recorded.")),
        header=(w(N_("Member")), w(N_("Meetings attended"))),
        rows=tuple(rows),
        widths=(0.6, 0.4),
        bars=tuple(bars),
        chart_title=w(N_("Meetings attended per member")),
    )


def _answers(report: YearReport, w: Words) -> Section:
    heading = w(N_("Answers to the invitations"))
    if not report.answers:
        return Section(
            heading,
            w(N_("No answers are recorded for the meetings of {year}.")).format(year=report.year),
        )
    return Section(
        heading,
        w.plural(
            "The answers to the {count} invitation sent, one per member.",
            "The answers to the {count} invitations sent, one per member and meeting.",
            report.invited,
        ).format(count=report.invited),
        header=(
            w(N_("Member")),
            w(N_("accepted")),
            w(N_("tentative")),
            w(N_("declined")),
            w(N_("no answer")),
        ),
        rows=tuple(
            (a.member.name, str(a.accepted), str(a.tentative), str(a.declined), str(a.none))
            for a in report.answers
        ),
        widths=(0.4, 0.15, 0.15, 0.15, 0.15),
    )


def _hosts(report: YearReport, w: Words) -> Section:
    return Section(
        w(N_("Hosts in the rotation so far")),
        w(N_("How often each member hosted, up to the end of {year}.")).format(year=report.year),
        header=(w(N_("Member")), w(N_("Times hosted")), w(N_("Last hosted"))),
        rows=tuple(
            (h.member.name, str(h.count), _day(w, h.last) if h.last is not None else "–")
            for h in report.hosts
        ),
        widths=(0.5, 0.2, 0.3),
    )


def _coming(report: YearReport, w: Words, today: dt.date) -> Section:
    heading = w(N_("Coming dates (as of {date})")).format(date=w.date(today))
    if not report.coming:
        return Section(heading, w(N_("No coming meeting is known.")))
    return Section(
        heading,
        header=(w(N_("Date")), w(N_("Host")), w(N_("Venue")), w(N_("Status"))),
        rows=tuple(_coming_row(w, row) for row in report.coming),
        widths=(0.2, 0.35, 0.25, 0.2),
    )


def _coming_row(w: Words, row: ComingMeeting) -> tuple[str, str, str, str]:
    if row.date is None:
        day = w(N_("no date yet"))
    else:
        day = long_month(w, row.date) if row.month_only else w.date(row.date)
    status = w.value(Kind.PROPOSED) if row.kind is Kind.PROPOSED else w.value_text("planned")
    return (day, row.host.name, row.venue, status)


def report_words(report: YearReport, language: Language, *, today: dt.date) -> ReportText:
    """The report in `language` (the network's)."""
    return year_report_text(report, words(language), today=today)


__all__ = ["Bar", "ReportText", "Section", "report_words", "year_report_text"]
