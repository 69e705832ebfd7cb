"""Domains: the registrable ("organizational") domain, the marketplace's real mail domains and
the look-alikes that imitate them.

The registrable domain comes from the Public Suffix List shipped inside ``publicsuffixlist`` (no
download at run time). Look-alikes are found on a *skeleton* of each label: IDNA (punycode)
decoded, NFKC-normalised, every character that Unicode lists as confusable with a Latin letter
replaced by that letter (``confusable_homoglyphs``' data) and the usual digit and letter-pair
substitutions undone (``amaz0n`` → ``amazon``, ``arnazon`` → ``amazon``). A domain is a look-alike
when it is not the marketplace's own and a label's skeleton contains a brand word or is one edit
away from it (``amazom``), or the domain is written in a mix of scripts.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from confusable_homoglyphs import confusables
from publicsuffixlist import PublicSuffixList

_DIGITS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                         "@": "a", "$": "s", "|": "l"})
_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


@dataclass(frozen=True)
class MailDomains:
    brand: str
    brand_words: tuple[str, ...]
    senders: frozenset[str]        # registrable domains the marketplace's notices come from
    owned: frozenset[str]          # its other domains (links, images): not look-alikes
    shared: frozenset[str]         # its cloud domains anyone can use: neither proof nor look-alike
    notification_senders: tuple[str, ...]

    def is_sender(self, domain: str | None) -> bool:
        return bool(domain) and org_domain(domain) in self.senders

    def is_marketplace(self, domain: str | None) -> bool:
        """Sender or owned domain (a link there is the marketplace's)."""
        d = org_domain(domain or "")
        return bool(d) and (d in self.senders or d in self.owned)


@lru_cache(maxsize=1)
def mail_domains() -> MailDomains:
    raw = json.loads(resources.files("monitor").joinpath("data/marketplaces.json")
                     .read_text("utf-8"))
    mail = raw.get("mail") or {}
    senders = {m["retail_domain"].lower() for m in raw["marketplaces"]}
    senders |= {d.lower() for d in mail.get("sender_domains", [])}
    return MailDomains(
        brand=mail.get("brand", "Amazon"),
        brand_words=tuple(w.lower() for w in mail.get("brand_words", ["amazon"])),
        senders=frozenset(org_domain(d) for d in senders),
        owned=frozenset(org_domain(d) for d in mail.get("owned_domains", [])),
        shared=frozenset(org_domain(d) for d in mail.get("shared_hosting", [])),
        notification_senders=tuple(mail.get("notification_senders", [])),
    )


def to_unicode(domain: str) -> str:
    """``xn--…`` labels decoded; lower case; no trailing dot. Undecodable labels stay as they are."""
    labels = []
    for label in (domain or "").strip().strip(".").lower().split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


def to_ascii(domain: str) -> str:
    try:
        return to_unicode(domain).encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return (domain or "").lower()


@lru_cache(maxsize=8192)
def org_domain(domain: str) -> str:
    """The registrable domain (``mail.sellercentral.amazon.co.uk`` → ``amazon.co.uk``)."""
    d = to_ascii(domain).strip(".")
    if not d:
        return ""
    try:
        found = _psl().privatesuffix(d)
    except Exception:  # noqa: BLE001 - a malformed name: use it whole
        found = None
    return found or d


def _char_skeleton(ch: str) -> str:
    if ch.isascii():
        return ch
    try:
        found = confusables.is_confusable(ch, preferred_aliases=["latin"], greedy=True)
    except Exception:  # noqa: BLE001
        found = False
    for entry in found or []:
        for h in entry.get("homoglyphs", []):
            c = h.get("c", "")
            if c.isascii() and c.isalpha():
                return c.lower()
    base = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in base if c.isascii()) or ch


@lru_cache(maxsize=8192)
def skeleton(label: str) -> str:
    """What a label looks like to a reader, in plain ASCII letters."""
    text = unicodedata.normalize("NFKC", to_unicode(label)).lower()
    text = "".join(_char_skeleton(c) for c in text).translate(_DIGITS)
    for pair, letter in _PAIRS:
        text = text.replace(pair, letter)
    return text


def mixed_script(domain: str) -> bool:
    """A label that mixes scripts (Latin with Cyrillic …): a homograph trick."""
    for label in to_unicode(domain).split("."):
        if label and not label.isascii():
            try:
                if confusables.is_mixed_script(label, allowed_aliases=["COMMON"]):
                    return True
            except Exception:  # noqa: BLE001
                continue
    return False


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution, or
    one swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


def lookalike(domain: str | None, md: MailDomains | None = None) -> str | None:
    """Why ``domain`` imitates the marketplace (a sentence), or None."""
    if not domain:
        return None
    md = md or mail_domains()
    if md.is_marketplace(domain) or org_domain(domain) in md.shared:
        return None
    uni = to_unicode(domain)
    if mixed_script(uni):
        return f"{uni} mixes alphabets to look like a familiar name"
    for label in re.split(r"[.]", uni):
        sk = skeleton(label)
        parts = [p for p in re.split(r"[-_]", sk) if p]
        for word in md.brand_words:
            if word in sk.replace("-", ""):
                if label != sk and word not in label.replace("-", ""):
                    return f"{uni} disguises {word!r} with look-alike characters"
                return f"{uni} uses the name {word!r} but is not {md.brand}'s domain"
            if any(len(p) >= 4 and _one_edit(p, word) for p in parts):
                return f"{uni} is one letter away from {word!r}"
    return None
