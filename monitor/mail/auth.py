"""Who signed a message: DKIM and ARC verified with dkimpy against DNS (dnspython), DMARC
alignment of the From domain, and ``Authentication-Results`` of the seller's own server.

DNS answers through :class:`Dns`: nameservers and a timeout of our choosing (tests point it at a
loopback server). A lookup that could not be made (timeout, no nameserver reachable, SERVFAIL) is
*unavailable*, not "no key": every result then says so and the verdict becomes ``unknown``,
never ``genuine``.

``Authentication-Results`` (RFC 8601) headers are trusted only when their authserv-id is the
configured one (the seller's own receiving server) — anyone can write such a header into a mail.
Only the topmost one with that id counts (the receiving server adds its own on top, and a good
one removes forged copies of its id further down).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import authres
import dkim
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

from monitor.mail.domains import org_domain

log = logging.getLogger(__name__)
_quiet = logging.getLogger("monitor.mail.dkim")
_quiet.addHandler(logging.NullHandler())
_quiet.propagate = False  # dkimpy logs every failure as an error; its result is what we keep


@dataclass
class DnsConfig:
    nameservers: list[str] | None = None   # "host" or "host:port"; None: the system's resolver
    timeout: float = 4.0
    offline: bool = False                  # ask no one: every look-up is unavailable


class Dns:
    """TXT lookups for dkimpy; records whether any lookup could not be made."""

    def __init__(self, config: DnsConfig | None = None) -> None:
        self.config = config or DnsConfig()
        self.unavailable: list[str] = []
        try:
            if self.config.offline:
                raise ValueError("offline mode")
            if self.config.nameservers:
                self.resolver = dns.resolver.Resolver(configure=False)
                addrs, ports = [], set()
                for ns in self.config.nameservers:
                    host, _, port = ns.rpartition(":") if ns.count(":") == 1 else (ns, "", "")
                    addrs.append(host or ns)
                    if port:
                        ports.add(int(port))
                self.resolver.nameservers = addrs
                if ports:
                    self.resolver.port = ports.pop()
            else:
                self.resolver = dns.resolver.Resolver()
        except (dns.resolver.NoResolverConfiguration, OSError, ValueError) as exc:
            self.resolver = None
            self.unavailable.append(f"no DNS resolver: {exc}")
        if self.resolver is not None:
            self.resolver.timeout = self.config.timeout
            self.resolver.lifetime = self.config.timeout

    def txt(self, name: str | bytes, timeout: float | None = None) -> bytes | None:
        if isinstance(name, bytes):
            name = name.decode("ascii", "replace")
        if self.resolver is None or self.unavailable:
            # once DNS failed for this message, the other look-ups would only wait as long
            raise dkim.DnsTimeoutError(self.unavailable[-1])
        try:
            answer = self.resolver.resolve(name, "TXT", raise_on_no_answer=False,
                                           search=False)
        except dns.resolver.NXDOMAIN:
            return None
        except (dns.exception.Timeout, dns.resolver.NoNameservers,
                dns.resolver.LifetimeTimeout, OSError) as exc:
            self.unavailable.append(f"{name}: {type(exc).__name__}")
            raise dkim.DnsTimeoutError(str(exc)) from None
        for rr in answer.response.answer:
            if rr.rdtype == dns.rdatatype.TXT:
                return b"".join(list(rr.items)[0].strings)
        return None

    def dkimfunc(self, name, timeout=5):  # dkimpy's dnsfunc signature
        return self.txt(name, timeout)


@dataclass
class AuthResult:
    dkim_pass: list[str] = field(default_factory=list)     # d= of signatures that verified
    dkim_fail: list[str] = field(default_factory=list)     # d= of signatures that did not
    arc: str = "none"                                      # pass | fail | none
    arc_sealers: list[str] = field(default_factory=list)   # d= of each ARC-Seal, i=1 first
    arc_dkim_pass: list[str] = field(default_factory=list) # what the first sealer saw pass
    dmarc_record: str | None = None                        # the From domain's DMARC policy (p=)
    dmarc_aligned: bool = False
    trusted_ar: dict | None = None                         # {"dkim": [...], "dmarc": ..., ...}
    dns_unavailable: list[str] = field(default_factory=list)


def _tags(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(";"):
        k, _, v = part.partition("=")
        if k.strip():
            out[k.strip().lower()] = "".join(v.split())
    return out


def _header_values(msg, name: str) -> list[str]:
    try:
        return [str(v) for v in (msg.get_all(name) or [])]
    except Exception:  # noqa: BLE001
        return []


def verify_dkim(raw: bytes, msg, resolver: Dns, out: AuthResult) -> None:
    sigs = _header_values(msg, "DKIM-Signature")
    if not sigs:
        return
    try:
        d = dkim.DKIM(raw, logger=_quiet, timeout=resolver.config.timeout)
    except Exception as exc:  # noqa: BLE001 - an unparsable message
        log.debug("dkim: %s", exc)
        return
    for idx, sig in enumerate(sigs[:5]):
        domain = _tags(sig).get("d", "?").lower()
        try:
            ok = d.verify(idx=idx, dnsfunc=resolver.dkimfunc)
        except Exception as exc:  # noqa: BLE001 - dkimpy raises on malformed signatures
            log.debug("dkim %s: %s", domain, exc)
            ok = False
        (out.dkim_pass if ok else out.dkim_fail).append(domain)


def verify_arc(raw: bytes, msg, resolver: Dns, out: AuthResult) -> None:
    seals = _header_values(msg, "ARC-Seal")
    if not seals:
        return
    by_i = {}
    for s in seals:
        t = _tags(s)
        try:
            by_i[int(t.get("i", "0"))] = t.get("d", "").lower()
        except ValueError:
            continue
    out.arc_sealers = [by_i[i] for i in sorted(by_i)]
    try:
        cv, _results, _comment = dkim.arc_verify(raw, logger=_quiet, dnsfunc=resolver.dkimfunc,
                                                 timeout=resolver.config.timeout)
    except Exception as exc:  # noqa: BLE001
        log.debug("arc: %s", exc)
        cv = b"fail"
    out.arc = cv.decode() if isinstance(cv, bytes) else str(cv)
    if out.arc != "pass":
        return
    for aar in _header_values(msg, "ARC-Authentication-Results"):
        head, _, rest = aar.partition(";")
        if _tags(head).get("i") != "1":
            continue
        try:
            parsed = authres.AuthenticationResultsHeader.parse_value(rest)
        except Exception:  # noqa: BLE001
            continue
        for r in parsed.results:
            if r.method == "dkim" and r.result == "pass":
                d = _prop(r, "header", "d") or _prop(r, "header", "i")
                if d:
                    out.arc_dkim_pass.append(d.split("@")[-1].lower())


def _prop(result, ptype: str, name: str) -> str | None:
    for p in getattr(result, "properties", []) or []:
        if p.type == ptype and p.name == name:
            return str(p.value)
    return None


def trusted_results(msg, authserv_id: str | None) -> dict | None:
    """The topmost ``Authentication-Results`` of ``authserv_id``: ``{"dkim": [d…], "dmarc":
    result, "dmarc_from": domain}``, or None."""
    if not authserv_id:
        return None
    want = authserv_id.strip().lower()
    for value in _header_values(msg, "Authentication-Results"):
        try:
            parsed = authres.AuthenticationResultsHeader.parse_value(value)
        except Exception:  # noqa: BLE001
            continue
        if (parsed.authserv_id or "").lower() != want:
            continue
        out: dict = {"dkim": [], "dmarc": None, "dmarc_from": None}
        for r in parsed.results:
            if r.method == "dkim" and r.result == "pass":
                d = _prop(r, "header", "d") or _prop(r, "header", "i")
                if d:
                    out["dkim"].append(d.split("@")[-1].lower())
            elif r.method == "dmarc":
                out["dmarc"] = r.result
                out["dmarc_from"] = (_prop(r, "header", "from") or "").lower() or None
        return out
    return None


def dmarc_policy(domain: str, resolver: Dns) -> str | None:
    """The ``p=`` of the From domain's DMARC record (at the domain, else its registrable domain),
    ``"none"`` when there is a record without p=, None when there is none."""
    for d in dict.fromkeys([domain, org_domain(domain)]):
        try:
            txt = resolver.txt(f"_dmarc.{d}")
        except dkim.DnsTimeoutError:
            return None
        if txt and txt.lower().startswith(b"v=dmarc1"):
            return _tags(txt.decode("ascii", "replace")).get("p", "none")
    return None


def aligned(from_domain: str, signer: str) -> bool:
    """Relaxed DMARC alignment: the same registrable domain."""
    return bool(from_domain and signer) and org_domain(from_domain) == org_domain(signer)


def authenticate(mail, *, dns_config: DnsConfig | None = None,
                 authserv_id: str | None = None) -> AuthResult:
    """Everything the headers and DNS say about who sent ``mail`` (a parsed Mail)."""
    resolver = Dns(dns_config)
    out = AuthResult()
    msg = mail.headers
    out.trusted_ar = trusted_results(msg, authserv_id)
    verify_dkim(mail.raw, msg, resolver, out)
    verify_arc(mail.raw, msg, resolver, out)
    if mail.from_domain:
        out.dmarc_aligned = any(aligned(mail.from_domain, d) for d in out.dkim_pass)
        out.dmarc_record = dmarc_policy(mail.from_domain, resolver)
    out.dns_unavailable = list(dict.fromkeys(resolver.unavailable))
    return out
