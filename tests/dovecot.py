"""A real IMAP server for the tests: Dovecot (Debian's dovecot-imapd), started from a
configuration in a temporary folder on a free port of 127.0.0.1, with one passwd-file user whose
Maildir belongs to an unprivileged user, STARTTLS with a certificate of the test's own CA, and
plain logins allowed (for `imap_security = "none"`).

Its pieces serve tests/dovecot_oauth.py too, which adds OAuth2 logins and submission to the same
server: `mail_folder` (the temporary folder with the user), `configuration` (what both servers
share; `login_service` writes a login service's listeners) and `started` (the running process)."""

from __future__ import annotations

import contextlib
import imaplib
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trustme

from .programs import program

USER, PASSWORD = "netzwerk", "geheim"


@dataclass
class Dovecot:
    """A running server: where it listens, its CA's certificate, and a way in for the test."""

    port: int  # plain IMAP, with STARTTLS when the server has TLS
    tls_port: int  # IMAP over TLS from the first byte (imaps); 0 without TLS
    ca_file: Path
    log: Path

    def client(self) -> imaplib.IMAP4:
        """A logged-in plain connection of the test itself (to deliver and to look)."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def append(self, data: bytes, folder: str = "INBOX", *, arrived: float | None = None) -> None:
        """Deliver a message as a mail server would: IMAP APPEND, no flags (`arrived`: its
        internal date, seconds since the epoch)."""
        client = self.client()
        try:
            when = imaplib.Time2Internaldate(arrived) if arrived is not None else None
            status, answer = client.append(folder, None, when, data)
            assert status == "OK", answer
        finally:
            client.logout()

    def flags(self, folder: str = "INBOX") -> dict[bytes, bytes]:
        """Every message's Message-ID header and flags, looked at read-only."""
        client = self.client()
        try:
            status, _ = client.select(folder, readonly=True)
            assert status == "OK"
            _, data = client.fetch("1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        finally:
            client.logout()
        found: dict[bytes, bytes] = {}
        for item in data:
            if isinstance(item, tuple):
                found[item[1].strip()] = item[0].split(b"FLAGS ")[1].split(b")")[0] + b")"
        return found

    def log_offset(self) -> int:
        """Where the log ends now: `sent_since` counts what was sent after it."""
        return self.log.stat().st_size if self.log.exists() else 0

    def sent_since(self, offset: int, *, sessions: int = 1) -> int:
        """The bytes Dovecot sent to the user's IMAP sessions that ended after `offset` of its
        log (its `Logged out ... out=N` lines), waiting for `sessions` of them to be logged."""
        import re

        deadline = time.monotonic() + 5
        while True:
            with self.log.open("rb") as log:
                log.seek(offset)
                text = log.read().decode("utf-8", "replace")
            found = re.findall(r"imap\(netzwerk\).*Logged out in=\d+ out=(\d+)", text)
            if len(found) >= sessions or time.monotonic() > deadline:
                return sum(int(n) for n in found)
            time.sleep(0.05)

    def count(self, folder: str) -> int:
        client = self.client()
        try:
            status, data = client.select(folder, readonly=True)
            return int(data[0]) if status == "OK" and data[0] else -1
        finally:
            client.logout()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def dovecot_binary() -> str:
    """Dovecot's program: Debian puts it in /usr/sbin, which is not on an ordinary user's PATH."""
    sbin = Path("/usr/sbin/dovecot")
    if os.access(sbin, os.X_OK) and sbin.is_file():
        return str(sbin)
    return program("dovecot", package="dovecot-imapd")


def _accounts() -> tuple[str, str, str]:
    """The users Dovecot's mail, login and internal processes run as: as root, unprivileged
    ones; otherwise the user that runs the tests."""
    if os.geteuid() == 0:
        return "nobody", "dovenull", "dovecot"
    import getpass

    user = getpass.getuser()
    return user, user, user


@contextlib.contextmanager
def mail_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder for one server, removed afterwards: the user's home (its Maildir's
    parent, owned by the mail user), the passwd-file with the user, and Dovecot's run/ and state/."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    root.chmod(0o755)  # the mail and auth processes, unprivileged users, must reach it
    try:
        home = root / "home" / USER
        home.mkdir(parents=True)
        if os.geteuid() == 0:
            import pwd

            owner = pwd.getpwnam(_accounts()[0])
            os.chown(home, owner.pw_uid, owner.pw_gid)
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        (root / "run").mkdir()
        (root / "state").mkdir()
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def configuration(root: Path, *, port: int, tls_port: int = 0) -> str:
    """The configuration of an IMAP server on `port` of 127.0.0.1 for the user of `root`'s
    passwd-file (PLAIN and LOGIN), with TLS (STARTTLS, imaps on `tls_port`) from `root`/server.pem
    unless `tls_port` is 0. A configuration that builds on it adds its lines after these."""
    mail_user, login_user, internal = _accounts()
    group = mail_user if mail_user != "nobody" else "nogroup"
    ssl_lines = (
        f"ssl = yes\nssl_cert = <{root}/server.pem\nssl_key = <{root}/server.pem"
        if tls_port
        else "ssl = no"
    )
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl_lines}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal}
first_valid_uid = 0
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={group} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
{login_service("imap-login", imap=port, imaps=tls_port)}
service anvil {{
  chroot =
}}
"""


def login_service(name: str, **ports: int) -> str:
    """The configuration of the login service `name` with its listeners on those ports of
    127.0.0.1 (0: that listener is off), not chrooted: the folder is a temporary one."""
    listeners = "".join(
        f"  inet_listener {listener} {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n"
        for listener, port in ports.items()
    )
    return f"service {name} {{\n  chroot =\n{listeners}}}"


@contextlib.contextmanager
def started(binary: str, root: Path, config: str, ports: tuple[int, ...]) -> Iterator[None]:
    """Dovecot running from `config` (written to `root`/dovecot.conf) once it listens on every
    one of `ports`, until the block ends."""
    path = root / "dovecot.conf"
    path.write_text(config)
    process = subprocess.Popen(
        [binary, "-F", "-c", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait(process, root, ports)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(process: subprocess.Popen[bytes], root: Path, ports: tuple[int, ...]) -> None:
    deadline = time.monotonic() + 15
    for port in ports:
        while True:
            if process.poll() is not None:
                said = process.stderr.read().decode() if process.stderr else ""
                log = root / "dovecot.log"
                raise RuntimeError(
                    f"dovecot did not start: {said} {log.read_text() if log.exists() else ''}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("dovecot did not listen within 15 s")
            time.sleep(0.05)


@contextlib.contextmanager
def dovecot_server(*, tls: bool = True) -> Iterator[Dovecot]:
    """A running Dovecot; without `tls`, one that offers no STARTTLS and no imaps."""
    binary = dovecot_binary()
    with mail_folder("netzwerk-dovecot-") as root:
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        cert.private_key_and_cert_chain_pem.write_to_path(str(root / "server.pem"))
        ca.cert_pem.write_to_path(str(root / "ca.pem"))
        port = free_port()
        tls_port = free_port() if tls else 0
        with started(binary, root, configuration(root, port=port, tls_port=tls_port), (port,)):
            yield Dovecot(port, tls_port, root / "ca.pem", root / "dovecot.log")


def context_for(server: Dovecot) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(server.ca_file))
