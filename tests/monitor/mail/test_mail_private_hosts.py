"""A mailbox source follows the private-network rule of HTTP sources (SECURITY.md: private
networks are opt-in): a user who may not reach loopback cannot point an imap source at it."""
import socket
import threading
from types import SimpleNamespace

import pytest

from monitor.fetch import FetchConfig, NetworkError, PrivateAddress
from monitor.sources import Context, build


def _source(port, user_id=2):
    return {"kind": "imap", "url": f"imaps://127.0.0.1:{port}/INBOX", "language": "en", "user_id": user_id,
            "settings": {"username": "u", "password": "p", "timeout": 1}}


@pytest.fixture
def listener():
    """A loopback socket that counts connection attempts (and closes them)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    srv.settimeout(0.2)
    seen = []
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            seen.append(1)
            conn.close()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    yield srv.getsockname()[1], seen
    stop.set()
    t.join(2)
    srv.close()


def _context(private_ok):
    return Context(fetcher=SimpleNamespace(config=FetchConfig(private_ok=private_ok)))


def test_a_user_without_private_access_is_refused_before_connecting(listener):
    port, seen = listener
    kind = build(_source(port))
    with pytest.raises(PrivateAddress):
        kind.retrieve({}, _context(lambda owner: owner == 1))
    assert seen == []


def test_the_instance_owner_reaches_the_loopback_mailbox(listener):
    port, seen = listener
    kind = build(_source(port, user_id=1))
    with pytest.raises(NetworkError):  # it connects; the listener is no IMAP server
        kind.retrieve({}, _context(lambda owner: owner == 1))
    assert seen
