"""A real IMAP server for the tests: Dovecot (Debian's dovecot-imapd), started from a
configuration in a temporary folder on a free port of 127.0.0.1, with one passwd-file user whose
Maildir belongs to an unprivileged user, STARTTLS with a certificate of the test's own CA, and
plain logins allowed (for `imap_security = "none"`)."""

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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def dovecot_server(*, tls: bool = True) -> Iterator[Dovecot]:
    """A running Dovecot; without `tls`, one that offers no STARTTLS and no imaps."""
    # Debian puts it in /usr/sbin, which is not on an ordinary user's PATH.
    sbin = Path("/usr/sbin/dovecot")
    binary = str(sbin) if os.access(sbin, os.X_OK) and sbin.is_file() else None
    binary = binary or program("dovecot", package="dovecot-imapd")
    root = Path(tempfile.mkdtemp(prefix="netzwerk-dovecot-"))
    root.chmod(0o755)  # the mail process, an unprivileged user, must reach the Maildir
    process: subprocess.Popen[bytes] | None = None
    try:
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        cert.private_key_and_cert_chain_pem.write_to_path(str(root / "server.pem"))
        ca.cert_pem.write_to_path(str(root / "ca.pem"))
        home = root / "home" / USER
        home.mkdir(parents=True)
        if os.geteuid() == 0:
            import pwd

            mail_user, login_user = "nobody", "dovenull"
            owner = pwd.getpwnam(mail_user)
            os.chown(home, owner.pw_uid, owner.pw_gid)
            internal = "dovecot"
        else:
            import getpass

            mail_user = login_user = internal = getpass.getuser()
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        port = _free_port()
        tls_port = _free_port() if tls else 0
        ssl_lines = (
            f"ssl = yes\nssl_cert = <{root}/server.pem\nssl_key = <{root}/server.pem"
            if tls
            else "ssl = no"
        )
        config = root / "dovecot.conf"
        config.write_text(
            f"""
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
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_user if mail_user != "nobody" else "nogroup"} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"""
        )
        (root / "run").mkdir()
        (root / "state").mkdir()
        process = subprocess.Popen(
            [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                said = process.stderr.read().decode() if process.stderr else ""
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {said} {log}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("dovecot did not listen within 15 s")
            time.sleep(0.05)
        yield Dovecot(port, tls_port, root / "ca.pem", root / "dovecot.log")
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(root, ignore_errors=True)


def context_for(server: Dovecot) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(server.ca_file))
