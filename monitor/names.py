"""Names that cannot spoof: no control characters, NUL, bidi overrides or zero-width characters.

A name is shown in the extension, in alerts and in emails. ``"Acme\\u202eUE"`` renders as
"AcmeEU" reversed, a zero-width space makes two identical-looking sources, a NUL or a newline
forges a log line. Refused characters: the Unicode categories Cc (controls, NUL, tab, newline),
Cf (format: bidi embeddings/overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E/F,
zero-width U+200B–U+200D, U+2060, U+FEFF, soft hyphen …), Zl/Zp (line/paragraph separators),
Co (private use) and Cs (surrogates).
"""
from __future__ import annotations

import unicodedata

from monitor.errors import Invalid

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})


def unsafe_characters(text: str) -> list[str]:
    """The refused characters in ``text``, as ``U+XXXX`` (each once, in order)."""
    found: list[str] = []
    for ch in text or "":
        if unicodedata.category(ch) in REFUSED_CATEGORIES:
            code = f"U+{ord(ch):04X}"
            if code not in found:
                found.append(code)
    return found


def message(found: list[str]) -> str:
    return ("must not contain control, bidi-override or zero-width characters (found "
            f"{', '.join(found[:5])})")


def check_name(text: str, field: str = "name") -> str:
    """:raise Invalid: naming ``field`` when ``text`` holds a refused character."""
    found = unsafe_characters(text)
    if found:
        raise Invalid(f"{field} {message(found)}", field=field)
    return text
