"""A mail server (SMTP or IMAP) that cannot be reached, said in one wording for both edges."""

from __future__ import annotations

from netzwerk_cli.message import N_, Message, fact


def no_answer(server: str, seconds: float) -> Message:
    """The server took longer than `seconds` to connect or to answer."""
    return fact(
        N_("{server} did not answer within {seconds} s"), server=server, seconds=f"{seconds:g}"
    )


def unreachable(server: str, exc: OSError) -> Message:
    """No connection to the server, with the system's reason."""
    return fact(
        N_("cannot connect to {server}: {why}"), server=server, why=exc.strerror or str(exc)
    )
