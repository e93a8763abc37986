"""Answers to invitations as the mail clients write them, as .eml bytes.

The shapes follow real messages of each client (RFC 6047 iMIP):
- Outlook (Exchange/Microsoft 365): the whole message is one `text/calendar; method=REPLY` part
  in base64, subject "Zugesagt: ..."; ATTENDEE with PARTSTAT first and `MAILTO:` in capitals,
  COMMENT;LANGUAGE=de-DE for "Antwort mit Kommentar", X-MICROSOFT-CDO-* properties.
- Gmail: multipart/mixed of a multipart/alternative (text/plain, text/html, text/calendar 7bit)
  and the same calendar once more as `application/ics; name="invite.ics"` in base64.
- Thunderbird: multipart/mixed of text/plain and `text/calendar; method=REPLY` in
  quoted-printable (Lightning's "Antwort senden"), the CN quoted because it holds a comma.
"""

from __future__ import annotations

import base64
import datetime as dt
import quopri


def reply_calendar(
    *,
    uid: str,
    address: str,
    partstat: str = "ACCEPTED",
    sequence: int | None = 0,
    stamp: dt.datetime = dt.datetime(2026, 1, 11, 9, 0, tzinfo=dt.UTC),
    name: str = "Anna Müller",
    comment: str | None = None,
    method: str = "REPLY",
    prodid: str = "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    proposed: str | None = None,
    mailto: str = "mailto:",
) -> str:
    """A VCALENDAR with one VEVENT answering `uid` for `address` (CRLF, folded at 75 octets)."""
    cn = f'"{name}"' if any(c in name for c in ",;:") else name
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{prodid}",
        "VERSION:2.0",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"ATTENDEE;PARTSTAT={partstat};CN={cn}:{mailto}{address}",
    ]
    if comment is not None:
        text = comment.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        lines.append("COMMENT;LANGUAGE=de-DE:" + text.replace("\n", "\\n"))
    lines += [
        "ORGANIZER;CN=Koordination Netzwerk:mailto:netzwerk@example.de",
        f"UID:{uid}",
        "SUMMARY;LANGUAGE=de-DE:Zugesagt: Netzwerk Integration",
        f"DTSTART{';TZID=Europe/Berlin' if proposed and 'T' in proposed else ''}:"
        f"{proposed or '20270407T100000'}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        "X-MICROSOFT-CDO-APPT-SEQUENCE:0",
    ]
    if sequence is not None:
        lines.append(f"SEQUENCE:{sequence}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _fold(line: str) -> str:
    data = line.encode("utf-8")
    out, start = [], 0
    while len(data) - start > 75:
        end = start + 75 if start == 0 else start + 74
        while (data[end] & 0xC0) == 0x80:  # never inside a UTF-8 sequence
            end -= 1
        out.append(data[start:end].decode("utf-8"))
        start = end
    out.append(data[start:].decode("utf-8"))
    return "\r\n ".join(out)


def _b64(data: bytes) -> str:
    text = base64.b64encode(data).decode("ascii")
    return "\r\n".join(text[i : i + 76] for i in range(0, len(text), 76))


def _head(sender: str, subject: str, message_id: str, content_type: str) -> str:
    return (
        f"From: {sender}\r\n"
        "To: Koordination Netzwerk <netzwerk@example.de>\r\n"
        f"Subject: {subject}\r\n"
        "Date: Mon, 11 Jan 2027 10:00:00 +0100\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        f"Content-Type: {content_type}\r\n"
    )


def outlook(calendar: str, *, sender: str, message_id: str, method: str = "REPLY") -> bytes:
    """Outlook's answer: a single base64 text/calendar part."""
    head = _head(
        sender,
        "Zugesagt: Netzwerk Integration, 07.04.2027 in Eschwege",
        message_id,
        f'text/calendar; charset="utf-8"; method={method}',
    )
    head += "Content-Transfer-Encoding: base64\r\nContent-Class: urn:content-classes:calendarmessage\r\n"
    return (head + "\r\n" + _b64(calendar.encode("utf-8")) + "\r\n").encode("ascii")


def gmail(calendar: str, *, sender: str, message_id: str, method: str = "REPLY") -> bytes:
    """Gmail's answer: multipart/alternative with the calendar inline, plus invite.ics."""
    outer, inner = "000000000000a1b2c3", "000000000000a1b2c4"
    head = _head(
        sender,
        "=?UTF-8?Q?Zugesagt:_Netzwerk_Integration?=",
        message_id,
        f'multipart/mixed; boundary="{outer}"',
    )
    body = (
        f"--{outer}\r\n"
        f'Content-Type: multipart/alternative; boundary="{inner}"\r\n\r\n'
        f"--{inner}\r\n"
        'Content-Type: text/plain; charset="UTF-8"\r\n\r\n'
        "Anna Muller hat diese Einladung angenommen.\r\n\r\n"
        f"--{inner}\r\n"
        'Content-Type: text/html; charset="UTF-8"\r\n\r\n'
        "<p>Anna hat diese Einladung angenommen.</p>\r\n\r\n"
        f"--{inner}\r\n"
        f'Content-Type: text/calendar; charset="UTF-8"; method={method}\r\n'
        "Content-Transfer-Encoding: 7bit\r\n\r\n"
    )
    data = (head + "\r\n" + body).encode("ascii") + calendar.encode("utf-8")
    tail = (
        f"\r\n--{inner}--\r\n\r\n"
        f"--{outer}\r\n"
        f'Content-Type: application/ics; name="invite.ics"\r\n'
        'Content-Disposition: attachment; filename="invite.ics"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{_b64(calendar.encode('utf-8'))}\r\n"
        f"--{outer}--\r\n"
    )
    return data + tail.encode("ascii")


def thunderbird(calendar: str, *, sender: str, message_id: str, method: str = "REPLY") -> bytes:
    """Thunderbird's answer: multipart/mixed, the calendar in quoted-printable."""
    boundary = "------------7DnVh0aV3IUs3TrYZ0aGxSf2"
    head = _head(
        sender,
        "=?UTF-8?B?" + base64.b64encode(b"Zugesagt: Netzwerk Integration").decode() + "?=",
        message_id,
        f'multipart/mixed; boundary="{boundary}"',
    )
    head += "User-Agent: Mozilla Thunderbird\r\n"
    encoded = quopri.encodestring(calendar.encode("utf-8")).decode("ascii")
    body = (
        "This is a multi-part message in MIME format.\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        "Anna hat Ihre Einladung angenommen.\r\n\r\n"
        f"--{boundary}\r\n"
        f"Content-Type: text/calendar; method={method}; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        f"{encoded}\r\n"
        f"--{boundary}--\r\n"
    )
    return (head + "\r\n" + body).encode("utf-8")


def plain_mail(*, sender: str, message_id: str, text: str = "Hallo, kurze Frage.") -> bytes:
    """A message that is no answer at all."""
    head = _head(sender, "Frage", message_id, "text/plain; charset=UTF-8")
    return (head + "\r\n" + text + "\r\n").encode("utf-8")


CLIENTS = {"outlook": outlook, "gmail": gmail, "thunderbird": thunderbird}


# --- hostile mail: what a stranger can send -------------------------------------------------


def nested(depth: int, inner: bytes, *, sender: str = "x@evil.example") -> bytes:
    """A message whose multipart parts are nested `depth` deep around `inner` (a part)."""
    head = f"From: {sender}\r\nMessage-ID: <nested-{depth}@evil>\r\nMIME-Version: 1.0\r\n"
    return head.encode() + nested_part(depth, inner)


def nested_part(depth: int, inner: bytes) -> bytes:
    """A multipart part (its headers and body) nested `depth` deep around `inner`."""
    head = b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n'
    opening = b"".join(
        f'--b{n}\r\nContent-Type: multipart/mixed; boundary="b{n + 1}"\r\n\r\n'.encode()
        for n in range(depth)
    )
    closing = b"".join(f"\r\n--b{n}--\r\n".encode() for n in reversed(range(depth + 1)))
    return head + opening + f"--b{depth}\r\n".encode() + inner + closing


def calendar_part(calendar: bytes, *, charset: str = "utf-8", encoding: str = "8bit") -> bytes:
    """One text/calendar part (headers and body), its body already in `encoding`."""
    return (
        f"Content-Type: text/calendar; method=REPLY; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    ).encode() + calendar


def mime_trees() -> object:
    """A Hypothesis strategy of whole messages: arbitrary MIME trees (multiparts of any kind,
    calendar parts with random text, charsets and transfer encodings, garbage), with random
    senders, Message-IDs (often reused) and Authentication-Results."""
    from hypothesis import strategies as st

    kinds = st.sampled_from(
        [
            "text/calendar; method=REPLY",
            "application/ics",
            'application/octet-stream; name="x.ics"',
            "text/plain",
            "text/x-vcalendar",
            "message/rfc822",
            "multipart/mixed",
            "",
        ]
    )
    charsets = st.sampled_from(["utf-8", "utf-7", "utf-16", "latin-1", "x-none", "", "ébc"])
    encodings = st.sampled_from(["7bit", "8bit", "base64", "quoted-printable", "x-uue", ""])
    texts = st.text(max_size=60)

    @st.composite
    def calendar_body(draw: st.DrawFn) -> bytes:
        calendar = reply_calendar(
            uid=draw(st.sampled_from(["meeting-1.netzwerk-integration@netzwerk-cli", "x"])),
            address=draw(st.sampled_from(["anna@hef.example.de", "m@evil.example"])),
            name=draw(texts),
            comment=draw(st.none() | texts),
            partstat=draw(st.sampled_from(["ACCEPTED", "DECLINED", "X", "NONE"])),
        )
        where = draw(st.integers(0, len(calendar)))
        calendar = calendar[:where] + draw(texts) + calendar[where:]
        try:
            return calendar.encode(draw(charsets) or "utf-8", "replace")
        except LookupError:
            return calendar.encode("utf-8", "surrogatepass")

    leaf = st.builds(
        lambda kind, charset, encoding, body: (
            (
                f"Content-Type: {kind}; charset={charset}\r\n"
                f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
            ).encode("utf-8", "surrogatepass")
            + body
        ),
        kinds,
        charsets,
        encodings,
        calendar_body() | st.binary(max_size=200),
    )

    def multipart(children: st.SearchStrategy[list[bytes]]) -> st.SearchStrategy[bytes]:
        return st.builds(
            lambda sub, boundary, parts: (
                f'Content-Type: multipart/{sub}; boundary="{boundary}"\r\n\r\n'.encode()
                + b"".join(f"--{boundary}\r\n".encode() + part + b"\r\n" for part in parts)
                + f"--{boundary}--\r\n".encode()
            ),
            st.sampled_from(["mixed", "alternative", "related", "x"]),
            st.sampled_from(["a", "b", "a'b", "=", "--a"]),
            children,
        )

    # What broke every later run once: parts nested a thousand deep, and a UTF-7 calendar whose
    # name decodes to a lone surrogate.
    deep = st.integers(1000, 1100).map(
        lambda depth: nested_part(depth, b"Content-Type: text/plain\r\n\r\nx")
    )
    surrogate = st.just(
        calendar_part(
            reply_calendar(
                uid="meeting-1.netzwerk-integration@netzwerk-cli",
                address="anna@hef.example.de",
                name="Anna+2D0-",
            ).encode(),
            charset="utf-7",
        )
    )
    tree = st.recursive(
        st.sampled_from(["leaf"] * 8 + ["deep", "surrogate"]).flatmap(
            lambda kind: {"leaf": leaf, "deep": deep, "surrogate": surrogate}[kind]
        ),
        lambda inner: multipart(st.lists(inner, max_size=4)),
        max_leaves=8,
    )
    return st.builds(
        lambda sender, msgid, auth, body: (
            (f"From: {sender}\r\nMessage-ID: {msgid}\r\n{auth}MIME-Version: 1.0\r\n").encode(
                "utf-8", "surrogatepass"
            )
            + body
        ),
        st.sampled_from(["anna@hef.example.de", "Anna <ANNA@hef.example.de>", "", "a@b, c@d"])
        | texts,
        st.sampled_from(["<same@x>", "<other@x>", ""]) | texts,
        st.sampled_from(
            [
                "",
                "Authentication-Results: mx.example.de; dmarc=fail header.from=hef.example.de\r\n",
                "Authentication-Results: mx; dkim=pass header.d=hef.example.de\r\n",
            ]
        ),
        tree | st.binary(max_size=300),
    )
