// SellerGuard content script, part 1 of 3: reading Seller Central pages. Pure functions over the
// DOM, no side effects: find the control a step points at, and tell from the page's own words
// whether each emergency contact is verified. Never changes, fills or submits anything.
(() => {
  "use strict";
  const SG = (globalThis.SellerGuardContent = globalThis.SellerGuardContent || {});
  if (SG.detect) return;

  const CLICKABLE = "a, button, [role=button], [role=link], [role=menuitem], [role=tab], summary, label, input[type=button], input[type=submit]";
  const HEADINGS = "h1, h2, h3, h4, h5, h6, [role=heading], legend, caption, dt, th, strong, b";

  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim().toLowerCase();
  const digits = (s) => String(s || "").replace(/\D+/g, "");

  function visible(el) {
    if (!el || !el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  /** The names a control goes by: its visible text (without leading icons), label and title. */
  function namesOf(el) {
    const raw = [el.innerText || el.textContent || el.value || "", el.getAttribute("aria-label"), el.getAttribute("title")];
    return raw.map((t) => norm(t).replace(/^[^\p{L}\p{N}]+/u, "")).filter(Boolean);
  }

  /** Does the path start with one of the prefixes (ignoring Seller Central's /ref=… tails)? */
  function pathMatches(path, prefixes) {
    return (prefixes || []).some((p) => p === "/" || path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`) || path.startsWith(`${p}?`));
  }

  /** The most specific prefix length that matches, or -1. */
  function matchLength(path, prefixes) {
    let best = -1;
    for (const p of prefixes || []) if (pathMatches(path, [p])) best = Math.max(best, p.length);
    return best;
  }

  function bySelectors(selectors, root = document) {
    for (const sel of selectors || []) {
      let el = null;
      try {
        el = root.querySelector(sel);
      } catch {
        continue; // a selector this browser does not understand
      }
      if (el && visible(el)) return el;
    }
    return null;
  }

  /** The element whose own text is one of `texts`: exact match first, then starts-with. */
  function byTexts(texts, pool, root = document) {
    const wanted = (texts || []).map(norm).filter(Boolean);
    if (!wanted.length) return null;
    const candidates = [...root.querySelectorAll(pool)].filter(visible);
    for (const exact of [true, false]) {
      for (const w of wanted) {
        const hit = candidates.find((el) =>
          namesOf(el).some((t) => (exact ? t === w : t.startsWith(w) && t.length <= w.length + 40)));
        if (hit) return hit;
      }
    }
    return null;
  }

  /** The control a step points at, or null when it is not on this page. */
  function findTarget(target, root = document) {
    if (!target) return null;
    return bySelectors(target.selectors, root) || byTexts(target.texts, CLICKABLE, root) || byTexts(target.texts, HEADINGS, root);
  }

  /**
   * "verified" | "unverified" | null for a piece of page text. Unverified phrases are looked for
   * first and cut out, because "Unverified" and "Nicht verifiziert" contain the verified word.
   */
  function classify(text, detect) {
    let rest = norm(text);
    let unverified = false;
    const byLength = (a, b) => b.length - a.length;
    for (const phrase of [...(detect.unverified || [])].map(norm).sort(byLength)) {
      if (phrase && rest.includes(phrase)) {
        unverified = true;
        rest = rest.split(phrase).join(" | ");
      }
    }
    if (unverified) return "unverified";
    for (const phrase of (detect.verified || []).map(norm)) if (phrase && rest.includes(phrase)) return "verified";
    return null;
  }

  /** What identifies a contact on the page: the unmasked tail of a phone, domain of an email. */
  function marker(contact) {
    if (contact.kind === "phone") {
      // The server masks all but the country code, two digits and the tail: use the tail only.
      const tail = digits((/[\d\s().-]*$/.exec(String(contact.masked || "")) || [""])[0]);
      return tail.length >= 3 ? { kind: "phone", value: tail } : null;
    }
    const at = String(contact.masked || "").lastIndexOf("@");
    return at >= 0 ? { kind: "email", value: norm(contact.masked.slice(at + 1)) } : null;
  }

  function contains(el, mark) {
    if (!mark) return false;
    return mark.kind === "phone" ? digits(el.textContent).includes(mark.value) : norm(el.textContent).includes(mark.value);
  }

  /** The emergency-contact section of the Notification Preferences page, or null. */
  function findSection(detect, root = document) {
    const section = detect.section || {};
    const direct = bySelectors(section.selectors, root);
    if (direct) return direct;
    const heading = byTexts(section.texts, HEADINGS, root) || byTexts(section.texts, "span, div, p", root);
    if (!heading) return null;
    // Climb to the block that holds the heading and the contacts under it.
    let el = heading;
    for (let i = 0; i < 6 && el.parentElement && el.parentElement !== document.body; i += 1) {
      el = el.parentElement;
      if (classify(el.textContent, detect)) return el;
    }
    return el;
  }

  /** The smallest element under `section` holding the contact's marker. */
  function findRow(section, mark) {
    let found = null;
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (contains(node, mark)) found = node; // deeper matches come later in document order
    }
    return found;
  }

  /**
   * For each emergency contact: what the page says. Returns {section: bool, results: [{contactId,
   * status}]}; a contact is left out when the page does not say clearly.
   */
  function detectStatuses(detect, contacts, path = location.pathname, root = document) {
    if (!detect || !pathMatches(path, (detect.page || {}).path_prefixes)) return { page: false, section: false, results: [] };
    const section = findSection(detect, root);
    if (!section) return { page: true, section: false, results: [] };
    const marks = contacts.map((c) => [c, marker(c)]);
    const results = [];
    for (const [contact, mark] of marks) {
      if (!mark) continue;
      let el = findRow(section, mark);
      let status = null;
      while (el && !status) {
        // Stop where the block starts to hold another contact too: its words are not ours alone.
        const others = marks.some(([c, m]) => c !== contact && m && m.value !== mark.value && contains(el, m));
        if (others) break;
        status = classify(el.textContent, detect);
        if (el === section) break;
        el = el.parentElement;
      }
      if (status) results.push({ contactId: contact.id, status });
    }
    if (!results.length && contacts.length === 1) {
      const whole = classify(section.textContent, detect);
      if (whole) results.push({ contactId: contacts[0].id, status: whole });
    }
    return { page: true, section: true, results };
  }

  SG.detect = { findTarget, classify, detectStatuses, pathMatches, matchLength, marker, norm };
})();
