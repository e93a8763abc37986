"""Passwords for servers: from an environment variable, or from a command that prints one.

A password never goes into the network file; `password_command` names a command such as
`pass show netzwerk/smtp` or `secret-tool lookup service netzwerk`, run without a shell.
"""

from __future__ import annotations

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, fact

TIMEOUT = 30.0  # seconds a password command may take


class PasswordError(NetzwerkError):
    """The password command failed or printed nothing."""


def run_password_command(command: str) -> str:
    """What a password command prints on its first line; a `PasswordError` if it fails."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise PasswordError(
            fact(
                N_("password_command {command} cannot be read: {why}"),
                command=repr(command),
                why=str(exc),
            )
        ) from None
    if not argv:
        raise PasswordError(fact(N_("password_command is empty")))
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise PasswordError(
            fact(N_("password_command: {program} was not found"), program=repr(argv[0]))
        ) from None
    except subprocess.TimeoutExpired:
        raise PasswordError(
            fact(N_("password_command did not finish within {seconds} s"), seconds=f"{TIMEOUT:g}")
        ) from None
    except OSError as exc:
        raise PasswordError(
            fact(N_("password_command cannot be run: {why}"), why=exc.strerror or str(exc))
        ) from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [""])[-1]
        raise PasswordError(
            fact(
                N_("password_command failed (exit status {status}): {said}"),
                status=done.returncode,
                said=said,
            )
        )
    lines = done.stdout.splitlines()
    if not lines or not lines[0]:
        raise PasswordError(fact(N_("password_command printed no password")))
    return lines[0]
