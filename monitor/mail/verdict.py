"""Is this message genuine? ``genuine | suspicious | phishing | unknown`` with reasons.

- **genuine**: the From domain is one the marketplace sends its notices from, and a DKIM
  signature of that domain (relaxed DMARC alignment) verified against DNS — by us, or by the
  seller's own server (its ``Authentication-Results``, trusted by authserv-id), or, for forwarded
  mail, by the first forwarder of a valid ARC chain whose sealer the seller trusts. A look-alike
  link in it makes it suspicious instead.
- **phishing**: the From domain imitates the marketplace's; or the message claims to be the
  marketplace (its name in the sender's name or subject) from a domain that is not, with a link
  elsewhere and pressure or a request for secrets; or its text alone is flagged
  (``monitor.analysis.phishing``: look-alike links, a credential request with a foreign link, a
  secret to be sent back); or a link's visible address differs from where it goes.
- **unknown**: the message is signed but DNS could not be asked (offline, timeout) and nothing
  else decides — never genuine; or the message does not claim to come from the marketplace.
- **suspicious**: everything in between (the marketplace's domain without a valid signature,
  its name without its domain).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.analysis.phishing import find_links, link_host, signals
from monitor.mail import auth as auth_mod
from monitor.mail.domains import lookalike, mail_domains, org_domain
from monitor.mail.message import Mail, MalformedMessage, parse

VERDICTS = ("genuine", "suspicious", "phishing", "unknown")
# providers whose ARC seals a seller commonly relies on when mail is forwarded to them
DEFAULT_TRUSTED_ARC = ("google.com", "microsoft.com", "outlook.com", "yahoo.com", "icloud.com",
                       "fastmail.com", "zoho.com")


@dataclass
class VerdictConfig:
    dns: auth_mod.DnsConfig = field(default_factory=auth_mod.DnsConfig)
    authserv_id: str | None = None            # the seller's own receiving server
    trusted_arc: tuple[str, ...] = DEFAULT_TRUSTED_ARC


def _mentions_brand(mail: Mail, words: tuple[str, ...]) -> bool:
    head = f"{mail.from_name} {mail.subject}".casefold()
    body = mail.text[:5000].casefold()
    return any(w in head.replace(" ", "") for w in words) or any(
        w in body.replace(" ", "") for w in words)


def _mismatched_links(mail: Mail) -> list[str]:
    out = []
    for link in mail.links:
        shown = link.text.strip()
        if not re.match(r"(?i)^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?$", shown):
            continue
        shown_host, real_host = link_host(shown), link_host(link.href)
        md = mail_domains()
        if md.is_marketplace(shown_host) and (md.is_marketplace(real_host)
                                              or org_domain(real_host or "") in md.shared):
            continue  # the marketplace's own click tracking
        if shown_host and real_host and org_domain(shown_host) != org_domain(real_host):
            out.append(f"a link reads {shown_host} but goes to {real_host}")
    return out


def judge_mail(mail: Mail, config: VerdictConfig | None = None) -> dict:
    """The verdict on a parsed message."""
    config = config or VerdictConfig()
    md = mail_domains()
    reasons: list[str] = []
    sender = mail.from_domain
    from_real = md.is_sender(sender)
    from_look = lookalike(sender, md) if sender else None
    claims = from_real or bool(from_look) or _mentions_brand(mail, md.brand_words)
    targets = [lk.href for lk in mail.links] or find_links(f"{mail.subject}\n{mail.text}")
    text = signals(mail.text, links=targets, title=mail.subject)
    mismatch = _mismatched_links(mail)
    result = auth_mod.authenticate(mail, dns_config=config.dns, authserv_id=config.authserv_id)

    how = None
    if from_real:
        own = [d for d in result.dkim_pass if auth_mod.aligned(sender, d)]
        ar = result.trusted_ar or {}
        ar_ok = [d for d in ar.get("dkim", []) if auth_mod.aligned(sender, d)]
        if ar.get("dmarc") == "pass" and ar.get("dmarc_from") and auth_mod.aligned(
                sender, ar["dmarc_from"]):
            ar_ok.append(ar["dmarc_from"])
        trusted = {org_domain(t) for t in config.trusted_arc}
        arc_ok = (result.arc == "pass" and result.arc_sealers
                  and org_domain(result.arc_sealers[0]) in trusted
                  and any(auth_mod.aligned(sender, d) for d in result.arc_dkim_pass))
        if own:
            how = f"signed by {own[0]} (DKIM verified, aligned with the From address)"
        elif ar_ok:
            how = (f"your mail server {config.authserv_id} verified it as {ar_ok[0]} "
                   "(Authentication-Results)")
        elif arc_ok:
            how = (f"forwarded by {result.arc_sealers[0]}, which verified {sender}'s signature "
                   "before forwarding (ARC chain valid)")

    if mail.from_count > 1:
        reasons.append("the message has more than one sender address")
    if from_look:
        reasons.append(f"the sender's domain imitates {md.brand}'s: {from_look}")
    reasons += mismatch
    reasons += text["reasons"]
    foreign = text["foreign"]

    authenticated = bool(how) and mail.from_count == 1
    if authenticated and (text["lookalikes"] or mismatch):
        # signed by the marketplace itself, yet pointing at look-alikes: never "genuine"
        verdict = "suspicious"
        reasons.insert(0, f"sent from {sender}, {md.brand}'s own domain ({how}), but its links "
                          "are not what they seem")
    elif authenticated:
        verdict = "genuine"
        reasons = [r for r in reasons if r not in text["reasons"]]
        reasons.insert(0, f"sent from {sender}, {md.brand}'s own domain; {how}")
        if foreign:
            reasons.append(f"note: it links to {foreign[0]}, which is not {md.brand}'s domain")
    elif from_look or mismatch or text["flag"] or (
            claims and not from_real and foreign and (text["asks"] or text["urgency"])):
        verdict = "phishing"
        if claims and not from_real and not from_look and sender:
            reasons.insert(0, f"it claims to be {md.brand} but comes from {sender}, which is "
                              f"not {md.brand}'s domain")
    elif result.dns_unavailable and not result.trusted_ar and (
            result.dkim_pass or result.dkim_fail or result.arc != "none"):
        # signatures we could not check; an unsigned mail needs no DNS to be found wanting
        verdict = "unknown"
        reasons.insert(0, "could not check the signatures: DNS did not answer "
                          f"({result.dns_unavailable[0]}); check again when online")
    elif from_real:
        verdict = "suspicious"
        if result.dkim_fail:
            why = f"its signature ({', '.join(result.dkim_fail[:2])}) did not verify"
        elif result.dkim_pass:
            why = f"it is signed by {result.dkim_pass[0]}, not by {sender}"
        else:
            why = "it carries no signature"
        policy = f"; {sender} asks receivers to reject such mail (DMARC p={result.dmarc_record})" \
            if result.dmarc_record in ("reject", "quarantine") else ""
        reasons.insert(0, f"it uses {md.brand}'s address {mail.from_addr} but {why}{policy}")
        if result.arc == "pass" and result.arc_sealers:
            reasons.append(f"it was forwarded by {result.arc_sealers[0]}, which you do not trust "
                           "as a forwarder")
    elif claims:
        verdict = "suspicious"
        reasons.insert(0, f"it mentions {md.brand} but comes from {sender or 'no sender'}, not "
                          f"from {md.brand}'s domain")
    else:
        verdict = "unknown"
        reasons.insert(0, f"it does not claim to come from {md.brand}")
    if verdict != "genuine" and claims:
        reasons.append(f"genuine {md.brand} notices also appear in Seller Central's messages "
                       "and Account Health: check there instead of clicking")
    return {
        "verdict": verdict, "reasons": list(dict.fromkeys(reasons)),
        "from": mail.from_addr or None, "subject": mail.subject or None,
        "message_id": mail.message_id, "to": mail.to[:5],
        "claims_marketplace": claims, "brand": md.brand,
        "authentication": {
            "dkim_pass": result.dkim_pass, "dkim_fail": result.dkim_fail, "arc": result.arc,
            "arc_sealers": result.arc_sealers, "dmarc_policy": result.dmarc_record,
            "dmarc_aligned": result.dmarc_aligned,
            "trusted_authentication_results": result.trusted_ar is not None,
            "dns_unavailable": bool(result.dns_unavailable),
        },
        "phishing": {"flag": verdict == "phishing",
                     "reasons": [r for r in reasons if r in text["reasons"] or r in mismatch
                                 or r.startswith("the sender's domain")]},
    }


def judge(raw: bytes, config: VerdictConfig | None = None) -> dict:
    """The verdict on a raw RFC 5322 message; a text without headers (the visible text of a
    mail, copied) is judged by its text alone — ``phishing`` or ``unknown``, never more.
    :raise MalformedMessage: empty, or binary rather than text."""
    try:
        return judge_mail(parse(raw), config)
    except MalformedMessage:
        text = _as_text(raw)
        if text is None:
            raise
        return judge_text(text)


def _as_text(raw) -> str | None:
    if not isinstance(raw, (bytes, bytearray)) or not raw.strip() or b"\x00" in raw[:65536]:
        return None
    text = bytes(raw).decode("utf-8", errors="replace")
    if text.count("\ufffd") > len(text) / 20:
        return None  # not text in any charset we can guess
    return text


def judge_text(text: str) -> dict:
    """The verdict on a mail's text alone (no headers: the sender cannot be checked)."""
    md = mail_domains()
    found = signals(text)
    claims = any(w in text.casefold().replace(" ", "") for w in md.brand_words)
    verdict = "phishing" if found["flag"] else "unknown"
    reasons = ["only the text was checked: without the headers the sender cannot be verified "
               "(paste the whole message: in your mail program, Show original / View source)"]
    reasons += found["reasons"]
    if claims:
        reasons.append(f"genuine {md.brand} notices also appear in Seller Central's messages "
                       "and Account Health: check there instead of clicking")
    return {
        "verdict": verdict, "reasons": reasons, "from": None, "subject": None,
        "message_id": None, "to": [], "claims_marketplace": claims, "brand": md.brand,
        "authentication": {"dkim_pass": [], "dkim_fail": [], "arc": "none", "arc_sealers": [],
                           "dmarc_policy": None, "dmarc_aligned": False,
                           "trusted_authentication_results": False, "dns_unavailable": False},
        "phishing": {"flag": found["flag"], "reasons": found["reasons"]},
    }


__all__ = ["VERDICTS", "VerdictConfig", "judge", "judge_mail", "MalformedMessage"]
