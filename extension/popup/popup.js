// The popup: what needs doing now. Policy alerts with their facts first; source-health alerts as
// one line ("17 sources failing — are you offline?"); then the accounts that need action (the
// server lists them first), each with its contacts and the next step, and how many more there
// are. Links into the manage page and to Seller Central. It shows the worker's cached answer at
// once and asks for a fresh one.
import { h, replace } from "../lib/dom.js";
import { day, localizePage, t, when } from "../lib/i18n.js";
import { amazonStatus, errorText, factRows, kindLabel, localStatus, nextStepText, roleLabel } from "../lib/status-words.js";

const MAX_ACCOUNTS = 5; // the popup shows what to do now; the manage page has every account
const manageUrl = (hash) => chrome.runtime.getURL(`manage/manage.html#${hash}`);

function statusClass(ok) {
  return ok ? "ok" : "bad";
}

function contactItem(contact) {
  const amazon = contact.amazon_status && contact.amazon_status.status;
  return h("li", { class: "contact" },
    h("div", {}, h("strong", {}, `${kindLabel(contact.kind)} `), contact.masked || "", h("span", { class: "muted" }, ` · ${roleLabel(contact.role)}`)),
    h("div", {},
      `${t("hereLabel")}: `, h("span", { class: statusClass(contact.local_status === "verified") }, localStatus(contact.local_status)),
      " · ",
      `${t("amazonLabel")}: `, h("span", { class: statusClass(amazon === "verified") }, amazonStatus(contact.amazon_status))),
    contact.on_hold_until ? h("div", { class: "warn" }, t("onHoldUntil", day(contact.on_hold_until))) : null,
    (contact.warnings || []).filter((w) => w.severity !== "info").map((w) => h("div", { class: w.severity === "error" ? "bad" : "warn" }, w.message)),
    contact.next_step && contact.next_step.code !== "done" ? h("div", { class: "step" }, `${t("nextStep")}: `, nextStepText(contact.next_step)) : null,
  );
}

function accountCard(account) {
  const sc = account.seller_central || {};
  return h("section", { class: "card account", "aria-labelledby": `acc-${account.id}` },
    h("div", { class: "row" },
      h("h3", { id: `acc-${account.id}`, class: "grow" }, account.name),
      h("span", { class: "muted" }, (account.marketplaces || []).join(", "))),
    account.next_step ? h("p", { class: "step" }, h("strong", {}, `${t("nextStep")}: `), nextStepText(account.next_step)) : null,
    h("ul", { class: "plain" }, (account.contacts || []).map(contactItem)),
    account.contacts && account.contacts.length ? null : h("p", { class: "muted" }, t("noContacts")),
    h("div", { class: "row" },
      sc.notification_preferences_url
        ? h("a", { href: sc.notification_preferences_url, target: "_blank", rel: "noopener" }, t("openSellerCentral", sc.host || ""))
        : null,
      h("a", { href: manageUrl(`account=${encodeURIComponent(account.id)}`), target: "_blank" }, t("editAccount"))),
  );
}

function alertCard(alert) {
  const facts = factRows(alert.facts);
  return h("li", { class: "card alert" },
    h("h3", {}, alert.title || t("alertUntitled")),
    h("p", { class: "muted" }, when(alert.created_at)),
    facts.length ? h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])) : null,
    alert.affected && alert.affected.length
      ? [h("p", { class: "affected-h" }, `${t("affectedAccounts")}:`), h("ul", { class: "affected" }, alert.affected.map((line) => h("li", {}, line)))]
      : null,
    h("a", { href: manageUrl(alert.policy_id ? `policy=${encodeURIComponent(alert.policy_id)}` : "alerts"), target: "_blank" }, t("details")),
  );
}

function render({ settings, status, alerts, lastSync }) {
  const content = document.getElementById("content");
  const sync = document.getElementById("sync");
  if (!settings || !settings.token) {
    replace(sync, "");
    replace(content,
      h("p", {}, t("notPaired")),
      h("a", { href: manageUrl("pair"), target: "_blank", class: "button" }, t("pairNow")));
    return;
  }
  if (lastSync && !lastSync.ok) {
    // Not "Updated <time>" for an update that failed: say what is wrong and how old the data is.
    const unreachable = lastSync.error && lastSync.error.status === 0;
    replace(sync,
      h("span", { class: "error" }, unreachable ? errorText(lastSync.error) : `${t("syncFailed")}: ${errorText(lastSync.error)}`),
      lastSync.lastOkAt ? ` ${t("showingFrom", when(lastSync.lastOkAt))}` : "");
  } else {
    replace(sync, lastSync ? t("lastSync", when(lastSync.at)) : "");
  }
  if (!status) {
    replace(content, h("p", {}, t("loading")));
    return;
  }
  const counts = status.counts || {};
  // GET /alerts lists every open alert but without the policy's facts; /status carries the facts
  // and affected accounts of the newest ones: show each alert with both.
  const summaries = new Map((status.alerts || []).map((a) => [String(a.id), a]));
  const openAlerts = (alerts || status.alerts || []).map((a) => {
    const s = summaries.get(String(a.id)) || {};
    return { ...a, facts: a.facts || s.facts || null, affected: a.affected || s.affected || [] };
  });
  const policyAlerts = openAlerts.filter((a) => String(a.kind || "").startsWith("policy"));
  const health = openAlerts.filter((a) => !String(a.kind || "").startsWith("policy"));
  const failing = health.filter((a) => a.kind === "source_broken").length;
  const summary = status.summary || {};
  const listed = status.accounts || [];
  const needing = listed.filter((a) => a.needs_action !== false).slice(0, MAX_ACCOUNTS);
  const more = Math.max(0, (summary.needs_action ?? needing.length) - needing.length);
  replace(content,
    h("p", { id: "summary" }, t("summaryLine", counts.accounts ?? listed.length, counts.verified ?? 0, counts.contacts ?? 0, counts.pending_steps ?? 0)),
    h("h2", {}, t("openAlerts"), ` (${policyAlerts.length})`),
    policyAlerts.length ? h("ul", { class: "plain", id: "alerts" }, policyAlerts.map(alertCard)) : h("p", { class: "muted" }, t("noAlerts")),
    health.length
      ? h("p", { id: "source-health", class: failing ? "warn" : "muted" },
        failing ? t("sourcesFailing", failing) : t("sourcesRecovered", health.length), " ",
        h("a", { href: manageUrl("alerts"), target: "_blank" }, t("details")))
      : null,
    h("h2", {}, t("needsDoing")),
    needing.length ? h("div", { id: "accounts" }, needing.map(accountCard)) : null,
    more ? h("p", { id: "more-accounts" }, h("a", { href: manageUrl("accounts"), target: "_blank" }, t("moreNeedAction", more))) : null,
    !needing.length ? h("p", { class: "muted" }, listed.length ? t("allDone", counts.accounts ?? listed.length) : t("noAccounts")) : null,
  );
}

async function show() {
  render(await chrome.storage.local.get(["settings", "status", "alerts", "lastSync"]));
}

localizePage();
document.getElementById("refresh").addEventListener("click", async () => {
  await chrome.runtime.sendMessage({ type: "sg:refresh" });
  await show();
});
document.getElementById("guides-again").addEventListener("click", async () => {
  await chrome.runtime.sendMessage({ type: "sg:show-guides-again" });
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.status || changes.alerts || changes.settings || changes.lastSync)) show();
});
show().then(() => chrome.runtime.sendMessage({ type: "sg:refresh" }));
