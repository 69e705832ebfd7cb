// SellerGuard content script, part 3 of 3: runs the guide on Seller Central pages. Asks the
// service worker for the guide and the seller's accounts (this script never calls the server),
// shows the step for the current page, follows in-app navigation, and reports what the page says
// about the emergency contacts. Never fills or submits Seller Central's forms.
(() => {
  "use strict";
  const SG = globalThis.SellerGuardContent;
  if (!SG || SG.started) return;
  SG.started = true;
  const { detect, panel: panelLib } = SG;

  const POLL_MS = 500; // URL polling: the page's own history.pushState is not visible from here
  const SETTLE_MS = 400;

  // The one piece of per-page state, reset on every navigation.
  const state = { url: "", context: null, ui: null, stepIndex: 0, accountId: null, reported: new Map(), detected: "", timer: 0, observer: null };

  const send = (message) =>
    chrome.runtime.sendMessage(message).catch(() => ({ ok: false, error: { message: "extension-unavailable" } }));

  const pageLang = () => document.documentElement.lang || navigator.language || "en";

  function currentAccount() {
    const ctx = state.context;
    if (!ctx || !ctx.accounts || !ctx.accounts.length) return null;
    if (ctx.accounts.length === 1) return ctx.accounts[0];
    if (state.accountId) return ctx.accounts.find((a) => String(a.id) === String(state.accountId)) || null;
    // Several accounts sell here: the one whose emergency contacts the page shows.
    const text = document.body ? document.body.textContent : "";
    const scored = ctx.accounts.map((a) => {
      let score = a.contacts.filter((c) => {
        const m = detect.marker(c);
        if (!m) return false;
        return m.kind === "phone" ? text.replace(/\D+/g, "").includes(m.value) : detect.norm(text).includes(m.value);
      }).length;
      if (a.name && text.includes(a.name)) score += 1;
      return [score, a];
    });
    scored.sort((x, y) => y[0] - x[0]);
    return scored[0][0] > 0 && (scored.length < 2 || scored[0][0] > scored[1][0]) ? scored[0][1] : null;
  }

  /** The first step whose page prefix matches this path most specifically. */
  function stepForPath(guide) {
    let best = 0;
    let bestLen = -1;
    guide.steps.forEach((step, i) => {
      const len = detect.matchLength(location.pathname, step.page.path_prefixes);
      if (len > bestLen) {
        best = i;
        bestLen = len;
      }
    });
    return best;
  }

  function guideOf(ctx) {
    return ctx && ctx.guide && ctx.guide.guides && ctx.guide.guides.find((g) => g.id === "emergency-contact-verification");
  }

  function render({ scroll = false } = {}) {
    const ctx = state.context;
    const guide = guideOf(ctx);
    const account = currentAccount();
    const contacts = account ? account.contacts : [];
    const allDone = Boolean(account && contacts.length && contacts.every((c) => c.amazon_status && c.amazon_status.status === "verified"));
    const onDetectPage = guide && detect.pathMatches(location.pathname, guide.detect.page.path_prefixes);
    const show = ctx && ctx.paired && !ctx.dismissed && (guide || ctx.guideError) && (!allDone || onDetectPage);
    if (!show) {
      if (state.ui) {
        state.ui.destroy();
        state.ui = null;
      }
      return;
    }
    if (!state.ui) {
      state.ui = panelLib.create(
        { words: ctx.panel.words, lang: ctx.panel.lang.replace("_", "-"), dir: ctx.panel.dir, openShadow: ctx.debug.openShadowRoot },
        {
          onClose: () => {
            send({ type: "sg:dismiss" });
            state.context = { ...state.context, dismissed: true };
            render();
          },
          onStep: (delta) => {
            state.stepIndex = Math.max(0, Math.min(guide.steps.length - 1, state.stepIndex + delta));
            render();
          },
          onShowMe: () => render({ scroll: true }),
          onChooseAccount: (id) => {
            state.accountId = id || null;
            render();
            runDetection();
          },
          onOpenManage: () => send({ type: "sg:open-manage", section: "accounts" }),
        },
      );
    }
    const step = guide ? guide.steps[state.stepIndex] : null;
    const target = step && step.target ? detect.findTarget(step.target) : null;
    state.ui.render({
      guide: guide || null,
      stepIndex: state.stepIndex,
      account,
      accounts: ctx.accounts,
      noAccount: !ctx.accounts || !ctx.accounts.length,
      where: !step || !step.target ? "none" : target ? "found" : "missing",
      detected: state.detected,
      allDone,
      serverDown: Boolean(ctx.guideError),
    });
    state.ui.spotlight(target, scroll);
  }

  /** Reads the page for the emergency contacts' state and reports changes through the worker. */
  async function runDetection() {
    const guide = guideOf(state.context);
    const account = currentAccount();
    if (!guide || !account || !account.contacts.length) return;
    const found = detect.detectStatuses(guide.detect, account.contacts);
    if (!found.results.length) return;
    let changed = false;
    const seen = [];
    for (const { contactId, status } of found.results) {
      const contact = account.contacts.find((c) => c.id === contactId);
      seen.push(`${contact.kind === "phone" ? state.ui?.say("panelPhone") || "" : state.ui?.say("panelEmail") || ""} ${contact.masked}: ${status === "verified" ? state.ui?.say("panelAmazonVerified") || status : state.ui?.say("panelAmazonUnverified") || status}`);
      if (state.reported.get(contactId) === status) continue;
      const answer = await send({ type: "sg:report-status", contactId, status, lang: pageLang() });
      if (answer && answer.ok) {
        state.reported.set(contactId, status);
        changed = changed || answer.changed;
      }
    }
    state.detected = state.ui ? state.ui.say("panelDetected", seen.join("; ")) : "";
    if (changed) await load(false);
    else render();
  }

  async function load(resetStep) {
    const ctx = await send({ type: "sg:page-context", lang: pageLang() });
    if (!ctx || !ctx.ok) return;
    state.context = ctx;
    const guide = guideOf(ctx);
    if (resetStep && guide) state.stepIndex = stepForPath(guide);
    render();
  }

  async function onNavigate() {
    if (location.href === state.url) return;
    const samePage = state.url && new URL(state.url).pathname === location.pathname;
    state.url = location.href;
    if (samePage) return;
    state.detected = "";
    state.reported.clear();
    await load(true);
    runDetection();
  }

  // Seller Central renders late and re-renders often: look again once the page settles.
  function watchPage() {
    state.observer = new MutationObserver(() => {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        if (!state.context) return;
        render();
        runDetection();
      }, SETTLE_MS);
    });
    state.observer.observe(document.body || document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  window.addEventListener("popstate", onNavigate);
  window.addEventListener("hashchange", onNavigate);
  setInterval(onNavigate, POLL_MS);
  watchPage();
  onNavigate();
})();
