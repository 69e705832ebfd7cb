"""Masked forms of contact values, for lists, logs and events."""
from __future__ import annotations

import phonenumbers

MASK = "\u2022"  # •


def mask_phone(e164: str) -> str:
    """``+4915123456789`` → ``+49 15•• ••••789``: country code, two digits and the last three."""
    try:
        number = phonenumbers.parse(e164, None)
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        keep_head = len(str(number.country_code)) + 2
    except phonenumbers.NumberParseException:
        shown, keep_head = e164, 3
    total = sum(ch.isdigit() for ch in shown)
    out, index = [], 0
    for ch in shown:
        if ch.isdigit():
            index += 1
            out.append(ch if index <= keep_head or index > total - 3 else MASK)
        else:
            out.append(ch)
    return "".join(out)


def mask_email(address: str) -> str:
    """``jane.doe@example.com`` → ``j•••••••@example.com``."""
    local, at, domain = address.partition("@")
    if not at:
        return MASK * 3
    head = local[:1]
    return f"{head}{MASK * max(3, len(local) - 1)}@{domain}"


def mask(kind: str, value: str) -> str:
    return mask_phone(value) if kind == "phone" else mask_email(value)
