"""A CalDAV calendar collection over plain HTTP: list, create, replace and delete resources.

Plain HTTP with `httpx` rather than a CalDAV library: publishing needs exactly four requests, and
it needs them exact (PUT with `If-None-Match: *` or `If-Match: <etag>`, DELETE with `If-Match`,
PROPFIND for the ETags) with every status code seen, which a library that hides them would get in
the way of. `httpx` is well kept, typed, and has explicit timeouts. Every failure becomes a
`CalDAVError` that names the URL and says what the status means.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, fact

if TYPE_CHECKING:
    import httpx

TIMEOUT = 30.0
PASSWORD_VARIABLE = "NETZWERK_CALDAV_PASSWORD"
# Every request with a body says what it is (RFC 4918 8.2, RFC 4791 5.3.2): stricter servers than
# Radicale answer a PROPFIND without it with 415 Unsupported Media Type.
XML = "application/xml; charset=utf-8"
CALENDAR_DATA = "text/calendar; charset=utf-8"
_PROPFIND = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>'
)
_DAV = "{DAV:}"
_CALENDAR = "{urn:ietf:params:xml:ns:caldav}calendar"


class CalDAVError(NetzwerkError):
    """The calendar server could not be reached, or refused a request."""


class Conflict(CalDAVError):
    """412: the resource changed on the server since its ETag was read."""


class Collection:
    """One calendar collection, by its URL (ending in "/").

    Resource paths are always handled decoded (`/netzwerk/Netzwerk Integration/x.ics`), as
    `etags()` reads them from the server, and encoded only in the URL of a request.
    """

    def __init__(self, client: httpx.Client, url: str) -> None:
        self.client = client
        self.url = url
        self.path = urlsplit(url).path

    def href_of(self, name: str) -> str:
        """The path of a resource named `name` in this collection."""
        return unquote(urlsplit(urljoin(self.url, quote(name))).path)

    def etags(self) -> dict[str, str]:
        """Every resource of the collection (its path) with its ETag."""
        import xml.etree.ElementTree as ET

        response = self._send("PROPFIND", self.url, _PROPFIND, {"Depth": "1", "Content-Type": XML})
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError as exc:
            raise CalDAVError(
                fact(
                    N_("{url}: the server's answer is not XML ({why})"), url=self.url, why=str(exc)
                )
            ) from None
        found: dict[str, str] = {}
        is_calendar = False
        own = unquote(self.path).rstrip("/")
        for item in root.iter(f"{_DAV}response"):
            path = urlsplit(unquote(item.findtext(f"{_DAV}href") or "")).path
            kinds = item.find(f".//{_DAV}resourcetype")
            if path.rstrip("/") == own:
                # A server may say 404 inside a 207 Multi-Status (Xandikos does, RFC 4918 9.1).
                if " 404 " in (item.findtext(f"{_DAV}status") or ""):
                    raise self._no_calendar()
                is_calendar = kinds is not None and kinds.find(_CALENDAR) is not None
                continue
            etag = item.findtext(f".//{_DAV}getetag")
            if etag and (kinds is None or kinds.find(f"{_DAV}collection") is None):
                found[path] = etag
        if not is_calendar:
            # Never put events into a principal's folder or an address book by mistake.
            raise CalDAVError(
                fact(
                    N_(
                        "{url} is not a calendar; caldav in [publish] must be the address of a "
                        "calendar collection"
                    ),
                    url=self.url,
                )
            )
        return found

    def create(self, href: str, data: bytes) -> str:
        """PUT a new resource; `Conflict` if one is there already. Its new ETag."""
        return self._put(href, data, {"If-None-Match": "*"})

    def replace(self, href: str, data: bytes, etag: str) -> str:
        """PUT over the resource with this ETag; `Conflict` if it changed meanwhile."""
        return self._put(href, data, {"If-Match": etag})

    def delete(self, href: str, etag: str) -> None:
        """DELETE the resource with this ETag; gone already counts as deleted."""
        self._send("DELETE", self._url(href), None, {"If-Match": etag}, missing_ok=True)

    def _put(self, href: str, data: bytes, headers: dict[str, str]) -> str:
        headers = {**headers, "Content-Type": CALENDAR_DATA}
        response = self._send("PUT", self._url(href), data, headers)
        etag = response.headers.get("ETag")
        if etag:
            return str(etag)
        return self.etags().get(href, "")  # a server that does not say it on PUT

    def _url(self, href: str) -> str:
        return urljoin(self.url, quote(unquote(href), safe="/@:+,;=!$&'()*~"))

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
        *,
        missing_ok: bool = False,
    ) -> httpx.Response:
        import httpx

        try:
            response = self.client.request(method, url, content=body, headers=headers)
        except httpx.ConnectError as exc:
            reason = str(exc) or type(exc).__name__
            if "SSL" in reason or "certificate" in reason:
                raise CalDAVError(
                    fact(
                        N_(
                            "TLS with {url} failed: {why} (for a server with its own CA, set "
                            "ca_file in [publish])"
                        ),
                        url=self.url,
                        why=reason,
                    )
                ) from None
            raise CalDAVError(
                fact(N_("cannot reach {url}: {why}"), url=self.url, why=reason)
            ) from None
        except httpx.TimeoutException:
            raise CalDAVError(
                fact(
                    N_("{url} did not answer within {seconds} s"),
                    url=self.url,
                    seconds=f"{TIMEOUT:g}",
                )
            ) from None
        except httpx.HTTPError as exc:
            raise CalDAVError(
                fact(N_("{url}: {why}"), url=url, why=str(exc) or type(exc).__name__)
            ) from None
        return self._checked(response, url, missing_ok=missing_ok)

    def _checked(self, response: httpx.Response, url: str, *, missing_ok: bool) -> httpx.Response:
        """The response if its status is a success; else the error that says what it means."""
        status = response.status_code
        if status >= 400 and method_put(response) and b"no-uid-conflict" in response.content:
            # RFC 4791 5.3.2.1's precondition, which Xandikos gives with 412, not 409.
            raise CalDAVError(
                fact(
                    N_(
                        "{url}: the calendar refused the event ({status}: no-uid-conflict): it "
                        "already holds an event with the same UID under another name (e.g. an "
                        "imported netzwerk.ics); delete that copy in the calendar and run "
                        "`netzwerk publish` again"
                    ),
                    url=url,
                    status=status,
                )
            )
        if status == 412:
            raise Conflict(fact(N_("{url} was changed on the server meanwhile (412)"), url=url))
        if status == 404 and missing_ok:
            return response
        if status == 409 and method_put(response):
            raise CalDAVError(
                fact(
                    N_(
                        "{url}: the calendar refused the event (409), most likely because it "
                        "already holds an event with the same UID under another name (e.g. an "
                        "imported netzwerk.ics); delete that copy in the calendar and run "
                        "`netzwerk publish` again"
                    ),
                    url=url,
                )
            )
        if 300 <= status < 400:
            # Never followed: a PUT or DELETE must not land anywhere but where the record says.
            raise CalDAVError(
                fact(
                    N_(
                        "{url} redirects to {location} ({status}); give the calendar's own "
                        "address as caldav in [publish]"
                    ),
                    url=url,
                    location=response.headers.get("Location", "?"),
                    status=status,
                )
            )
        if status == 401:
            raise CalDAVError(
                fact(
                    N_(
                        "{url} refused the login (401): wrong user or password? The password "
                        "comes from {variable} or from password_command in [publish]"
                    ),
                    url=self.url,
                    variable=PASSWORD_VARIABLE,
                )
            )
        if status == 403:
            raise CalDAVError(
                fact(
                    N_(
                        "{url}: the server forbids this (403); may this user write to the calendar?"
                    ),
                    url=url,
                )
            )
        if status == 404:
            raise self._no_calendar()
        if status >= 400:
            raise CalDAVError(
                fact(
                    N_("{url}: the server answered {status} {reason}"),
                    url=url,
                    status=status,
                    reason=response.reason_phrase,
                )
            )
        return response

    def _no_calendar(self) -> CalDAVError:
        return CalDAVError(
            fact(
                N_(
                    "{url}: no such calendar (404); caldav in [publish] must be the address "
                    "of a calendar collection"
                ),
                url=self.url,
            )
        )


def method_put(response: httpx.Response) -> bool:
    """Whether the response answers a PUT."""
    return response.request.method == "PUT"


@contextmanager
def collection(
    url: str, user: str | None, password: str | None, *, ca_file: str | None = None
) -> Iterator[Collection]:
    """A connection to the calendar collection at `url`.

    TLS trusts the system's certificates (where an office's IT installs its own CA), as `smtplib`
    does for `invite`, and those of `ca_file`, rather than httpx's default bundle alone.
    """
    import httpx

    from netzwerk_cli.outside.tls import trusting

    context = trusting(ca_file, table="publish")
    auth = (user, password or "") if user is not None else None
    with httpx.Client(auth=auth, timeout=TIMEOUT, follow_redirects=False, verify=context) as client:
        yield Collection(client, url)
