"""The mail-domain check against a real DNS server on loopback (dnspython answers UDP queries)."""
from __future__ import annotations

import socket
import threading

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest

from server.services.checks import check_email, mail_domain_accepts

ZONE = {
    ("amazon.com.", "MX"): ["10 mx.amazon.com."],  # the canary: DNS works
    ("shop-mx.com.", "MX"): ["10 mx.shop-mx.com."],
    ("aonly-shop.com.", "A"): ["127.0.0.1"],
    ("nullmx-shop.com.", "MX"): ["0 ."],
}
NXDOMAIN = {"nosuch-shop.com."}
SILENT = {"slow-shop.com."}  # never answered: the resolver times out


def _serve_dns(answer):
    """A UDP DNS server on loopback; ``answer(query) -> response | None`` (None: stay silent)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                data, peer = sock.recvfrom(4096)
            except (TimeoutError, socket.timeout):
                continue
            response = answer(dns.message.from_wire(data))
            if response is not None:
                sock.sendto(response.to_wire(), peer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def close():
        stop.set()
        thread.join(timeout=2)
        sock.close()

    return f"127.0.0.1:{sock.getsockname()[1]}", close


def _zone_answer(query):
    question = query.question[0]
    name, rtype = question.name.to_text().lower(), dns.rdatatype.to_text(question.rdtype)
    if name in SILENT:
        return None
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    if name in NXDOMAIN:
        response.set_rcode(dns.rcode.NXDOMAIN)
    elif (name, rtype) in ZONE:
        response.answer.append(dns.rrset.from_text(name, 300, "IN", rtype, *ZONE[(name, rtype)]))
    return response


def _deny_all(query):
    response = dns.message.make_response(query)
    response.set_rcode(dns.rcode.NXDOMAIN)
    return response


@pytest.fixture(scope="module")
def nameserver():
    address, close = _serve_dns(_zone_answer)
    yield address
    close()


@pytest.fixture(scope="module")
def deny_all_nameserver():
    """A resolver that answers NXDOMAIN for every name (filtered or captive DNS)."""
    address, close = _serve_dns(_deny_all)
    yield address
    close()


@pytest.mark.parametrize("domain,expected", [
    ("shop-mx.com", True),       # MX
    ("aonly-shop.com", True),      # no MX, but an A record: implicit MX (RFC 5321)
    ("nullmx-shop.com", False),    # RFC 7505 null MX: accepts no mail
    ("nosuch-shop.com", False),    # NXDOMAIN
    ("slow-shop.com", None),       # timeout: unknown, never invalid
])
def test_mail_domain(nameserver, domain, expected):
    assert mail_domain_accepts(domain, timeout=0.5, nameserver=nameserver) is expected


def test_email_warnings_from_dns(nameserver):
    ok = check_email("ops@shop-mx.com", timeout=0.5, nameserver=nameserver)
    assert ok.checks["mail_accepts"] is True and ok.checks["warnings"] == []
    bad = check_email("ops@nosuch-shop.com", timeout=0.5, nameserver=nameserver)
    assert [w["code"] for w in bad.checks["warnings"]] == ["mail_domain_rejects"]
    unknown = check_email("ops@slow-shop.com", timeout=0.5, nameserver=nameserver)
    assert unknown.checks["mail_accepts"] is None
    assert [w["severity"] for w in unknown.checks["warnings"]] == ["info"]


def test_no_nameserver_reachable_is_unknown():
    # a port where nothing listens: no answer is "unknown", not "invalid"
    assert mail_domain_accepts("shop-mx.com", timeout=0.3, nameserver="127.0.0.1:9") is None


def test_api_uses_configured_nameserver(tmp_path, nameserver):
    from server import create_app
    from server.db import get_db
    from server.services import auth

    app = create_app({"HOME": tmp_path, "DNS_NAMESERVER": nameserver, "DNS_TIMEOUT": 0.5})
    with app.app_context():
        user = auth.create_user(get_db(), "u")
        token = auth.create_token(get_db(), user)
    client = app.test_client()
    h = {"Authorization": f"Bearer {token}"}
    acc = client.post("/api/v1/accounts", json={"name": "A", "marketplaces": ["US"]}, headers=h).json
    c = client.post(f"/api/v1/accounts/{acc['id']}/contacts", json={"kind": "email", "value": "x@nullmx-shop.com"},
                    headers=h).json
    assert c["checks"]["mail_accepts"] is False
    assert c["checks"]["warnings"][0]["code"] == "mail_domain_rejects"


def test_a_resolver_that_denies_every_name_means_unknown(deny_all_nameserver):
    assert mail_domain_accepts("gmail.com", timeout=0.5, nameserver=deny_all_nameserver) is None
    checks = check_email("seller@gmail.com", timeout=0.5, nameserver=deny_all_nameserver).checks
    assert checks["mail_accepts"] is None
    assert [w["code"] for w in checks["warnings"]] == ["mail_domain_unknown"]
