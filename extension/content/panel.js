// SellerGuard content script, part 2 of 3: the in-page panel. It lives in its own closed shadow
// root on an element of its own (fixed in a corner), so Seller Central's layout and styles are
// never touched. All text, whether from the server, the guide or the page, goes in as textContent.
(() => {
  "use strict";
  const SG = (globalThis.SellerGuardContent = globalThis.SellerGuardContent || {});
  if (SG.panel) return;

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .panel { position: fixed; right: 16px; bottom: 16px; z-index: 2; width: min(360px, calc(100vw - 32px));
      max-height: calc(100vh - 32px); overflow: auto; background: #fff; color: #1f1f1f;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif;
      border: 1px solid #5f6368; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 12px 14px; }
    header { display: flex; align-items: flex-start; gap: 8px; }
    h2 { font-size: 15px; margin: 0; flex: 1; }
    h3 { font-size: 14px; margin: 4px 0; }
    p { margin: 6px 0; }
    .brand { display: block; font-size: 12px; color: #3c4043; font-weight: 600; }
    button { font: inherit; cursor: pointer; border-radius: 6px; padding: 5px 10px; border: 1px solid #0b5394;
      background: #fff; color: #0b5394; }
    button.primary { background: #0b5394; color: #fff; }
    button:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
    button[disabled] { opacity: .55; cursor: default; }
    .close { border: none; font-size: 20px; line-height: 1; padding: 2px 8px; color: #3c4043; }
    .contacts { list-style: none; padding: 0; margin: 6px 0; }
    .contacts li { padding: 2px 0; }
    .ok { color: #0d652d; font-weight: 600; }
    .bad { color: #a50e0e; font-weight: 600; }
    .step { border-top: 1px solid #dadce0; margin-top: 8px; padding-top: 6px; }
    .count { font-size: 12px; color: #3c4043; margin: 0; }
    .where { font-weight: 600; }
    .where.missing { color: #a50e0e; }
    .nav { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
    details { margin-top: 8px; }
    summary { cursor: pointer; color: #0b5394; }
    dt { font-weight: 600; margin-top: 4px; }
    dd { margin: 0 0 4px 0; }
    select { font: inherit; padding: 3px; max-width: 100%; }
    .note { font-size: 12px; color: #3c4043; }
    .spot { position: fixed; z-index: 1; pointer-events: none; border-radius: 6px;
      box-shadow: 0 0 0 3px #b45309, 0 0 0 7px rgba(255, 191, 71, .65); transition: none; }
    .spot[hidden] { display: none; }
  `;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** words.panelX with $1…$n filled. */
  function say(words, key, ...subs) {
    const text = (words && words[key]) || key;
    // _locales placeholders arrive as $P1$ (see the messages' "placeholders").
    return text.replace(/\$P(\d)\$|\$(\d)/g, (_, a, b) => {
      const value = subs[Number(a || b) - 1];
      return value === undefined ? "" : String(value);
    });
  }

  /**
   * Creates the panel. `handlers`: onClose(), onStep(delta), onShowMe(), onChooseAccount(id),
   * onOpenManage(). Returns {render(view), spotlight(element|null), destroy()}.
   */
  function create({ words, lang, dir, openShadow }, handlers) {
    const host = document.createElement("sellerguard-guide");
    host.setAttribute("style", "all: initial; position: fixed; right: 0; bottom: 0; width: 0; height: 0; z-index: 2147483647;");
    // Closed: the page's scripts cannot reach in. Open only under the test-only debug switch.
    const root = host.attachShadow({ mode: openShadow ? "open" : "closed" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const spot = el("div", { class: "spot", hidden: true, "aria-hidden": "true" });
    const panel = el("div", { class: "panel", role: "complementary", "aria-labelledby": "sg-title", lang, dir });
    root.append(style, spot, panel);
    document.documentElement.append(host);

    let target = null;
    let follow = 0;
    let troubleOpen = false;

    function place() {
      if (!target || !target.isConnected) {
        spot.hidden = true;
        return;
      }
      const r = target.getBoundingClientRect();
      spot.hidden = r.width === 0 && r.height === 0;
      spot.style.left = `${r.left - 4}px`;
      spot.style.top = `${r.top - 4}px`;
      spot.style.width = `${r.width + 8}px`;
      spot.style.height = `${r.height + 8}px`;
    }
    const onMove = () => {
      cancelAnimationFrame(follow);
      follow = requestAnimationFrame(place);
    };
    window.addEventListener("scroll", onMove, { capture: true, passive: true });
    window.addEventListener("resize", onMove, { passive: true });
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") handlers.onClose();
    });

    function contactLine(contact) {
      const status = (contact.amazon_status && contact.amazon_status.status) || "unknown";
      const cls = status === "verified" ? "ok" : status === "unverified" ? "bad" : "";
      const kind = say(words, contact.kind === "phone" ? "panelPhone" : "panelEmail");
      const wordKey = { verified: "panelAmazonVerified", unverified: "panelAmazonUnverified" }[status] || "panelAmazonUnknown";
      return el("li", {}, `${kind} ${contact.masked || ""} — `, el("span", { class: cls }, say(words, wordKey)));
    }

    /**
     * view: {guide, stepIndex, account, accounts, where: "found"|"missing"|"none", detected,
     * allDone, serverDown, noAccount}
     */
    function render(view) {
      const guide = view.guide;
      const step = guide && guide.steps[view.stepIndex];
      const parts = [];
      parts.push(
        el("header", {},
          el("h2", { id: "sg-title" }, el("span", { class: "brand" }, say(words, "panelBrand")), guide ? guide.title : say(words, "panelBrand")),
          el("button", { type: "button", class: "close", "data-key": "close", "aria-label": say(words, "panelClose"), title: say(words, "panelClose"), onclick: () => handlers.onClose() }, "×")),
      );
      if (view.serverDown) parts.push(el("p", { class: "note", role: "status" }, say(words, "panelServerDown")));
      if (guide) parts.push(el("p", {}, guide.summary));
      if (view.noAccount) {
        parts.push(el("p", {}, say(words, "panelNoAccount")));
      } else if (view.accounts && view.accounts.length > 1 && !view.account) {
        const select = el("select", { id: "sg-account", "data-key": "account", onchange: (e) => handlers.onChooseAccount(e.target.value) },
          el("option", { value: "" }, "—"),
          view.accounts.map((a) => el("option", { value: String(a.id) }, a.name)));
        parts.push(el("p", {}, el("label", { for: "sg-account" }, say(words, "panelChooseAccount"), " "), select));
      } else if (view.account) {
        parts.push(el("p", {}, `${say(words, "panelAccount")}: `, el("strong", {}, view.account.name)));
        if (view.account.contacts.length) parts.push(el("ul", { class: "contacts", "aria-label": say(words, "panelContacts") }, view.account.contacts.map(contactLine)));
        if (view.allDone) parts.push(el("p", { class: "ok", role: "status" }, say(words, "panelAllDone")));
      }
      if (view.detected) parts.push(el("p", { class: "note", role: "status" }, view.detected));
      if (step) {
        const where =
          view.where === "found" ? el("p", { class: "where", role: "status" }, say(words, "panelFound"))
          : view.where === "missing" ? el("p", { class: "where missing", role: "status" }, say(words, "panelNotFound"))
          : null;
        parts.push(
          el("section", { class: "step", "aria-labelledby": "sg-step-title" },
            el("p", { class: "count" }, say(words, "panelStepOf", view.stepIndex + 1, guide.steps.length)),
            el("h3", { id: "sg-step-title", tabindex: "-1", "data-key": "step" }, step.title),
            el("p", {}, step.body),
            where),
          el("div", { class: "nav" },
            el("button", { type: "button", "data-key": "back", disabled: view.stepIndex === 0, onclick: () => handlers.onStep(-1) }, say(words, "panelBack")),
            step.target ? el("button", { type: "button", class: "primary", "data-key": "show", onclick: () => handlers.onShowMe() }, say(words, "panelShowMe")) : null,
            el("button", { type: "button", "data-key": "next", disabled: view.stepIndex >= guide.steps.length - 1, onclick: () => handlers.onStep(1) }, say(words, "panelNext"))),
        );
        if (guide.troubleshooting && guide.troubleshooting.length) {
          parts.push(
            el("details", { open: troubleOpen, ontoggle: (e) => { troubleOpen = e.target.open; } },
              el("summary", { "data-key": "trouble" }, say(words, "panelTrouble")),
              el("dl", {}, guide.troubleshooting.map((item) => [el("dt", {}, say(words, `panelCase_${item.case}`)), el("dd", {}, item.text)]))),
          );
        }
      }
      parts.push(el("p", {}, el("button", { type: "button", "data-key": "manage", onclick: () => handlers.onOpenManage() }, say(words, "panelOpenManage"))));
      // Re-rendering must not lose the keyboard user's place.
      const active = root.activeElement && root.activeElement.getAttribute("data-key");
      panel.replaceChildren(...parts);
      if (active) {
        const again = panel.querySelector(`[data-key="${active}"]`);
        const next = again && !again.disabled ? again : panel.querySelector('[data-key="step"]');
        if (next) next.focus({ preventScroll: true });
      }
    }

    function spotlight(element, scroll) {
      target = element || null;
      if (target && scroll) target.scrollIntoView({ block: "center", inline: "nearest" });
      place();
    }

    function destroy() {
      window.removeEventListener("scroll", onMove, { capture: true });
      window.removeEventListener("resize", onMove);
      cancelAnimationFrame(follow);
      host.remove();
    }

    return { render, spotlight, destroy, host, say: (key, ...subs) => say(words, key, ...subs) };
  }

  SG.panel = { create, say };
})();
