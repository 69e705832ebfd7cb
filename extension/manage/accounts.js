// Accounts and their contacts: add, edit, delete; each check's warning in plain words; local
// verification (start, enter the code); hold; what Amazon says (manual override).
import { h, replace } from "../lib/dom.js";
import { day, t, when } from "../lib/i18n.js";
import { MARKETPLACES, optionalOriginsFor } from "../lib/marketplaces.js";
import { amazonStatus, kindLabel, localStatus, nextStepText, roleLabel, severityLabel } from "../lib/status-words.js";
import { act, all, api, feedbackRegion, flash, restoreFeedback } from "./client.js";

const ROLES = ["emergency", "primary", "other"];
const uiLanguage = () => (chrome.i18n.getUILanguage().toLowerCase().startsWith("zh") ? "zh_CN" : "en");

function marketplaceBoxes(idPrefix, chosen = []) {
  return h("fieldset", {},
    h("legend", {}, t("marketplaces")),
    h("div", { class: "markets" }, MARKETPLACES.map((m) => {
      const id = `${idPrefix}-${m.code}`;
      return h("label", { for: id }, h("input", { type: "checkbox", id, name: "marketplace", value: m.code, checked: chosen.includes(m.code) }), m.code);
    })));
}

function chosenMarketplaces(form) {
  return [...form.querySelectorAll('input[name="marketplace"]:checked')].map((i) => i.value);
}

/** Asks for the optional Seller Central hosts of these marketplaces (from the click itself). */
function permitHosts(codes) {
  const origins = optionalOriginsFor(codes);
  if (!origins.length) return Promise.resolve(true);
  return chrome.permissions.request({ origins }).catch(() => false);
}

function accountForm(account, refresh) {
  const p = account ? `acc-${account.id}` : "acc-new";
  const name = h("input", { id: `${p}-name`, required: true, maxlength: 200, value: account ? account.name : "" });
  const merchant = h("input", { id: `${p}-merchant`, maxlength: 64, value: account && account.merchant_id ? account.merchant_id : "" });
  const form = h("form", { class: "inline" },
    h("label", { for: `${p}-name` }, t("accountName"), name),
    h("label", { for: `${p}-merchant` }, t("merchantId"), merchant),
    marketplaceBoxes(p, account ? account.marketplaces : []),
    h("button", { type: "submit", class: "primary" }, account ? t("save") : t("addAccount")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const markets = chosenMarketplaces(form);
    const permitted = permitHosts(markets);
    const body = { name: name.value, marketplaces: markets, merchant_id: merchant.value || null };
    const saved = await act(() => (account ? api("PATCH", `/accounts/${account.id}`, body) : api("POST", "/accounts", body)), t("saved"), form);
    if (!saved) return;
    if (!account) openAccount(saved.id);
    // The list must not wait for the seller to answer the browser's permission prompt (it may
    // stay open, or never show in some browsers): show the saved account now, the answer later.
    permitted.then((ok) => { if (!ok) flash(t("hostPermissionDenied"), true); });
    await refresh();
  });
  return form;
}

function warningList(checks) {
  const warnings = (checks && checks.warnings) || [];
  if (!warnings.length) return null;
  return h("ul", { class: "warnings" }, warnings.map((w) =>
    h("li", { class: w.severity === "error" ? "bad" : w.severity === "warning" ? "warn" : "muted" }, `${severityLabel(w.severity)}: `, w.message || w.code)));
}

function verifyBox(contact, refresh) {
  const box = h("div", { class: "verify-box", hidden: true });
  const start = async (override) => {
    const body = { channel: contact.kind === "phone" ? "sms" : "email", language: uiLanguage() };
    if (override) body.override_checks = true;
    const v = await act(() => api("POST", `/contacts/${contact.id}/verifications`, body));
    if (!v) {
      replace(box, h("p", { class: "error" }, document.getElementById("flash").textContent),
        h("button", { type: "button", onclick: () => start(true) }, t("sendAnyway")));
      box.hidden = false;
      return;
    }
    showVerification(v);
  };
  const showVerification = (v) => {
    const code = h("input", { id: `code-${contact.id}`, inputmode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}", maxlength: 6, size: 8, required: true });
    const form = h("form", { class: "inline" },
      h("label", { for: `code-${contact.id}` }, t("enterCode"), code),
      h("button", { type: "submit", class: "primary" }, t("check")),
      h("button", { type: "button", onclick: () => start(false) }, t("resend")),
      h("button", { type: "button", onclick: async () => {
        await act(() => api("POST", `/verifications/${v.id}/cancel`), t("canceled"));
        box.hidden = true;
      } }, t("cancel")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const checked = await act(() => api("POST", `/verifications/${v.id}/check`, { code: code.value }));
      if (checked && checked.status === "approved") {
        flash(t("verifiedLocally"));
        await refresh();
      } else if (checked) {
        showVerification(checked);
      }
    });
    replace(box,
      h("p", {}, t("codeSent", v.channel === "sms" || v.channel === "email" ? t(`via_${v.channel}`) : v.channel, when(v.expires_at)),
        v.delivered_via === "outbox" ? h("span", { class: "warn" }, ` ${t("outboxNote")}`) : ""),
      v.status !== "pending" ? h("p", { class: "bad" }, t("verificationState", v.status), v.failure_reason ? ` — ${v.failure_reason}` : "") : null,
      form);
    box.hidden = false;
    code.focus();
  };
  return { box, start };
}

function contactRow(contact, refresh) {
  const verify = verifyBox(contact, refresh);
  const holdDate = h("input", { type: "date", id: `hold-${contact.id}`, "aria-label": t("holdUntil") });
  const amazonSelect = h("select", { id: `amazon-${contact.id}`, "aria-label": t("amazonLabel") },
    ["unknown", "unverified", "verified"].map((s) => h("option", { value: s, selected: contact.amazon_status && contact.amazon_status.status === s }, t(`amazon_${s}`))));
  const role = h("select", { "aria-label": t("role") }, ROLES.map((r) => h("option", { value: r, selected: contact.role === r }, roleLabel(r))));
  const amazon = contact.amazon_status || {};
  return h("tr", { id: `contact-${contact.id}` },
    h("td", {}, h("strong", {}, kindLabel(contact.kind)), h("br"), contact.masked || contact.value, h("br"), role),
    h("td", {},
      h("div", {}, `${t("hereLabel")}: `, h("span", { class: contact.local_status === "verified" ? "ok" : "bad" }, localStatus(contact.local_status)),
        contact.local_verified_at ? h("span", { class: "muted" }, ` (${when(contact.local_verified_at)})`) : ""),
      h("div", {}, `${t("amazonLabel")}: `, h("span", { class: amazon.status === "verified" ? "ok" : "bad" }, amazonStatus(amazon)),
        amazon.source ? h("span", { class: "muted" }, ` (${t(`source_${amazon.source}`)}, ${when(amazon.at)})`) : ""),
      contact.on_hold_until ? h("div", { class: "warn" }, t("onHoldUntil", day(contact.on_hold_until))) : null,
      warningList(contact.checks)),
    h("td", {},
      h("div", { class: "row" },
        h("button", { type: "button", onclick: () => verify.start(false) }, t("verifyHere")),
        h("button", { type: "button", onclick: async () => {
          if (await act(() => api("PATCH", `/contacts/${contact.id}`, { role: role.value }), t("saved"))) await refresh();
        } }, t("saveRole")),
        h("button", { type: "button", class: "danger", onclick: async () => {
          if (!confirm(t("confirmDeleteContact"))) return;
          if ((await act(() => api("DELETE", `/contacts/${contact.id}`), t("deleted"))) !== undefined) await refresh();
        } }, t("delete"))),
      h("div", { class: "row" }, amazonSelect,
        h("button", { type: "button", onclick: async () => {
          if (await act(() => api("PUT", `/contacts/${contact.id}/amazon-status`, { status: amazonSelect.value, source: "manual" }), t("saved"))) await refresh();
        } }, t("setAmazonStatus"))),
      h("div", { class: "row" }, holdDate,
        h("button", { type: "button", onclick: async () => {
          if (!holdDate.value) return flash(t("pickDate"), true);
          if (await act(() => api("POST", `/contacts/${contact.id}/hold`, { until: holdDate.value }), t("saved"))) await refresh();
        } }, t("hold")),
        contact.on_hold_until ? h("button", { type: "button", onclick: async () => {
          if (await act(() => api("DELETE", `/contacts/${contact.id}/hold`), t("saved"))) await refresh();
        } }, t("releaseHold")) : null),
      verify.box));
}

function contactForm(account, refresh) {
  const p = `new-contact-${account.id}`;
  const kind = h("select", { id: `${p}-kind` }, h("option", { value: "email" }, t("kindEmail")), h("option", { value: "phone" }, t("kindPhone")));
  const role = h("select", { id: `${p}-role` }, ROLES.map((r) => h("option", { value: r }, roleLabel(r))));
  const value = h("input", { id: `${p}-value`, required: true, maxlength: 320, size: 28 });
  const form = h("form", { class: "inline" },
    h("label", { for: `${p}-kind` }, t("kind"), kind),
    h("label", { for: `${p}-role` }, t("role"), role),
    h("label", { for: `${p}-value` }, t("contactValue"), value),
    h("button", { type: "submit" }, t("addContact")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const made = await act(() => api("POST", `/accounts/${account.id}/contacts`, { kind: kind.value, role: role.value, value: value.value }), t("saved"));
    if (made) await refresh();
  });
  return form;
}

// What the list shows: one page of accounts from /status (those needing action first), the
// filters, and the one account that is open. Kept while the page lives (not in the worker).
const PER_PAGE = 25;
const view = { page: 1, q: "", needsAction: false, marketplace: "", open: null };

/** Opens this account in the list (the manage page's deep link #account=ID uses it). */
export function openAccount(id) {
  view.open = id === null || id === undefined ? null : String(id);
}

async function openBody(account, refresh) {
  // A listed account came with its contacts (from /status: masked values, warnings, states);
  // a pinned one (just added, or linked) asks for them.
  let contacts = (account.contacts || []).map((c) => ({ ...c, checks: { warnings: c.warnings || [] } }));
  if (!account.contacts) {
    try {
      contacts = await all(`/accounts/${account.id}/contacts`);
    } catch (err) {
      flash(err.message, true);
    }
  }
  return h("div", { class: "account-body", id: `account-${account.id}-body` },
    h("details", {}, h("summary", {}, t("editAccount")), accountForm(account, refresh)),
    contacts.length
      ? h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("contact")), h("th", { scope: "col" }, t("statusAndChecks")), h("th", { scope: "col" }, t("actions")))),
        h("tbody", {}, contacts.map((c) => contactRow(c, refresh))))
      : h("p", { class: "muted" }, t("noContacts")),
    contactForm(account, refresh),
    h("div", { class: "row" },
      h("button", { type: "button", class: "danger", onclick: async (event) => {
        if (!confirm(t("confirmDeleteAccount", account.name))) return;
        if ((await act(() => api("DELETE", `/accounts/${account.id}`), t("deleted"), event.currentTarget)) !== undefined) {
          view.open = null;
          await refresh();
        }
      } }, t("deleteAccount"))));
}

async function accountCard(account, refresh) {
  const isOpen = String(account.id) === view.open;
  const toggle = h("button", { type: "button", "aria-expanded": isOpen ? "true" : "false",
    "aria-controls": `account-${account.id}-body`, "aria-label": t(isOpen ? "closeAccountNamed" : "openAccountNamed", account.name),
    onclick: async () => {
      view.open = isOpen ? null : String(account.id);
      await refresh();
      document.querySelector(`#account-${account.id} .account-toggle`)?.focus();
    } }, t(isOpen ? "closeAccount" : "openAccount"));
  toggle.classList.add("account-toggle");
  const step = account.next_step;
  return h("article", { class: `card${isOpen ? " open" : ""}`, id: `account-${account.id}`, "aria-labelledby": `account-${account.id}-h`, "data-feedback": "" },
    h("div", { class: "row" },
      h("h3", { id: `account-${account.id}-h`, class: "grow" }, account.name),
      h("span", { class: "muted" }, (account.marketplaces || []).join(", ")),
      account.merchant_id ? h("span", { class: "muted" }, account.merchant_id) : null,
      toggle),
    step ? h("p", { class: "step" }, h("strong", {}, `${t("nextStep")}: `), nextStepText(step))
      : account.needs_action === false ? h("p", { class: "ok" }, t("next_done")) : null,
    feedbackRegion(),
    isOpen ? await openBody(account, refresh) : null);
}

function summaryPart(status) {
  const s = status.summary || {};
  const counts = status.counts || {};
  const by = s.by_step || {};
  const parts = ["fix_contact", "add_emergency_contact", "verify_locally", "verify_on_amazon"]
    .filter((code) => by[code]).map((code) => t(`count_${code}`, by[code]));
  return h("div", { class: "summary", id: "account-summary" },
    h("p", {}, h("strong", {}, t("accountsSummary", counts.accounts ?? 0, s.needs_action ?? 0, s.done ?? 0)),
      s.on_hold ? ` ${t("accountsOnHold", s.on_hold)}` : ""),
    parts.length ? h("ul", { class: "steps" }, parts.map((p) => h("li", {}, p))) : null);
}

function filterPart(refresh, total) {
  const search = h("input", { type: "search", id: "account-search", value: view.q, maxlength: 200, autocomplete: "off",
    placeholder: t("searchPlaceholder") });
  const needs = h("input", { type: "checkbox", id: "filter-needs-action", checked: view.needsAction });
  const market = h("select", { id: "filter-marketplace" },
    h("option", { value: "" }, t("allMarketplaces")),
    MARKETPLACES.map((m) => h("option", { value: m.code, selected: view.marketplace === m.code }, m.code)));
  let timer = null;
  const apply = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      view.q = search.value.trim();
      view.needsAction = needs.checked;
      view.marketplace = market.value;
      view.page = 1;
      view.open = null; // the first match opens
      await refresh();
      const again = document.getElementById(document.activeElement && document.activeElement.id ? document.activeElement.id : "account-search");
      if (again) again.focus();
    }, delay);
  };
  search.addEventListener("input", () => apply(50)); // a short pause after the last key
  search.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); apply(0); } });
  needs.addEventListener("change", () => apply(0));
  market.addEventListener("change", () => apply(0));
  const first = total ? (view.page - 1) * PER_PAGE + 1 : 0;
  const last = Math.min(total, view.page * PER_PAGE);
  return h("form", { class: "filters", role: "search", "aria-label": t("searchAccounts"), onsubmit: (e) => { e.preventDefault(); apply(0); } },
    h("label", { for: "account-search" }, t("searchAccounts"), search),
    h("label", { for: "filter-needs-action", class: "check" }, needs, t("onlyNeedsAction")),
    h("label", { for: "filter-marketplace" }, t("marketplace"), market),
    h("p", { id: "account-results", class: "muted", role: "status", "aria-live": "polite" },
      total ? t("showingRange", first, last, total) : t("noMatches")));
}

/** "Send a code to every unverified contact of these accounts" (the current search and
 * filters; 50 per click, within the server's start limits). */
function bulkPart(refresh, total) {
  if (!total) return null;
  return h("div", { class: "row bulk", id: "bulk-verify", "data-feedback": "" },
    h("button", { type: "button", onclick: async (event) => {
      const button = event.currentTarget; // (null once the handler has awaited)
      const body = { language: uiLanguage(), limit: 10 };
      if (view.q) body.q = view.q;
      if (view.marketplace) body.marketplace = view.marketplace;
      const r = await act(() => api("POST", "/verifications/bulk", body), null, button);
      if (!r) return;
      const text = t("bulkStarted", r.started.length, r.skipped.length) + (r.stopped ? ` ${t("bulkStopped", r.stopped.retry_after)}` : "");
      flash(text, Boolean(r.stopped), button);
      await refresh();
    } }, t("bulkVerify")),
    feedbackRegion());
}

function pager(refresh, total) {
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (pages <= 1) return null;
  const go = (page) => async () => {
    view.page = page;
    view.open = null;
    await refresh();
    document.getElementById("account-list")?.focus();
  };
  return h("nav", { class: "row pager", "aria-label": t("accountPages") },
    h("button", { type: "button", disabled: view.page <= 1, onclick: go(view.page - 1) }, t("previousPage")),
    h("span", {}, t("pageOf", view.page, pages)),
    h("button", { type: "button", disabled: view.page >= pages, onclick: go(view.page + 1) }, t("nextPage")));
}

let renderSeq = 0; // a newer render (the seller typed on) wins over one still loading

export async function renderAccounts(container, refresh) {
  const mine = ++renderSeq;
  const query = new URLSearchParams({ page: String(view.page), per_page: String(PER_PAGE) });
  if (view.q) query.set("q", view.q);
  if (view.needsAction) query.set("needs_action", "true");
  if (view.marketplace) query.set("marketplace", view.marketplace);
  const status = await api("GET", `/status?${query}`);
  const listed = status.accounts || [];
  const total = (status.accounts_page && status.accounts_page.total) || 0;
  // The open account stays on screen even when it is on another page (just added, or linked).
  let pinned = null;
  if (view.open && !listed.some((a) => String(a.id) === view.open)) {
    try {
      pinned = await api("GET", `/accounts/${encodeURIComponent(view.open)}`);
    } catch {
      view.open = null;
    }
  }
  if (!view.open && listed.length) view.open = String(listed[0].id);
  const cards = [];
  if (pinned) cards.push(await accountCard(pinned, refresh));
  for (const account of listed) cards.push(await accountCard(account, refresh));
  if (mine !== renderSeq) return;
  const none = !(status.counts && status.counts.accounts);
  const addBox = h("div", { id: "add-account", "data-feedback": "" }, h("h3", {}, t("addAccount")), accountForm(null, refresh), feedbackRegion());
  replace(container,
    none ? h("p", { class: "muted" }, t("noAccountsHere")) : [summaryPart(status), filterPart(refresh, total), bulkPart(refresh, total)],
    h("div", { id: "account-list", tabindex: "-1" }, cards),
    none ? null : pager(refresh, total),
    addBox);
  restoreFeedback();
}
