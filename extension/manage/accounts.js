// Accounts and their contacts: add, edit, delete; each check's warning in plain words; local
// verification (start, enter the code); hold; what Amazon says (manual override).
import { h, replace } from "../lib/dom.js";
import { day, t, when } from "../lib/i18n.js";
import { MARKETPLACES, optionalOriginsFor } from "../lib/marketplaces.js";
import { amazonStatus, kindLabel, localStatus, roleLabel, severityLabel } from "../lib/status-words.js";
import { act, all, api, flash } from "./client.js";

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
    const saved = await act(() => (account ? api("PATCH", `/accounts/${account.id}`, body) : api("POST", "/accounts", body)), t("saved"));
    if (!saved) return;
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

async function accountCard(account, refresh) {
  let contacts = [];
  try {
    contacts = await all(`/accounts/${account.id}/contacts`);
  } catch (err) {
    flash(err.message, true);
  }
  return h("article", { class: "card", id: `account-${account.id}`, "aria-labelledby": `account-${account.id}-h` },
    h("div", { class: "row" },
      h("h3", { id: `account-${account.id}-h`, class: "grow" }, account.name),
      h("span", { class: "muted" }, (account.marketplaces || []).join(", ")),
      h("button", { type: "button", class: "danger", onclick: async () => {
        if (!confirm(t("confirmDeleteAccount", account.name))) return;
        if ((await act(() => api("DELETE", `/accounts/${account.id}`), t("deleted"))) !== undefined) await refresh();
      } }, t("deleteAccount"))),
    h("details", {}, h("summary", {}, t("editAccount")), accountForm(account, refresh)),
    contacts.length
      ? h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("contact")), h("th", { scope: "col" }, t("statusAndChecks")), h("th", { scope: "col" }, t("actions")))),
        h("tbody", {}, contacts.map((c) => contactRow(c, refresh))))
      : h("p", { class: "muted" }, t("noContacts")),
    contactForm(account, refresh));
}

export async function renderAccounts(container, refresh) {
  const accounts = await all("/accounts");
  const cards = [];
  for (const account of accounts) cards.push(await accountCard(account, refresh));
  replace(container,
    accounts.length ? null : h("p", { class: "muted" }, t("noAccountsHere")),
    cards,
    h("h3", {}, t("addAccount")),
    accountForm(null, refresh));
}
