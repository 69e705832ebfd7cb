"""Story keys: one deterministic value for every report of the same policy event.

Design.  Reports of one event differ in language, source, wording, the dates they mention and
the marketplace they write from, but agree on three things: *who* (the platform), *what* (the
core contact channel) and *when* (roughly).  The key is built from exactly those, each
normalised so that an English forum post, a Chinese repost and a German news item agree:

    contact_verification/<platform>/<core>/<period>
    other_verification/<platform>/<subtopic>/<period>
    unrelated/<hash of the normalised title (or opening text)>

* ``platform``: canonical platform key (``amazon``, ``ebay``, ``etsy``, ...; ``unknown``).
* ``core``: the most specific contact type found, in the order emergency_contact >
  two_step_verification > phone > email > contact_details, so "emergency contact phone
  verification" and "emergency contact email and phone" both map to ``emergency_contact`` and
  a 2SV phone to ``two_step_verification``.  For other verification, the most specific
  subtopic (business_data > tax > video_call > address > bank > identity).
* ``period``: the calendar year of the policy's anchor date: the effective date, else the
  deadline, else the announcement/publication date; ``undated`` when no date is known.  A year
  (not a month) because reports of one event trail the announcement by weeks and months,
  deadlines slip, and follow-up reports (suspensions) rarely repeat the dates.

The marketplace is deliberately *not* part of the key: reports of a global policy are written
from every marketplace, and splitting them costs more than the rare merge of two same-platform,
same-channel events in one year.
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
              anchor_year: int | None, title: str, text: str) -> str:
    plat = platform or "unknown"
    if label == "contact_verification":
        core = next((t for t in lexicon.CONTACT_CORE_ORDER if t in contact_types), "contact")
        return f"contact_verification/{plat}/{core}"
    if label == "other_verification":
        return f"other_verification/{plat}/{ov_subtopic or 'general'}"
    basis = _norm_title(title) or _norm_title(text[:300])
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    return f"unrelated/{digest}"
