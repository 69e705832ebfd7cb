"""Phishing signs in a text alone: ``{"flag": bool, "reasons": [str, ...]}``.

Used by :func:`monitor.analysis.analyze` (the ``phishing`` field, an extension of DESIGN §3.2) and
by the mail verdict (``monitor.mail.verdict``), which adds what only a whole message can tell
(who signed it, where its links really point).

Signs, each a reason a seller can read:
- a request to hand over a password, a one-time code, card or bank data (``enter your password
  and OTP at …``, ``reply with your card number``); a sentence that *warns* against sharing them
  (``Amazon will never ask for your password``) is not a request;
- a link whose domain imitates the marketplace's (``sellercentral-amazon.verify-now.info``,
  ``amaz0n-seller.com``, IDN homographs);
- urgency (``within 48 hours``, ``or your account will be suspended``) together with a link to a
  domain that is not the marketplace's.

A genuine notice asks the seller to sign in to Seller Central themselves and enter the code the
marketplace sends there; that is neither a request to send the code nor a foreign link.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# Host names: ASCII, punycode, or the Latin/Greek/Cyrillic letters homographs are made of — never
# CJK (Chinese or Japanese text runs straight into a URL, with no space before or after it).
_HOST_CH = r"a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u052f"
_URL = re.compile(
    rf"""(?i)\b(?:https?://|www\.)[{_HOST_CH}.-]+(?::\d+)?"""
    r"""(?:[/?#][^\s<>"'()\[\]{}\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]*)?""")
_BARE_HOST = re.compile(
    rf"(?i)(?<![a-z0-9.@_-])((?:[{_HOST_CH}](?:[{_HOST_CH}-]{{0,61}}[{_HOST_CH}])?\.)+"
    r"(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59}))(?![a-z0-9@_-]|\.[a-z0-9])"
    r"(?:/[^\s<>\"'\u3000-\u30ff\u3400-\u9fff]*)?")

# what a phisher wants
_SECRET = (r"(?:password|passwort|kennwort|contrase[ñn]a|mot de passe|パスワード|密码|密碼|"
           r"passcode|pin\b|otp|one[- ]time (?:password|code|passcode)|verification code|"
           r"security code|2fa code|sms code|code (?:we|that was) sent|"
           r"認証コード|確認コード|ワンタイムパスワード|验证码|動態密碼|"
           r"card number|credit card|debit card|card details|cvv|cvc|expiry date|"
           r"bank (?:account|details|login)|iban|routing number|social security|ssn|"
           r"login (?:details|credentials)|sign-in details|credentials|kreditkarte|tarjeta)")
_ASK = (r"(?:enter|type|provide|submit|confirm|re-?enter|update|send|reply with|reply to this "
        r"(?:e-?mail|message) with|share|give|tell us|fill in|input|verify your (?:login|account "
        r"(?:details|information))|geben sie|bestätigen sie|introduzca|ingrese|proporcione|"
        r"入力|ご入力|提供|输入|填写|提交|回复)")
_REQUEST = re.compile(
    rf"(?i){_ASK}\b[^.!?\n。！？]{{0,60}}?{_SECRET}|{_SECRET}[^.!?\n。！？]{{0,20}}?"
    r"(?:を入力|を送信|を提供|を返信|をご入力|を下記|を入力して|を更新)|"
    rf"(?:请|請)[^。！？\n]{{0,10}}(?:输入|填写|提供|提交|回复)[^。！？\n]{{0,15}}{_SECRET}")
_SECRET_RE = re.compile(rf"(?i){_SECRET}")
# Python's case-insensitive alternations are slow on long texts: a plain substring test on the
# lower-cased text first (C speed) tells whether the pattern can match at all
_SECRET_WORDS = ("password", "passwort", "kennwort", "contrase", "mot de passe", "パスワード",
                 "密码", "密碼", "passcode", "pin", "otp", "one-time", "one time", "code", "2fa",
                 "コード", "验证码", "card", "cvv", "cvc", "expiry", "bank", "iban", "routing",
                 "social security", "ssn", "login", "sign-in", "credentials", "kreditkarte",
                 "tarjeta")
_URGENCY_WORDS = ("within", "immediately", "urgent", "final", "last ", "suspend", "deactivat",
                  "closed", "terminat", "locked", "blocked", "disabled", "permanent", "act now",
                  "expire", "innerhalb", "gesperrt", "horas", "時間以内", "停止", "閉鎖", "小时内",
                  "冻结", "停用", "封号")


_ANY_WORD: dict[tuple[str, ...], re.Pattern[str]] = {}


def _may(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is a substring of the lower-cased text (one scan for all of them)."""
    rx = _ANY_WORD.get(words)
    if rx is None:
        rx = _ANY_WORD[words] = re.compile("|".join(re.escape(w) for w in words))
    return rx.search(text.lower()) is not None
_NEGATION = re.compile(
    r"(?i)\b(?:never|not|don't|do not|won't|will not|no one|nobody|niemals|nie|nunca|jamais)\b"
    r"|決して|絶対に|しないで|ません|不会|绝不|切勿|不要|請勿|请勿")
_URGENCY = re.compile(
    r"(?i)\bwithin (?:\d+|twenty[- ]four|forty[- ]eight|24|48|72) ?(?:hours?|hrs?|days?)\b|"
    r"\bimmediately\b|\burgent(?:ly)?\b|\bfinal (?:notice|warning)\b|\blast (?:chance|warning)\b|"
    r"\b(?:will be|be) (?:suspended|deactivated|closed|terminated|locked|blocked|disabled)\b|"
    r"\bpermanent(?:ly)? (?:suspen|deactivat|clos)\w*|\bact now\b|\bexpires? (?:today|soon)\b|"
    r"\binnerhalb von \d+ stunden\b|\bgesperrt\b|\ben (?:las próximas )?\d+ horas\b|"
    r"\d+\s*時間以内|停止されます|アカウント(?:が|は)?(?:停止|閉鎖)|\d+\s*小时内|冻结|停用|封号")


_SEND = re.compile(
    r"(?i)\b(?:reply(?: to this (?:e-?mail|message))? with|respond with|send (?:us|it to us|"
    r"them to us|back)|e-?mail (?:us|it to us)|forward (?:it |them )?to us|text us)\b|"
    r"返信してください|ご返信|回复(?:此|本)?邮件|回覆")


def known_suffix(host: str) -> bool:
    from monitor.mail.domains import _psl, to_ascii

    try:
        return _psl().privatesuffix(to_ascii(host), accept_unknown=False) is not None
    except Exception:  # noqa: BLE001
        return False


def find_links(text: str) -> list[str]:
    """URLs and bare host names in a text, in order, each once."""
    seen: dict[str, None] = {}
    for m in _URL.finditer(text or ""):
        seen.setdefault(m.group(0).rstrip(".,;:!?"), None)
    for m in _BARE_HOST.finditer(text or ""):
        host = m.group(1).lower()
        # bare hosts only when they look like web addresses, not "e.g." or file names
        # (and only under a real public suffix: "OTP.Steps" is a missing space, not a host)
        if host.count(".") >= 1 and not re.search(r"\.(?:png|jpe?g|gif|pdf|txt|html?)$", host) \
                and not any(host in u.lower() for u in seen) and known_suffix(host):
            seen.setdefault(m.group(0).rstrip(".,;:!?"), None)
    return list(seen)


def link_host(link: str) -> str | None:
    """The host name of a URL or bare ``host/path`` (lower case), or None."""
    link = (link or "").strip()
    if not link:
        return None
    if not re.match(r"(?i)^[a-z][a-z0-9+.-]*://", link):
        link = "http://" + link
    try:
        host = urlsplit(link).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|(?<=[。！？])|\n+", text or "")
            if s.strip()]


def credential_requests(text: str) -> list[str]:
    """The sentences that ask for a secret (and do not warn against sharing it)."""
    return [s[:200] for s, _near in _requests(text)]


def _requests(text: str) -> list[tuple[str, list[str]]]:
    """(sentence asking for a secret, the links in it and in the sentence after it)."""
    if not _may(text or "", _SECRET_WORDS) or not _SECRET_RE.search(text or ""):
        return []  # most texts name no secret at all: skip the rest
    sentences = _sentences(text)
    out = []
    for i, sentence in enumerate(sentences):
        if _SECRET_RE.search(sentence) and _REQUEST.search(sentence) \
                and not _NEGATION.search(sentence):
            near = find_links(sentence) + (find_links(sentences[i + 1])
                                           if i + 1 < len(sentences) else [])
            out.append((sentence, near))
    return out


def urgency(text: str) -> str | None:
    if not _may(text or "", _URGENCY_WORDS):
        return None
    m = _URGENCY.search(text or "")
    return m.group(0) if m else None


def assess(text: str, *, links: list[str] | None = None, title: str | None = None) -> dict:
    """The phishing flag of a text: ``{"flag": bool, "reasons": [...]}``.

    ``links``: the message's real link targets when known (from HTML hrefs); otherwise the
    links written in the text are used.
    """
    found = signals(text, links=links, title=title)
    return {"flag": found["flag"], "reasons": found["reasons"]}


def signals(text: str, *, links: list[str] | None = None, title: str | None = None) -> dict:
    """:func:`assess` with the evidence behind it: ``lookalikes``, ``asks``, ``sends``,
    ``foreign`` (link hosts that are not the marketplace's), ``urgency``."""
    from monitor.mail.domains import lookalike, mail_domains

    md = mail_domains()
    body = f"{title or ''}\n{text or ''}"
    reasons: list[str] = []
    targets = list(links) if links is not None else find_links(body)
    hosts = [h for h in (link_host(u) for u in targets) if h]
    look = []
    for h in dict.fromkeys(hosts):
        why = lookalike(h, md)
        if why:
            look.append(why)
    for why in look[:3]:
        reasons.append(f"link to a look-alike domain: {why}")
    requests = _requests(body)
    asks = [sentence[:200] for sentence, _near in requests]
    foreign = [h for h in dict.fromkeys(hosts) if not md.is_marketplace(h)]
    sends = [a for a in asks if _SEND.search(a)]
    # a request with a link right there that is not the marketplace's, in a text that speaks
    # in the marketplace's name (a help page of another site asking for *its* password is not)
    brand = any(w in body.casefold().replace(" ", "") for w in md.brand_words)
    asks_at = [sentence[:200] for sentence, near in requests if brand and any(
        (h := link_host(u)) and not md.is_marketplace(h) for u in near)]
    shown = asks_at or sends or (asks if look else [])
    if shown:
        reasons.append(f"asks for a password, one-time code or card data: \u201c{shown[0][:120]}\u201d")
    hurry = urgency(body)
    if hurry and foreign:
        reasons.append(f"urgency (\u201c{hurry}\u201d) with a link to {foreign[0]}, which is not "
                       f"{md.brand}'s")
    # a credential request is a sign with somewhere else to type the secret (a link that is not
    # the marketplace's) or when the secret is to be sent back; a notice saying "enter the code
    # in Seller Central" is not one, nor is urgency alone (real deadlines are urgent too)
    flag = bool(look) or bool(asks_at) or bool(sends)
    return {"flag": flag, "reasons": reasons, "lookalikes": look, "asks": asks, "sends": sends,
            "foreign": foreign, "urgency": hurry}
