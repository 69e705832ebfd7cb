"""A throwaway Dovecot IMAP server for the tests: its own configuration, TLS certificate (made by
openssl here), passwd-file user and Maildir in a temporary folder, listening on a free loopback
port; never the system's service. Mail is delivered into the Maildir as a delivery agent would.
Also: loopback TCP servers that hang or drop the connection, and a relay that cuts a session
after some bytes."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_cert(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


class Dovecot:
    def __init__(self, root: Path, user: str = "ops@example-shop.test",
                 password: str = "app-pass-7f3k") -> None:
        self.root, self.user, self.password = root, user, password
        self.port = free_port()
        self.cert, key = make_cert(root)
        self.maildir = root / "mail" / user / "Maildir"
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        (root / "run").mkdir()
        (root / "passwd").write_text(f"{user}:{{PLAIN}}{password}::::::\n")
        # the whole instance runs as the unprivileged "dovecot" account the package creates
        # (when the tests run as root; otherwise as the user running them)
        if os.getuid() == 0:
            import pwd

            pw = pwd.getpwnam("dovecot")
            uid, gid = pw.pw_uid, pw.pw_gid
        else:
            uid, gid = os.getuid(), os.getgid()
        self.uid, self.gid = uid, gid
        conf = f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{self.cert}
ssl_key = <{key}
auth_mechanisms = plain
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{root}/mail/%u/Maildir
mail_privileged_group =
default_internal_user = {_user_name(uid)}
auth_failure_delay = 0
default_internal_group = {_group_name(gid)}
default_login_user = {_user_name(uid)}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service auth {{
  user = {_user_name(uid)}
}}
service auth-worker {{
  user = {_user_name(uid)}
}}
service stats {{
  chroot =
}}
"""
        self.conf = root / "dovecot.conf"
        self.conf.write_text(conf)
        self._own(root)
        # in the foreground (-F), as our child: stopped by its own pid, never by name
        as_user = {"user": uid, "group": gid, "extra_groups": []} if os.getuid() == 0 else {}
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.conf)], **as_user,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=(root / "stderr.log").open("wb"))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError("dovecot did not start: " + self.log()
                               + (self.root / "stderr.log").read_text(errors="replace"))

    def _own(self, path: Path) -> None:
        if os.getuid() != 0:
            return
        os.chown(path, self.uid, self.gid)
        for dirpath, dirs, files in os.walk(path):
            for name in dirs + files:
                os.chown(os.path.join(dirpath, name), self.uid, self.gid)

    @property
    def url(self) -> str:
        return f"imaps://127.0.0.1:{self.port}/INBOX"

    def ca(self) -> str:
        return self.cert.read_text()

    def deliver(self, raw: bytes) -> Path:
        """Put a message into the Maildir (``new/``), as a delivery agent does."""
        name = f"{time.time():.6f}.{uuid.uuid4().hex}.test,S={len(raw)}"
        tmp = self.maildir / "tmp" / name
        tmp.write_bytes(raw)
        self._own(tmp)
        final = self.maildir / "new" / name
        tmp.rename(final)
        return final

    def deliver_large(self, head: bytes, size: int) -> None:
        """A message of ``size`` bytes written in chunks (never held in memory at once)."""
        name = f"{time.time():.6f}.{uuid.uuid4().hex}.test,S={size}"
        tmp = self.maildir / "tmp" / name
        line = b"A" * 998 + b"\r\n"
        with tmp.open("wb") as fp:
            fp.write(head)
            left = size - len(head)
            while left > 0:
                chunk = line * 1024
                fp.write(chunk[:left])
                left -= len(chunk)
        self._own(tmp)
        tmp.rename(self.maildir / "new" / name)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def _user_name(uid: int) -> str:
    import pwd

    return pwd.getpwuid(uid).pw_name


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


class TcpServer:
    """A loopback TCP server: ``mode`` "hang" (accepts, never answers) or "drop" (accepts and
    closes at once)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, socket.timeout, OSError):
                continue
            if self.mode == "drop":
                conn.close()
            else:
                self.held.append(conn)

    def close(self) -> None:
        self._stop.set()
        for c in self.held:
            c.close()
        self.sock.close()


class CuttingRelay:
    """Relays loopback TCP to ``port``; with ``cut_after`` set, closes both sides once that many
    bytes came back from the server (a connection dropped in the middle of a session)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.cut_after: int | None = None
        self.totals: list[int] = []  # bytes the server sent in each finished session
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.sock.accept()
            except (TimeoutError, socket.timeout, OSError):
                continue
            server = socket.create_connection(("127.0.0.1", self.target))
            limit = self.cut_after
            threading.Thread(target=self._pipe, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, limit, self.totals),
                             daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, limit: int | None,
              totals: list | None = None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) > limit:
                    dst.sendall(data[:max(0, limit - sent)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        if totals is not None:
            totals.append(sent)
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
