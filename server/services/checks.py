"""Contact checks, made the way the marketplace will look at a contact.

Phones (phonenumbers): parsed to E.164 (a national number takes the account's marketplaces as
region), valid vs merely possible, line type, region against the account's marketplaces.
Line types that may not receive SMS are flagged; FIXED_LINE_OR_MOBILE (the US/Canada case) is
"cannot tell from the number", never a block. Emails (email-validator + dnspython): syntax and
normalisation, then the mail domain's MX with a short timeout where a timeout or no network is
"unknown", never "invalid"; the offline setting skips DNS.

Every warning has a machine code, a severity and a sentence saying what to do.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import dns.exception
import dns.resolver
import email_validator
import phonenumbers
from phonenumbers import PhoneNumberType as T

from monitor import marketplaces as mp

LINE_TYPES = {
    T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile", T.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    T.TOLL_FREE: "toll_free", T.PREMIUM_RATE: "premium_rate", T.SHARED_COST: "shared_cost",
    T.VOIP: "voip", T.PERSONAL_NUMBER: "personal_number", T.PAGER: "pager", T.UAN: "uan",
    T.VOICEMAIL: "voicemail", T.UNKNOWN: "unknown",
}

# Line types that may not receive the marketplace's SMS code, with the advice for each.
NO_SMS = {
    "fixed_line": ("landline", "This looks like a landline; Amazon sends the code by SMS, so use a mobile number."),
    "voip": ("voip", "This looks like an internet (VoIP) number, which often cannot receive verification SMS; use a mobile number."),
    "toll_free": ("toll_free", "This is a toll-free number, which cannot receive SMS; use a mobile number."),
    "premium_rate": ("premium_rate", "This is a premium-rate number, which cannot receive SMS; use a mobile number."),
    "shared_cost": ("shared_cost", "This is a shared-cost service number, which cannot receive SMS; use a mobile number."),
    "pager": ("pager", "This is a pager number, which cannot receive SMS; use a mobile number."),
    "uan": ("uan", "This is a company switchboard (UAN) number, which cannot receive SMS; use a mobile number."),
    "voicemail": ("voicemail", "This is a voicemail access number, which cannot receive SMS; use a mobile number."),
    "personal_number": ("personal_number", "This is a forwarding personal number, which may not receive SMS; use a mobile number."),
}


# Crown dependencies number from the UK plan (+44) and count as local to the UK marketplace.
SAME_COUNTRY = {"GG": "GB", "JE": "GB", "IM": "GB"}
MIN_NATIONAL_DIGITS = 6  # no marketplace country has reachable mobile numbers shorter than this


class CheckError(ValueError):
    """The value cannot be a contact of this kind at all (the field is invalid)."""


@dataclass
class CheckResult:
    value: str  # normalised: E.164 or the normalised address
    checks: dict = field(default_factory=dict)


def _warning(code: str, severity: str, message: str, **extra) -> dict:
    return {"code": code, "severity": severity, "message": message, **extra}


def _regions(marketplace_codes: list[str]) -> list[str]:
    out = []
    for code in marketplace_codes:
        try:
            region = mp.get(code).region
        except mp.UnknownMarketplace:
            continue
        if region not in out:
            out.append(region)
    return out


def parse_phone(value: str, marketplace_codes: list[str]) -> phonenumbers.PhoneNumber:
    """Parse an international number, or a national one against the account's marketplaces."""
    text = (value or "").strip()
    if not text or len(text) > 40:
        raise CheckError("Enter a phone number, with its country code (for example +49 151 23456789).")
    if text.startswith("00"):
        text = "+" + text[2:]
    candidates = [None] if text.startswith("+") else _regions(marketplace_codes)
    if not candidates:
        raise CheckError("Write the number with its country code (for example +1 206 555 0100): "
                         "the account has no marketplace to tell which country it is in.")
    first: phonenumbers.PhoneNumber | None = None
    valid: dict[str, tuple[str, phonenumbers.PhoneNumber]] = {}
    for region in candidates:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            valid.setdefault(e164, (region, number))
        first = first or number
    if len(valid) > 1:  # "06 12 34 56 78" is a French mobile and a German landline
        readings = ", ".join(f"{phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL)} "
                             f"in {r}" for r, n in valid.values())
        raise CheckError("This account sells in several countries and this number is valid in more "
                         f"than one of them ({readings}); write it with its country code.")
    if valid:
        return next(iter(valid.values()))[1]
    if first is None:
        raise CheckError("This is not a phone number. Write it with its country code, e.g. +44 7400 123456.")
    return first


def check_phone(value: str, marketplace_codes: list[str]) -> CheckResult:
    number = parse_phone(value, marketplace_codes)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    valid = phonenumbers.is_valid_number(number)
    if len(str(number.national_number)) < MIN_NATIONAL_DIGITS:
        raise CheckError("This number is too short to be a phone number. Write it with its country "
                         "code, e.g. +44 7400 123456.")
    warnings: list[dict] = []
    if not valid:
        if not phonenumbers.is_possible_number(number):
            raise CheckError("This number has the wrong length for its country. Check the digits and the country code.")
        warnings.append(_warning(
            "invalid_number", "error",
            "This number has a possible length but is not in use in its country's numbering plan; "
            "check it, Amazon will not be able to send a code to it."))
    line_type = LINE_TYPES.get(phonenumbers.number_type(number), "unknown") if valid else None
    region = phonenumbers.region_code_for_number(number)
    home_region = SAME_COUNTRY.get(region, region)
    sms_capable: bool | None
    if line_type == "mobile":
        sms_capable = True
    elif line_type in NO_SMS:
        sms_capable = False
        code, message = NO_SMS[line_type]
        warnings.append(_warning(code, "error", message))
    else:
        sms_capable = None
        if line_type == "fixed_line_or_mobile":
            warnings.append(_warning(
                "line_type_unknown", "info",
                "In this country mobile and landline numbers look alike, so we cannot tell from the "
                "number whether it receives SMS; verify it locally to be sure."))
    local_to, not_local_to = [], []
    for code in marketplace_codes:
        try:
            m = mp.get(code)
        except mp.UnknownMarketplace:
            continue
        (local_to if m.region == home_region else not_local_to).append(m.code)
    if not_local_to and valid:
        warnings.append(_warning(
            "not_local", "warning",
            f"This number is from {region or 'another country'}, not local to "
            f"{', '.join(not_local_to)}. Sellers report suspensions tied to non-local emergency "
            "numbers; add a mobile number from the marketplace's country if you have one.",
            marketplaces=not_local_to))
    return CheckResult(e164, {
        "valid": valid, "line_type": line_type, "region": region, "local_to": local_to,
        "not_local_to": not_local_to, "sms_capable": sms_capable, "mail_accepts": None,
        "warnings": warnings,
    })


# A domain that always publishes mail servers. When DNS says "no such domain" for the seller's
# domain AND for this one, the resolver is filtered or offline (it answers NXDOMAIN for every
# name): the answer is then "unknown", never "cannot receive mail".
DNS_CANARY = "amazon.com"


def _resolver(timeout: float, nameserver: str | None) -> dns.resolver.Resolver:
    resolver = dns.resolver.Resolver(configure=nameserver is None)
    if nameserver:
        host, _, port = nameserver.partition(":")
        resolver.nameservers = [host]
        resolver.port = int(port or 53)
    resolver.lifetime = timeout
    resolver.timeout = timeout
    return resolver


def _dns_works(resolver: dns.resolver.Resolver, canary: str) -> bool:
    try:
        resolver.resolve(canary, "MX")
        return True
    except (dns.exception.DNSException, OSError):
        return False


def mail_domain_accepts(domain: str, *, timeout: float = 2.0, nameserver: str | None = None,
                        canary: str = DNS_CANARY) -> bool | None:
    """True when the domain has an MX (or an implicit MX via A/AAAA), False when DNS says it
    cannot receive mail (NXDOMAIN, null MX, no address) and DNS demonstrably works, None when we
    could not tell (timeout, no network, a resolver that denies every name)."""
    resolver = _resolver(timeout, nameserver)
    try:
        answer = resolver.resolve(domain, "MX")
        exchanges = [str(r.exchange).rstrip(".") for r in answer]
        if len(exchanges) == 1 and exchanges[0] in ("", "."):  # RFC 7505 null MX
            return False
        return True
    except dns.resolver.NXDOMAIN:
        return False if _dns_works(resolver, canary) else None
    except dns.resolver.NoAnswer:
        for rtype in ("A", "AAAA"):
            try:
                resolver.resolve(domain, rtype)
                return True
            except dns.resolver.NoAnswer:
                continue
            except (dns.exception.DNSException, OSError):
                return None
        return False if _dns_works(resolver, canary) else None
    except (dns.exception.DNSException, OSError):
        return None


def check_email(value: str, *, offline: bool = False, timeout: float = 2.0,
                nameserver: str | None = None, domain_cache: dict | None = None) -> CheckResult:
    """``domain_cache`` (a dict the caller keeps, e.g. for one import) answers each mail domain's
    DNS question once."""
    text = (value or "").strip()
    if not text or len(text) > 320:
        raise CheckError("Enter an email address such as name@example.com.")
    try:
        info = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        raise CheckError(f"This is not a valid email address: {exc}") from None
    normalised = info.normalized
    warnings: list[dict] = []
    if offline:
        accepts = None
        warnings.append(_warning(
            "mail_domain_not_checked", "info",
            f"Whether {info.domain} receives email was not checked (offline mode); verify the "
            "address locally to be sure."))
    elif domain_cache is not None and info.ascii_domain in domain_cache:
        accepts = domain_cache[info.ascii_domain]
    else:
        accepts = mail_domain_accepts(info.ascii_domain, timeout=timeout, nameserver=nameserver)
        if domain_cache is not None:
            domain_cache[info.ascii_domain] = accepts
    if accepts is False:
        warnings.append(_warning(
            "mail_domain_rejects", "error",
            f"The domain {info.domain} cannot receive email (no mail server is published for it); "
            "check the spelling or use another address."))
    elif accepts is None and not offline:
        warnings.append(_warning(
            "mail_domain_unknown", "info",
            f"We could not check whether {info.domain} receives email (no answer from DNS in time); "
            "verify the address locally to be sure."))
    return CheckResult(normalised, {
        "valid": True, "line_type": None, "region": None, "local_to": [], "not_local_to": [],
        "sms_capable": None, "mail_accepts": accepts, "warnings": warnings,
    })


def check_contact(kind: str, value: str, marketplace_codes: list[str], *, offline: bool = False,
                  timeout: float = 2.0, nameserver: str | None = None,
                  domain_cache: dict | None = None) -> CheckResult:
    if kind == "phone":
        return check_phone(value, marketplace_codes)
    if kind == "email":
        return check_email(value, offline=offline, timeout=timeout, nameserver=nameserver,
                           domain_cache=domain_cache)
    raise CheckError(f"Unknown contact kind {kind!r}: use email or phone.")
