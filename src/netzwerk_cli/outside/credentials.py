"""The secret of a login: a password or an OAuth2 access token, and the one order of the places it
comes from, for SMTP, IMAP and CalDAV alike.

A password: the environment (NETZWERK_SMTP_PASSWORD, ...), else the system's keychain (the
entry `password_keyring` names, for the login's user, through the optional `keyring` package),
else what `password_command` prints. A token: the environment (NETZWERK_SMTP_TOKEN, ...), else
what `token_command` prints, run once per connection. Neither is ever stored, logged or shown:
a failing token command is said with its exit status only (its output may hold the token).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netzwerk_cli.errors import NetzwerkError
from netzwerk_cli.message import N_, Message, fact
from netzwerk_cli.servers import Auth, Login

# Long enough for a token helper that asks the user to sign in (a device code) on its first run.
TOKEN_TIMEOUT = 300.0
SERVICES = ("smtp", "imap", "caldav")


class CredentialError(NetzwerkError):
    """No password or token could be had: none given, the keychain or a command failed."""


def variable(service: str, kind: str = "PASSWORD") -> str:
    """The environment variable of a service's password or token: NETZWERK_IMAP_TOKEN."""
    return f"NETZWERK_{service.upper()}_{kind}"


def secret(
    service: str,
    *,
    user: str,
    login: Login,
    password_command: str | None,
    environ: Mapping[str, str],
    missing: Message,
) -> str:
    """The password or token of one login, from the first place that has it (the module's
    order); `missing` is said when no place is set up at all."""
    if login.auth is not Auth.PASSWORD:
        return _token(service, login.token_command, environ)
    if environ.get(variable(service)):
        return environ[variable(service)]
    if login.password_keyring is not None:
        found = keychain_password(login.password_keyring, user)
        if found:
            return found
        if password_command is None:
            raise CredentialError(
                fact(
                    N_(
                        "the keychain has no password for {user} in {entry}: store one with "
                        "`netzwerk password set {service}`"
                    ),
                    user=repr(user),
                    entry=repr(login.password_keyring),
                    service=service,
                )
            )
    if password_command is None:
        raise CredentialError(missing)
    from netzwerk_cli.outside.password import run_password_command

    return run_password_command(password_command)


def _token(service: str, command: str | None, environ: Mapping[str, str]) -> str:
    name = variable(service, "TOKEN")
    if environ.get(name):
        return environ[name].strip()
    key = "imap_token_command" if service == "imap" else "token_command"
    if command is None:
        raise CredentialError(
            fact(
                N_(
                    'the login needs an OAuth2 access token: set {variable}, or {key} = "..." in '
                    '[mail] (a token helper that prints a fresh one, e.g. "oama access {user}")'
                ),
                variable=name,
                key=key,
                user="name@example.de",
            )
        )
    return run_token_command(command, key=key)


def run_token_command(command: str, *, key: str) -> str:
    """What a token command prints on its first line. Its stderr goes to the terminal (a helper
    may ask the user to sign in); its output is never shown, not even when it fails."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise CredentialError(
            fact(N_("{key} cannot be read: {why}"), key=key, why=str(exc))
        ) from None
    if not argv:
        raise CredentialError(fact(N_("{key} is empty"), key=key))
    try:
        done = subprocess.run(
            argv, stdout=subprocess.PIPE, text=True, timeout=TOKEN_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise CredentialError(
            fact(N_("{key}: {program} was not found"), key=key, program=repr(argv[0]))
        ) from None
    except subprocess.TimeoutExpired:
        raise CredentialError(
            fact(
                N_("{key} did not finish within {seconds} s"),
                key=key,
                seconds=f"{TOKEN_TIMEOUT:g}",
            )
        ) from None
    except OSError as exc:
        raise CredentialError(
            fact(N_("{key} cannot be run: {why}"), key=key, why=exc.strerror or str(exc))
        ) from None
    if done.returncode != 0:
        raise CredentialError(
            fact(
                N_("{key} failed (exit status {status}); no connection was made"),
                key=key,
                status=done.returncode,
            )
        )
    token = (done.stdout.splitlines() or [""])[0].strip()
    if not token:
        raise CredentialError(
            fact(
                N_("{key} printed no token (exit status {status}); no connection was made"),
                key=key,
                status=done.returncode,
            )
        )
    return token


def _keyring() -> Any:
    """The `keyring` package, imported only here: most runs never need a keychain."""
    try:
        import keyring
        import keyring.errors
    except ImportError:
        raise CredentialError(
            fact(
                N_(
                    "password_keyring needs the keyring package: pip install "
                    "'netzwerk-cli[keyring]'"
                )
            )
        ) from None
    return keyring


def keychain_password(entry: str, user: str) -> str | None:
    """The password the system's keychain keeps for `user` in the service `entry`, or None."""
    module = _keyring()
    try:
        found = module.get_password(entry, user)
    except module.errors.KeyringError as exc:
        raise CredentialError(_keychain_failed(exc)) from None
    return found if isinstance(found, str) else None


def store_in_keychain(entry: str, user: str, password: str) -> None:
    """Keep `password` for `user` in the service `entry` of the system's keychain."""
    module = _keyring()
    try:
        module.set_password(entry, user, password)
    except module.errors.KeyringError as exc:
        raise CredentialError(_keychain_failed(exc)) from None


def _keychain_failed(exc: Exception) -> Message:
    return fact(
        N_("the system's keychain cannot be used: {why}"),
        why=str(exc) or type(exc).__name__,
    )
