"""A mail server (SMTP or IMAP) that cannot be reached or secured, said in one wording for both
edges."""

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


def tls_failed(server: str, why: str) -> Message:
    """TLS with the server failed, for a reason other than an untrusted certificate (which each
    edge says with what to set)."""
    return fact(N_("TLS with {server} failed: {why}"), server=server, why=why)
