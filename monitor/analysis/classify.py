"""The hand-written rules, now evidence: their terms (``Decision.terms``) are features of the trained
model (``evidence``, ``decide``), which takes the label; the rules' own label and score below are
kept only as two of those features (``rule_z_*``, ``rule_p_*``) and for the facts' core sentences.

A transparent additive model: evidence for a contact-verification event and for an
other-verification event is summed from concept hits (see ``lexicon``), each trap subtracts in
proportion to how much of the text it dominates, and a logistic turns each sum into a
confidence.  Every term that moves the decision leaves a human-readable reason.

Evidence, in words:
* *core*: a contact channel (emergency contact, phone, email, contact details, notification
  contacts) and a verification act or code in the same sentence (or adjacent ones), or a
  two-step-verification mention together with requirement wording;
* *requirement* wording ("must", "mandatory", 必须, 必須, Pflicht, obligatorio, obligatoire ...);
* *event*: a dated change tied to the policy, or change wording ("starting", "now requires",
  近期, 義務化, ab sofort, a partir de, désormais ...);
* *seller* context and a known marketplace platform, consequences, OTP wording.

Traps (each ``unrelated`` unless the event evidence clearly dominates): phishing/scam wording
and scam-message shape, evergreen help pages, optional features, login/code troubleshooting,
buyer-side verification, non-seller portals (affiliates, partner/developer portals, government,
insurers), bans on contact details in listings, eligibility conditions that merely mention a
contact, and same-template announcements on other topics.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from . import lexicon
from .extract import DateFacts, platform
from .features import CONTACT_CONCEPTS, OV_CONCEPTS, Doc

# help centres, seller academies and guide sections ("/seller-university/", "marketplacelearn.",
# "/guides/"): pages that explain, they do not announce
_HELP_URL = re.compile(r"/help/|/gp/help|/hub/|/faq|/support/|help\.|/hc/|/kb/|/guides?/|/tutorials?/|/how-?to\b|"
                       r"[/.-](?:university|academy)[/.]|learn\.|/learn/|/help-?cent(?:er|re)|"
                       r"/(?:ayuda|hilfe|aide|aiuto|ajuda|pomoc|yardim|helpcenter|helpcentre|bangzhu)(?:/|\b)", re.I)
# a page on a seller portal's own host (Seller Central forums, seller help/news sites) is read by sellers
_SELLER_URL = re.compile(r"^\w+://(?:[\w-]+\.)*?(?:sellercentral|seller-?cent(?:er|re)|sellerhelp|sellerportal|"
                         r"seller|sellers|vendedores)(?:-[\w]+)?\.", re.I)
# a line opening with a step number ("1. App", "Step 2 –", "Schritt 3:", "步骤1", "ステップ1", "第2步"):
# the shape of a guide
_STEP_LINE = re.compile(r"^\W{0,3}(?:\d{1,2}[.)](?!\d)|(?:step|schritt|paso|étape|passo|krok|adım|stap)\s*\d{1,2}\b|"
                        r"步骤\s*\d|第\s*\d{1,2}\s*步|ステップ\s*\d|手順\s*\d|\d{1,2}\s*단계)", re.I | re.M)
# reference marks ("…account registration.[1]"): an encyclopedia or wiki article, which explains
_CITATION = re.compile(r"\[\d{1,3}\]")
_VERIFY_ACTS = {"verify", "otp", "link"}
_STRONG_CONTACT = {"emergency_contact", "phone", "email"}


_TRAP_KEYS = {
    "phishing warning or scam message": "phishing",
    "login or code troubleshooting": "troubleshoot",
    "optional feature, not a requirement": "optional",
    "buyer-side verification": "buyer",
    "portal that is not a seller marketplace": "nonseller",
    "ban or hiding of contact details in listings/orders, not verification": "ban",
    "programme eligibility condition that merely mentions a contact": "eligibility",
    "announcement on another topic (fees, FBA, returns, events, tariffs)": "other_topic",
    "evergreen help page or guide, no dated change": "help",
    "standing requirement, no dated change": "standing",
}
TRAP_TERMS = tuple("trap_" + v for v in _TRAP_KEYS.values())


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _q(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class Decision:
    label: str
    score: float
    reasons: list[str]
    cv_sents: set[int] = field(default_factory=set)
    ov_sents: set[int] = field(default_factory=set)
    p_cv: float = 0.0
    p_ov: float = 0.0
    # the rule terms as named numbers (the model's dense evidence, see ``evidence``) and, for the
    # ones tied to a sentence, a seller-readable sentence naming it
    terms: dict[str, float] = field(default_factory=dict)
    explain: dict[str, str] = field(default_factory=dict)


def _mention(doc: Doc, concept: str) -> str:
    h = doc.first(concept)
    return f"'{_q(h.text, 40)}' ({h.lang})" if h else ""


def _trap_strength_count(doc: Doc, concept: str, per_hit: float) -> float:
    if doc.in_title(concept):
        return 1.0
    return min(1.0, per_hit * doc.count(concept))


def classify(doc: Doc, dates: DateFacts) -> Decision:
    reasons: list[str] = []
    terms: dict[str, float] = {}
    explain: dict[str, str] = {}
    n = len(doc.by_sent)
    bs = doc.by_sent

    # ---- contact-verification core -----------------------------------------------------
    cv_core: dict[int, float] = {}
    for i, cs in enumerate(bs):
        contact = cs & set(CONTACT_CONCEPTS)
        if not contact:
            continue
        act = cs & _VERIFY_ACTS or (("update" in cs) and ("require" in cs))
        w = 0.0
        if act:
            w = 1.0
        else:
            for j in (i - 1, i + 1):
                if 0 <= j < n and bs[j] & _VERIFY_ACTS and (contact & _STRONG_CONTACT or "notif_prefs" in contact):
                    w = max(w, 0.55)
        if w and len(cs & set(OV_CONCEPTS)) >= 2 and "emergency_contact" not in cs:
            w *= 0.3  # a phone number listed among bank, tax, address...: business-data re-verification
        if w:
            cv_core[i] = w
    doc_event = doc.has("event") or any(p.role in ("effective", "deadline") for p in dates.all)
    for i, cs in enumerate(bs):
        if "two_step" in cs and (cs & {"require", "event"} or any(bs[t] & {"require"} for t in range(doc.title_sents))):
            w = 1.0 if "require" in cs else 0.7
            if not doc_event:
                w *= 0.5  # "2SV is required to sign in": a standing rule unless something changes
            cv_core[i] = max(cv_core.get(i, 0.0), w)
    for i in list(cv_core):
        if "background" in bs[i]:
            cv_core[i] *= 0.3  # an earlier, different requirement mentioned for context
    core = max(cv_core.values(), default=0.0)
    z_cv = -3.2
    if core:
        z_cv += 2.4 * core + min(0.6, 0.2 * (len(cv_core) - 1))
        best = max(cv_core, key=lambda k: (cv_core[k], -k))
        reasons.append(f"contact channel and verification in one place: '{_q(doc.sentence(best), 90)}'")
        explain["cv_core"] = (f"a contact channel and a verification act in sentence {best + 1}: "
                              f"'{_q(doc.sentence(best), 90)}'")
    terms["cv_core"] = core
    terms["cv_core_n"] = min(1.0, len(cv_core) / 3.0)
    terms["cv_core_title"] = max((cv_core.get(i, 0.0) for i in range(doc.title_sents)), default=0.0)
    terms["two_step_core"] = max((cv_core[i] for i in cv_core if "two_step" in bs[i]), default=0.0)
    terms["emergency_core"] = max((cv_core[i] for i in cv_core if "emergency_contact" in bs[i]), default=0.0)
    if doc.has("emergency_contact"):
        z_cv += 1.1
        reasons.append(f"mentions emergency contact {_mention(doc, 'emergency_contact')}")
    if doc.has("two_step"):
        z_cv += 0.3
        reasons.append(f"mentions two-step verification {_mention(doc, 'two_step')}")
    if doc.has("otp"):
        z_cv += 0.5
        reasons.append(f"one-time code wording {_mention(doc, 'otp')}")

    # ---- other-verification core ----------------------------------------------------------
    ov_core: dict[int, float] = {}
    ov_acts = {"verify", "require", "update", "otp", "provide"}
    for i, cs in enumerate(bs):
        ov = cs & set(OV_CONCEPTS)
        if not ov:
            continue
        if cs & ov_acts:
            ov_core[i] = 1.0 if len(ov) == 1 else 1.2
        elif any(0 <= j < n and bs[j] & ov_acts for j in (i - 1, i + 1)):
            ov_core[i] = 0.7
        elif ov & {"ov_kyc", "ov_video"}:
            ov_core[i] = 0.7
    for i in list(ov_core):
        if "background" in bs[i]:
            ov_core[i] *= 0.3  # "registration works as usual with ...": a standing rule, not an event
    ov_kinds = {c for i in ov_core for c in bs[i] & set(OV_CONCEPTS)}
    z_ov = -3.4
    if ov_core:
        z_ov += 2.2 * max(ov_core.values()) + 0.35 * min(3, len(ov_kinds) - 1) + min(0.6, 0.2 * (len(ov_core) - 1))
        best = min(ov_core)
        reasons.append(f"other verification subject ({', '.join(sorted(k[3:] for k in ov_kinds))}): "
                       f"'{_q(doc.sentence(best), 80)}'")
        explain["ov_core"] = (f"verification of {', '.join(sorted(k[3:] for k in ov_kinds))} in sentence {best + 1}: "
                              f"'{_q(doc.sentence(best), 80)}'")
    terms["ov_core"] = max(ov_core.values(), default=0.0)
    terms["ov_kinds"] = min(1.0, len(ov_kinds) / 3.0)
    terms["ov_core_n"] = min(1.0, len(ov_core) / 3.0)
    terms["ov_with_cv"] = float(bool(set(ov_core) & set(cv_core)))

    # ---- shared evidence -----------------------------------------------------------------
    req_core = any("require" in bs[i] for i in cv_core) or doc.in_title("require")
    if req_core or doc.has("require"):
        w = 1.0 if req_core else 0.5
        z_cv += w
        z_ov += 1.0 if any("require" in bs[i] for i in ov_core) else 0.5
        reasons.append(f"requirement wording: {_mention(doc, 'require')}")
        h = doc.first("require")
        if h:
            explain["require"] = f"requirement wording in sentence {h.sent + 1}: {_mention(doc, 'require')}"
    terms["require"] = 1.0 if req_core else (0.5 if doc.has("require") else 0.0)
    n_event = doc.count("event")
    policy_dated = any(p.date or p.year_unknown for p in dates.all if p.role in ("effective", "deadline"))
    event = 0.0
    if policy_dated:
        event += 1.0
        p = next(p for p in dates.all if p.role in ("effective", "deadline"))
        reasons.append(f"dated change ({p.role}): '{_q(p.text, 30)}'")
    if n_event:
        event += min(1.0, 0.4 * n_event)
        reasons.append(f"change wording: {_mention(doc, 'event')}")
    z_cv += event
    z_ov += event
    terms["policy_dated"] = float(policy_dated)
    terms["event"] = min(1.0, 0.4 * n_event)
    if policy_dated:
        p = next(p for p in dates.all if p.role in ("effective", "deadline"))
        explain["policy_dated"] = f"a dated change ({p.role}) in sentence {p.sent + 1}: '{_q(p.text, 30)}'"
    if n_event:
        h = doc.first("event")
        explain["event"] = f"change wording in sentence {h.sent + 1}: {_mention(doc, 'event')}"
    terms["seller"] = float(doc.has("seller"))
    terms["seller_url"] = float(bool(doc.url and _SELLER_URL.search(doc.url)))
    terms["platform"] = float(bool(doc.platforms))
    terms["consequence"] = float(doc.has("consequence"))
    if doc.has("seller"):
        z_cv += 0.5
        z_ov += 0.5
        reasons.append(f"seller context: {_mention(doc, 'seller')}")
    elif doc.url and _SELLER_URL.search(doc.url):
        z_cv += 0.5
        z_ov += 0.5
        reasons.append(f"seller context: a seller portal's page ({_q(doc.url, 50)})")
    else:
        z_cv -= 0.6
        z_ov -= 0.6
    if doc.platforms:
        z_cv += 0.3
        z_ov += 0.3
    if doc.has("consequence"):
        z_cv += 0.4
        z_ov += 0.4
        reasons.append(f"consequence wording: {_mention(doc, 'consequence')}")

    # ---- traps ---------------------------------------------------------------------------
    traps: list[tuple[str, float, float, str]] = []  # (name, strength, weight, evidence)

    # A phishing word in a question or a doubt ("legit or scam?", "I thought it was phishing")
    # counts little; a reply saying the notice is real cancels most of it.
    # Fraud as a crime ("Betrug", "詐欺", "fraud") is as often the motive of a measure as the subject
    # of a warning: it joins the phishing evidence only in a text that also has phishing wording
    # (fake mails, impersonation, "phishing") or a scam message's shape, else it weighs little.
    fraud_hits = doc.hits.get("fraud", ())
    ph_hits = doc.hits.get("trap_phishing", ())
    if ph_hits or doc.has("scam_shape"):
        ph_hits = sorted((*ph_hits, *fraud_hits), key=lambda h: h.start)
    doubt_sents = {i for i, cs in enumerate(bs) if "doubt" in cs or doc.sentence(i).rstrip().endswith(("?", "？"))}
    # fraud named as the motive of a measure the text reports ("to prevent fraud, sellers must
    # verify their phone from March") is no phishing warning; it counts like a doubtful hit
    acts = set(CONTACT_CONCEPTS) | _VERIFY_ACTS | {"two_step"}
    motive_sents = set() if doc.has("scam_shape") else {
        i for i, cs in enumerate(bs) if "motive" in cs and cs & {"require", "event"} and cs & acts}
    firm = [h for h in ph_hits if h.sent not in doubt_sents and h.sent not in motive_sents]
    doubtful = len(ph_hits) - len(firm)
    if any(h.sent < doc.title_sents for h in firm):
        phish = 1.0
    else:
        phish = min(1.0, 0.3 * len(firm) + 0.1 * doubtful
                    + (0.3 if any(h.sent < doc.title_sents for h in ph_hits) else 0.0))
    if not ph_hits and fraud_hits:
        phish = min(0.4, 0.1 * len(fraud_hits) + (0.2 if any(h.sent < doc.title_sents for h in fraud_hits) else 0.0))
    if doubtful and doc.has("reassure"):
        phish *= 0.3
    # the shape of a scam message is several of its marks (urgency, "dear seller", a link to click),
    # not one repeated ("Click here to read more" twice on a help page); and a page on the seller
    # portal's own host is no scam message, whatever its links say
    scam = len({h.text.lower() for h in doc.hits.get("scam_shape", ())})
    if doc.url and _SELLER_URL.search(doc.url) and not doc.has("trap_phishing"):
        scam = 0
    if scam >= 2 or (scam and doc.has("trap_phishing")):
        phish = max(phish, 1.0 if scam >= 2 else 0.7)
    if phish and doc.has("reassure"):
        # "the real notice ... / the fake one ...": a text that says the requirement is real and
        # reports it, dated, in sentences of its own is news of the requirement with a warning
        scam_sents = {h.sent for c in ("trap_phishing", "scam_shape") for h in doc.hits.get(c, ())}
        real = [i for i in cv_core if cv_core[i] >= 1.0 and i not in scam_sents and "doubt" not in bs[i]
                and any(p.sent == i and p.date and p.role in ("effective", "deadline") for p in dates.all)]
        if real:
            phish *= 0.3
    if phish:
        ev = _mention(doc, "trap_phishing") or _mention(doc, "scam_shape") or _mention(doc, "fraud")
        traps.append(("phishing warning or scam message", phish, 5.0, ev))

    # A seller's question or complaint about a contact check the platform is asking for ("a pop-up
    # wants me to verify the emergency contact, the code never arrives on our landline") is a report
    # of the requirement; a code problem at sign-in, or with no request in sight, is troubleshooting.
    asked_sents = {i for i in cv_core if cv_core[i] >= 0.55 and bs[i] & {"require", "prompt"} and "help_page" not in bs[i]}
    asked_sents |= {i for i in range(doc.title_sents) if bs[i] & {"prompt"} and bs[i] & set(CONTACT_CONCEPTS)}
    ts_sents = {h.sent for h in doc.hits.get("trap_troubleshoot", ())}
    login_problem = any("login" in bs[i] or "two_step" in bs[i] for i in ts_sents) or \
        any("login" in bs[i] for i in range(doc.title_sents))
    asked = bool(asked_sents) and not login_problem and core >= 1.0
    # a help page also says what is "required"; only a request shown to the seller counts there
    title_question = doc.title.rstrip().endswith(("?", "？"))
    asked_shown = asked and any("prompt" in bs[i] for i in asked_sents) and not doc.has("two_step") \
        and (title_question or not doc.in_title("help_page"))  # "How to edit ..." is a guide, "how do I ...?" a thread

    if asked_shown:
        z_cv += 0.5
        reasons.append(f"the platform is showing a request to verify: {_mention(doc, 'prompt')}")

    # "will they be locked out after Feb 17?" under a sentence that states the mandate and its date
    # ("2SV becomes mandatory Feb 17"): a question about a dated requirement, not a code problem
    mandate = any(cv_core[i] >= 1.0 and "require" in bs[i] and "doubt" not in bs[i]
                  and any(p.sent == i and p.date and p.role in ("effective", "deadline") for p in dates.all)
                  for i in cv_core)
    ts = _trap_strength_count(doc, "trap_troubleshoot", 0.35)
    if ts and doc.in_title("trap_troubleshoot") and n_event and not doc.has("first_person_problem"):
        ts = 0.6  # a news item titled with the practical problem ("... not received? what to do")
    if ts:
        if doc.has("first_person_problem"):
            ts = min(1.0, ts + 0.3)
        if not doc.in_title("trap_troubleshoot") and (policy_dated or n_event >= 2):
            ts *= 0.5
        if asked or mandate:
            ts *= 0.35
        traps.append(("login or code troubleshooting", ts, 4.0, _mention(doc, "trap_troubleshoot")))

    if doc.has("trap_optional"):
        opt_sents = {h.sent for h in doc.hits.get("trap_optional", ())}
        # a mandate stated in a sentence of its own, with change wording or next to the contact check
        # ("Verpflichtend startet die Maßnahme in fünf Kategorien"; "… freiwillig können alle anderen
        # schon jetzt"): the optional part is the rest of the roll-out, not the whole story
        must_sents = {i for i in range(n) if i not in opt_sents and "require" in bs[i]
                      and lexicon.MANDATORY.search(doc.sentence(i))}
        mandate_sents = {i for i in must_sents if i in cv_core or "event" in bs[i] or i - 1 in cv_core or i + 1 in cv_core}
        mandatory_core = any(lexicon.MANDATORY.search(doc.sentence(i)) for i in cv_core) or bool(mandate_sents)
        st = 0.4 if mandatory_core else 1.0
        # "what was optional so far becomes mandatory" (requirement wording with the earlier state or
        # a change in one sentence, or the earlier state next to a stated mandate: "Bisher war die
        # Nummer freiwillig. Verpflichtend wird sie …") reports the mandate itself:
        # such hits are no optional feature, and once the text says so the other ones weigh less
        turned = {i for i in opt_sents if ("require" in bs[i] and bs[i] & {"formerly", "event"})
                  or ("formerly" in bs[i] and (i - 1 in must_sents or i + 1 in must_sents))}
        if turned:
            st = 0.15 if turned == opt_sents else st * 0.5
        traps.append(("optional feature, not a requirement", st, 4.0, _mention(doc, "trap_optional")))

    buyer_core = [i for i, cs in enumerate(bs) if "buyer" in cs and cs & (set(CONTACT_CONCEPTS) | _VERIFY_ACTS | {"two_step"})]
    seller_core = [i for i, cs in enumerate(bs) if "seller" in cs and cs & (set(CONTACT_CONCEPTS) | _VERIFY_ACTS | {"two_step"})]
    if buyer_core:
        st = 1.0 if not seller_core else (0.6 if len(buyer_core) >= len(seller_core) else 0.2)
        if doc.in_title("buyer"):
            st = min(1.0, st + 0.4)
        if st:
            traps.append(("buyer-side verification", st, 4.5, _mention(doc, "buyer")))

    ns = _trap_strength_count(doc, "trap_nonseller", 0.5)
    if ns and (cv_core or ov_core):
        # a non-seller service named only away from the requirement ("AWS revenue rose 19%" in an
        # earnings story whose one paragraph reports a requirement for sellers) is not its subject
        ns_sents = {h.sent for h in doc.hits.get("trap_nonseller", ())}
        core_sents = set(cv_core) | set(ov_core)
        if not ns_sents & core_sents and any("seller" in bs[i] for i in core_sents):
            ns *= 0.15
    if ns:
        traps.append(("portal that is not a seller marketplace", ns, 5.5, _mention(doc, "trap_nonseller")))

    ban = [i for i, cs in enumerate(bs) if "trap_ban" in cs and cs & {"phone", "email", "contact_details"}
           and cs & {"trap_listing", "buyer"}]
    if ban:
        traps.append(("ban or hiding of contact details in listings/orders, not verification", 1.0, 4.5,
                      f"'{_q(doc.sentence(ban[0]), 70)}'"))

    elig = [i for i, cs in enumerate(bs) if "trap_eligibility" in cs and cs & set(CONTACT_CONCEPTS)
            and not cs & {"verify", "otp"}]
    if elig or (doc.in_title("trap_eligibility") and doc.has("trap_eligibility")):
        st = 1.0 if elig else 0.6
        traps.append(("programme eligibility condition that merely mentions a contact", st, 4.0,
                      _mention(doc, "trap_eligibility")))

    other = doc.count("trap_other_topic")
    if other:
        # the other topic inside the sentence that carries the contact check ("applicants to Brand
        # Registry must enter the code sent to ...") makes the check a step of that process
        in_core = any("trap_other_topic" in bs[i] for i in cv_core if cv_core[i] >= 1.0)
        st = min(1.0, other / 3.0 + (0.4 if doc.in_title("trap_other_topic") else 0.0)) * \
            (0.4 if core >= 1.0 and not in_core else 1.0)
        traps.append(("announcement on another topic (fees, FBA, returns, events, tariffs)", st, 2.5,
                      _mention(doc, "trap_other_topic")))

    help_hits = doc.count("help_page")
    help_url = bool(doc.url and _HELP_URL.search(doc.url))
    steps = len(_STEP_LINE.findall(doc.full, 0, 20000))
    terms["guide_steps"] = min(1.0, steps / 4.0)
    wiki = len(_CITATION.findall(doc.full, 0, 20000)) >= 3
    if help_hits or help_url or wiki:
        st = min(1.0, 0.35 * help_hits + (0.6 if help_url else 0.0) + (0.3 if doc.in_title("help_page") else 0.0)
                 + (0.3 if steps >= 2 else 0.0) + (0.6 if wiki else 0.0))
        # change wording on the platform's own help page is mostly its prose ("you will be asked"):
        # without a policy date it weakens the trap less than in a news text
        if policy_dated or n_event >= 2:
            st *= 0.5 if help_url and not policy_dated else 0.25
        elif n_event == 1:
            st *= 0.8 if help_url else 0.6
        if doc.published is None:
            st = min(1.0, st + 0.2)
        if asked_shown and not help_url:
            st *= 0.4  # "how do I get past it?" about a request the platform is showing now
        if st >= 0.1:
            traps.append(("evergreen help page or guide, no dated change", st, 4.0,
                          _mention(doc, "help_page") or (f"help URL {_q(doc.url, 50)}" if help_url
                                                         else "an encyclopedia article (reference marks)")))
    elif not policy_dated and n_event == 0 and not doc.published:
        traps.append(("standing requirement, no dated change", 1.0, 2.5, "no date, no change wording"))

    for name, st, wt, ev in traps:
        key = "trap_" + _TRAP_KEYS[name]
        terms[key] = max(terms.get(key, 0.0), st)
        explain[key] = f"{name}" + (f": {ev}" if ev else "")
        z_cv -= st * wt
        z_ov -= st * wt
        reasons.append(f"trap: {name}" + (f": {ev}" if ev else "") + f" (strength {st:.1f})")

    if not (doc.has("seller") or doc.platforms or doc.has("emergency_contact") or platform(doc)
            or (doc.url and _SELLER_URL.search(doc.url))):
        # neither sellers nor a selling platform named anywhere: an account-security story of some
        # other service (mail, banking, a SaaS), not a marketplace asking its sellers
        z_cv = min(z_cv, -0.5)
        reasons.append("no seller and no selling platform named")
    terms["no_seller_platform"] = float("no seller and no selling platform named" in reasons)
    if not cv_core:
        # no contact channel with a verification act anywhere: dates, requirement and change
        # wording alone describe some other announcement
        z_cv = min(z_cv, -0.5)
    p_cv, p_ov = _sigmoid(z_cv), _sigmoid(z_ov)
    terms["rule_z_cv"] = max(-2.0, min(2.0, z_cv / 4.0))
    terms["rule_z_ov"] = max(-2.0, min(2.0, z_ov / 4.0))
    terms["rule_p_cv"] = p_cv
    terms["rule_p_ov"] = p_ov
    if p_cv >= 0.5 and z_cv >= z_ov:
        label, score = "contact_verification", p_cv
    elif p_ov >= 0.5:
        label, score = "other_verification", p_ov
    else:
        label, score = "unrelated", 1.0 - max(p_cv, p_ov)
    reasons.insert(0, f"label {label}: contact-verification confidence {p_cv:.2f}, "
                      f"other-verification confidence {p_ov:.2f}")
    return Decision(label, round(score, 3), reasons[:14], set(cv_core), set(ov_core), p_cv, p_ov, terms, explain)
