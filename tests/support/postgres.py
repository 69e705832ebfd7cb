"""A throwaway PostgreSQL server on loopback, for ``make test-postgres`` and the benchmarks.

``python tests/support/postgres.py -- CMD ...`` starts a fresh cluster in a temporary folder
(Debian's ``postgresql`` package; run as the ``postgres`` system user when we are root, since the
server refuses to run as root), runs CMD with ``SELLERGUARD_TEST_POSTGRES`` set to the server's
address, then stops the server and removes the folder whatever CMD did. Durability is switched
off (``fsync``, ``synchronous_commit``): the data is thrown away.
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

ENV = "SELLERGUARD_TEST_POSTGRES"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries (install Debian's ``postgresql``)."""


def _bindir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(initdb)
    raise PostgresUnavailable("initdb not found: apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


@contextlib.contextmanager
def server(max_connections: int = 400) -> Iterator[str]:
    """Start a throwaway server; yields ``postgresql://postgres@127.0.0.1:PORT/postgres``."""
    bindir = _bindir()
    user = "postgres" if os.geteuid() == 0 else None
    root = tempfile.mkdtemp(prefix="sg-pg-")
    data = os.path.join(root, "data")
    if user:
        pw = pwd.getpwnam(user)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    subprocess.run(_as_user([f"{bindir}/initdb", "-D", data, "-U", "postgres", "-A", "trust",
                             "-E", "UTF8", "--locale=C.UTF-8"], user),
                   check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = open(os.path.join(root, "server.log"), "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(_as_user([
        f"{bindir}/postgres", "-D", data, "-h", "127.0.0.1", "-p", str(port), "-k", root,
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        "-c", f"max_connections={max_connections}", "-c", "shared_buffers=128MB"], user),
        stdout=log, stderr=subprocess.STDOUT)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise PostgresUnavailable("postgres exited: " + open(log.name, errors="replace").read()[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    pass
                ready = subprocess.run([f"{bindir}/pg_isready", "-h", "127.0.0.1", "-p", str(port)],
                                       stdout=subprocess.DEVNULL).returncode == 0
                if ready:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise PostgresUnavailable("postgres did not start within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1:]
    if not argv:
        print("usage: postgres.py -- COMMAND ...", file=sys.stderr)
        return 2
    with server() as url:
        print(f"throwaway PostgreSQL at {url}", flush=True)
        return subprocess.run(argv, env={**os.environ, ENV: url}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
