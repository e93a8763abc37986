"""The TLS trust of every server netzwerk talks to (the mail relay, the CalDAV server).

The system's certificates, where an office's IT installs the administration's own CA, and those of
the table's `ca_file`: one rule for `invite` and `publish`, so that a relay and a calendar server
behind the same CA are trusted alike.
"""

from __future__ import annotations

import ssl

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, fact


class TrustError(NetzwerkError):
    """The extra certificates named in the file cannot be read."""


def trusting(ca_file: str | None, *, table: str) -> ssl.SSLContext:
    """A client context that trusts the system's certificates and those in `ca_file` (named in
    the file's `table`, for the message)."""
    context = ssl.create_default_context()
    if ca_file:
        try:
            context.load_verify_locations(cafile=ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise TrustError(
                fact(
                    N_("[{table}] ca_file {path}: cannot be read: {why}"),
                    table=table,
                    path=ca_file,
                    why=str(exc),
                )
            ) from None
    return context
