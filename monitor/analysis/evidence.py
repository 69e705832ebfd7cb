"""The rule evidence of one announcement as named numbers: the dense part of the classifier's input.

The rules (``classify``) no longer decide: each of their terms, every concept of the lexicon and
the co-occurrence of a contact channel with an act inside one sentence become a feature whose
weight the model learns from real text (``train``).  Features that carry across events and sites
(a channel and a verification act in one sentence, a trap concept, a dated change) are preferred
over event words; the words themselves come in as hashed n-grams (``model``).

``EVIDENCE`` is the one table of named evidence: name -> how it is computed, in words.
"""

from __future__ import annotations

import math

from .classify import TRAP_TERMS, Decision
from .extract import DateFacts
from .features import ALL_CONCEPTS, Doc

# The rule terms ``classify`` records (``Decision.terms``), in a fixed order.
RULE_TERMS = ("cv_core", "cv_core_n", "cv_core_title", "two_step_core", "emergency_core", "ov_core", "ov_kinds",
              "ov_core_n", "ov_with_cv", "require", "policy_dated", "event", "seller", "seller_url", "platform",
              "consequence", "guide_steps", *TRAP_TERMS, "no_seller_platform", "rule_z_cv", "rule_z_ov", "rule_p_cv", "rule_p_ov")

# A contact channel and an act or context in the same sentence.
CHANNELS = ("emergency_contact", "phone", "email", "contact_details", "notif_prefs", "two_step")
ACTS = ("verify", "update", "provide", "otp", "sms", "link", "call", "require", "event", "seller", "consequence",
        "prompt", "buyer", "trap_phishing", "fraud", "trap_troubleshoot", "trap_optional", "help_page", "background",
        "login", "doubt")
OV_PAIRS = tuple((ov, act) for ov in ("ov_identity", "ov_video", "ov_address", "ov_bank", "ov_tax", "ov_kyc")
                 for act in ("verify", "require", "event", "seller"))

_RULE_TEXT = {
    "cv_core": "a contact channel and a verification act in one sentence",
    "cv_core_n": "several sentences with a contact channel and a verification act",
    "cv_core_title": "the title names a contact channel and its verification",
    "two_step_core": "two-step verification stated as a requirement",
    "emergency_core": "the emergency contact to be verified",
    "ov_core": "verification of identity, address, bank, tax or trader data",
    "ov_kinds": "several other verification subjects",
    "ov_core_n": "several sentences on other verification subjects",
    "ov_with_cv": "the contact check is one item among other verification subjects",
    "require": "requirement wording",
    "policy_dated": "a dated change",
    "event": "change wording (starting, now requires, ab sofort …)",
    "seller": "addressed to sellers",
    "seller_url": "a page of a seller portal",
    "platform": "a selling platform named",
    "consequence": "consequences stated (suspended, gesperrt …)",
    "guide_steps": "numbered steps (1., Step 2, 步骤3): the shape of a guide",
    "trap_phishing": "phishing warning or scam message",
    "trap_troubleshoot": "login or code troubleshooting",
    "trap_optional": "an optional feature",
    "trap_buyer": "buyer-side verification",
    "trap_nonseller": "a portal that is not a seller marketplace",
    "trap_ban": "a ban on contact details in listings",
    "trap_eligibility": "a programme eligibility condition",
    "trap_other_topic": "an announcement on another topic",
    "trap_help": "an evergreen help page",
    "trap_standing": "a standing rule with no dated change",
    "no_seller_platform": "no seller and no selling platform named",
    "rule_z_cv": "the hand-written rules' contact-verification score",
    "rule_z_ov": "the hand-written rules' other-verification score",
    "rule_p_cv": "the hand-written rules' contact-verification confidence",
    "rule_p_ov": "the hand-written rules' other-verification confidence",
}

DATE_TERMS = ("date_effective", "date_deadline", "date_announced", "published_known")

EVIDENCE: dict[str, str] = {
    **{t: _RULE_TEXT.get(t, t.replace("_", " ")) for t in RULE_TERMS},
    **{f"has:{c}": f"concept '{c}' occurs (1 for two hits or more)" for c in ALL_CONCEPTS},
    **{f"title:{c}": f"concept '{c}' occurs in the title" for c in ALL_CONCEPTS},
    **{f"co:{a}+{b}": f"'{a}' and '{b}' in one sentence" for a in CHANNELS for b in ACTS},
    **{f"co:{a}+{b}": f"'{a}' and '{b}' in one sentence" for a, b in OV_PAIRS},
    "date_effective": "an effective date of the policy found",
    "date_deadline": "a deadline of the policy found",
    "date_announced": "an announcement date found",
    "published_known": "the publication date is known",
    "length": "log length of the text (0..1)",
}
NAMES: tuple[str, ...] = tuple(EVIDENCE)
INDEX = {n: i for i, n in enumerate(NAMES)}


def _pair_sentence(doc: Doc, a: str, b: str) -> int | None:
    for i, cs in enumerate(doc.by_sent):
        if a in cs and b in cs:
            return i
    return None


def vector(doc: Doc, dates: DateFacts, rules: Decision) -> list[float]:
    """The evidence of one document in the order of ``NAMES``."""
    out = [0.0] * len(NAMES)
    for t in RULE_TERMS:
        out[INDEX[t]] = float(rules.terms.get(t, 0.0))
    title = doc.title_sents
    for c in ALL_CONCEPTS:
        hs = doc.hits.get(c)
        if hs:
            out[INDEX[f"has:{c}"]] = min(1.0, len(hs) / 2.0)
            if any(h.sent < title for h in hs):
                out[INDEX[f"title:{c}"]] = 1.0
    for cs in doc.by_sent:
        if len(cs) < 2:
            continue
        for a in CHANNELS:
            if a in cs:
                for b in ACTS:
                    if b in cs:
                        out[INDEX[f"co:{a}+{b}"]] = 1.0
        for a, b in OV_PAIRS:
            if a in cs and b in cs:
                out[INDEX[f"co:{a}+{b}"]] = 1.0
    roles = {p.role for p in dates.all if p.date or p.year_unknown}
    out[INDEX["date_effective"]] = float("effective" in roles)
    out[INDEX["date_deadline"]] = float("deadline" in roles)
    out[INDEX["date_announced"]] = float(dates.announced is not None)
    out[INDEX["published_known"]] = float(doc.published is not None)
    out[INDEX["length"]] = min(1.0, math.log1p(len(doc.full)) / math.log1p(20000))
    return out


def explain(name: str, doc: Doc, rules: Decision) -> str:
    """A seller-readable sentence for one evidence feature of this document."""
    if name in rules.explain:
        return rules.explain[name]
    if name.startswith("co:"):
        a, b = name[3:].split("+", 1)
        i = _pair_sentence(doc, a, b)
        if i is not None:
            s = " ".join(doc.sentence(i).split())
            s = s if len(s) <= 90 else s[:89] + "…"
            return f"{a.replace('_', ' ')} and {b.replace('_', ' ')} in sentence {i + 1}: '{s}'"
    if name.startswith(("has:", "title:")):
        c = name.split(":", 1)[1]
        h = doc.first(c)
        if h:
            where = "the title" if h.sent < doc.title_sents else f"sentence {h.sent + 1}"
            return f"{c.replace('_', ' ')} wording in {where}: '{' '.join(h.text.split())[:40]}'"
    return EVIDENCE.get(name, name)
