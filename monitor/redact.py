"""Secrets out of URLs and messages before they are shown or recorded.

Channel URLs (Apprise) and source URLs can carry credentials in many places: ``user:password@``,
query parameters (``?apikey=``, ``token``, ``sig`` …), Apprise's webhook extras (``+Header=value``
request headers such as ``+Authorization``, ``-param=value`` query parameters, ``:field=value``
payload fields), and path segments that are tokens (``/hooks/T0123/B0456/abcdef…``, ``/token/…``).
:func:`redact_url` hides all of them; :func:`redact_text` does it for every URL inside a message
(an error that quotes the URL it failed on). The real value stays only where it must be used.
"""
from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

MASK = "****"

# query / form names whose values are secrets (compared lower-case, without - and _)
_SECRET_WORDS = ("key", "token", "secret", "sig", "signature", "pass", "pwd", "auth", "cookie",
                 "session", "credential", "code", "bearer", "jwt", "otp", "hash", "private")
# a path segment after one of these is a secret too (".../token/abc", ".../password/xyz")
_SECRET_PATH_WORDS = frozenset({"token", "tokens", "key", "keys", "apikey", "secret", "secrets",
                                "password", "pass", "passwd", "auth", "sig", "signature",
                                "webhook", "webhooks", "hooks", "bot"})
_URL_IN_TEXT = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]{1,30}://[^\s'\"<>]+")


def _secret_name(name: str) -> bool:
    n = name.lower().lstrip("+-:").replace("-", "").replace("_", "")
    return any(word in n for word in _SECRET_WORDS)


_SECRET_IN_SEGMENT = ("secret", "password", "passwd", "token", "apikey", "api_key", "api-key")


def _secret_segment(segment: str) -> bool:
    """A path segment that looks like a credential: long and mixing letters with digits, very
    long, or naming itself a secret (``secret-abc``)."""
    s = unquote(segment)
    if any(word in s.lower() for word in _SECRET_IN_SEGMENT) and s.lower() not in \
            _SECRET_PATH_WORDS:
        return True
    return (len(s) >= 16 and any(c.isdigit() for c in s) and any(c.isalpha() for c in s)) \
        or len(s) >= 32


def redact_url(url: str, *, all_extras: bool = True) -> str:
    """``url`` with its secrets replaced by ``****``; not a URL: returned unchanged.

    ``all_extras``: hide the value of every Apprise ``+header``, ``-param`` and ``:field``
    (they exist to carry credentials), not only those with secret-looking names.
    """
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        port = parts.port
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{hostport}" if colon else f"{MASK}@{hostport}" \
            if _secret_segment(user) else f"{user}@{hostport}"
    del hostname, port
    segments = parts.path.split("/")
    out_segments = []
    after_word = False
    for seg in segments:
        if seg and (after_word or _secret_segment(seg)) and MASK not in seg:
            out_segments.append(MASK)
        else:
            out_segments.append(seg)
        after_word = unquote(seg).lower() in _SECRET_PATH_WORDS
    query = []
    for pair in filter(None, parts.query.split("&")):
        name, _, value = pair.partition("=")
        name, value = unquote(name), unquote(value)  # not unquote_plus: "+Header" stays
        extra = name[:1] in "+-:"
        if value and ((all_extras and extra) or _secret_name(name) or _secret_segment(value)):
            value = MASK
        query.append(f"{quote(name, safe='+-:_.~')}={quote(value, safe='*@:/._~-')}")
    fragment = MASK if parts.fragment and _secret_segment(parts.fragment) else parts.fragment
    return urlunsplit((parts.scheme, netloc, "/".join(out_segments), "&".join(query), fragment))


def redact_text(text: str | None) -> str | None:
    """Every URL inside ``text`` redacted (error messages that quote a URL)."""
    if not text:
        return text
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
