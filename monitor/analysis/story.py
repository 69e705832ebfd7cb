"""Story keys: one deterministic value for every report of the same policy event.

Design.  Reports of one event differ in language, source, wording, the dates they mention and
the marketplace they write from, but agree on three things: *who* (the platform), *what* (the
core contact channel) and *when* (roughly).  The key is built from exactly those, each
normalised so that an English forum post, a Chinese repost and a German news item agree:

    contact_verification/<platform>/<core>
    other_verification/<platform>/<subtopic>[/<year>]
    unrelated/<hash of the normalised title (or opening text)>

* ``platform``: canonical platform key (``amazon``, ``ebay``, ``etsy``, ...; ``unknown``).
* ``core``: the most specific contact type found, in the order emergency_contact >
  two_step_verification > phone > email > contact_details, so "emergency contact phone
  verification" and "emergency contact email and phone" both map to ``emergency_contact`` and
  a 2SV phone to ``two_step_verification``.  Reports that name only "the phone number", "the
  email" or "contact information" verified with a code under Notification Preferences (where the
  notification and emergency contacts live) share the ``emergency_contact`` core: they report the
  same check in fewer words (blind4: 8 of 42 reports of one event split off without this).  A
  link confirmation of notification e-mail addresses keeps its own core (another mechanism; blind3).  For other verification, the most specific
  subtopic (business_data > tax > video_call > address > bank > identity).
* ``year`` (other verification only): the calendar year of the policy's anchor date: the
  effective date, else the deadline, else the announcement/publication date; left out when no
  date is known.

Measured trade-off of the period (devset / holdout / blind story pairwise F1, 2025 sets):
no year anywhere 0.981 / 1.000 / 0.909; year whenever known 0.959 / 0.897 / 0.836 (undated reposts
and follow-ups split from the dated originals); year for other_verification only 0.994 / 1.000 /
0.909.  So contact-verification keys carry no year: a platform rarely runs two contact campaigns on
the same channel, and the known collision (Amazon's 2020 mandatory 2SV vs a later 2SV-phone
re-confirmation) is the price of keeping undated reposts together.  Other-verification keys add the
year when one is known, because those checks recur as yearly campaigns (DAC7 reporting, INFORM
re-certification, tax interviews); an undated other-verification repost stays without a year.
Re-measured on seven sets after blind5 (mean story F1): no year 0.970, year whenever known 0.930, year
only when the text writes one 0.764 (see tests/monitor/analysis/BLIND5-RESULTS.md); a per-input key
cannot make an undated repost join its dated story, so the no-year key stays.

The marketplace is deliberately *not* part of the key: reports of a global policy are written
from every marketplace, and splitting them costs more than the rare merge of two same-platform, same-channel events.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from . import lexicon


def _norm_title(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "").lower()
    t = re.sub(r"^(?:re|fwd?|aw|wg)\s*:\s*", "", t)
    t = re.sub(r"[\W_]+", " ", t).strip()
    return t[:200]


def story_key(label: str, platform: str | None, contact_types: list[str], ov_subtopic: str | None,
              anchor_year: int | None, title: str, text: str, notification_contacts: bool = False,
              method: str | None = None) -> str:
    plat = platform or "unknown"
    if label == "contact_verification":
        core = next((t for t in lexicon.CONTACT_CORE_ORDER if t in contact_types), "contact")
        if notification_contacts and core in ("phone", "email", "contact_details", "contact") and method != "email_link":
            # a phone or email checked with a code in Notification Preferences is one of the
            # notification/emergency contacts kept there: the same check as a report that names the
            # emergency contact.  A link confirmation of notification addresses is another mechanism.
            core = "emergency_contact"
        return f"contact_verification/{plat}/{core}"
    if label == "other_verification":
        key = f"other_verification/{plat}/{ov_subtopic or 'general'}"
        return f"{key}/{anchor_year}" if anchor_year else key
    basis = _norm_title(title) or _norm_title(text[:300])
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    return f"unrelated/{digest}"
