// Alerts by importance (policy alerts first, newest first; source-health alerts grouped into one
// line, "17 sources failing — are you offline?", with the list behind it) and policies with the
// seller's affected accounts.
import { h, replace } from "../lib/dom.js";
import { t, when } from "../lib/i18n.js";
import { factRows } from "../lib/status-words.js";
import { act, all, api, failedPart, feedbackRegion } from "./client.js";

const isPolicy = (a) => String(a.kind || "").startsWith("policy");

/** Every source-health alert in one card: how many sources are failing, the list behind it, and
 * one button to acknowledge them all. */
function sourceHealthGroup(items, refresh) {
  const failing = items.filter((a) => a.kind === "source_broken").length;
  const recovered = items.length - failing;
  const line = failing ? t("sourcesFailing", failing) : t("sourcesRecovered", recovered);
  return h("div", { class: "card source-health", id: "source-alerts", "data-feedback": "" },
    h("div", { class: "row" },
      h("h4", { class: "grow" }, line, failing && recovered ? ` ${t("andRecovered", recovered)}` : ""),
      h("button", { type: "button", onclick: async (event) => {
        const done = await act(() => api("POST", "/alerts/ack", { ids: items.map((a) => a.id) }), t("acknowledgedN", items.length), event.currentTarget);
        if (done) await refresh();
      } }, t("acknowledgeAll", items.length))),
    feedbackRegion(),
    h("details", {}, h("summary", {}, t("showSourceAlerts", items.length)),
      h("ul", { class: "plain" }, items.map((a) => alertItem(a, refresh)))));
}

function facts(f) {
  const rows = factRows(f);
  return rows.length ? h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])) : null;
}

/** "Ops webhook: delivered", "Ops webhook: failed (reason)": the channel by name, the state in words. */
function deliveryText(d) {
  const state = ["pending", "delivered", "failed"].includes(d.status) ? t(`delivery_${d.status}`) : String(d.status || "");
  return `${d.channel || `#${d.channel_id}`}: ${state}${d.last_error ? ` (${d.last_error})` : ""}`;
}

function alertItem(alert, refresh) {
  return h("li", { class: "card", id: `alert-${alert.id}`, "data-feedback": "" },
    h("div", { class: "row" },
      h("h4", { class: "grow" }, alert.title || t("alertUntitled")),
      h("span", { class: "muted" }, when(alert.created_at)),
      alert.state === "open"
        ? h("button", { type: "button", onclick: async () => {
            if (await act(() => api("POST", `/alerts/${alert.id}/ack`), t("acknowledged"))) await refresh();
          } }, t("acknowledge"))
        : h("span", { class: "muted" }, t("acknowledgedAt", when(alert.acked_at)))),
    feedbackRegion(),
    alert.body ? h("p", { class: "alert-body" }, alert.body) : null,
    (alert.deliveries || []).length
      ? h("p", { class: "muted" }, `${t("deliveries")}: `, alert.deliveries.map(deliveryText).join("; "))
      : null);
}

async function policyDetails(policy, holder) {
  const full = await act(() => api("GET", `/policies/${policy.id}`));
  if (!full) return;
  const affected = full.affected || [];
  replace(holder,
    facts(full.facts),
    full.retroactive ? h("p", { class: "warn" }, t("retroactive")) : null,
    h("h5", {}, t("affectedAccounts")),
    affected.length
      ? h("ul", {}, affected.map((a) => h("li", {}, h("a", { href: `#account=${encodeURIComponent(a.account_id)}` }, a.account_name), a.reason ? ` — ${a.reason}` : "")))
      : h("p", { class: "muted" }, t("noneAffected")),
    h("h5", {}, t("policySources")),
    h("ul", {}, (full.sources || []).map((s) => h("li", {},
      /^https?:\/\//i.test(s.url || "") ? h("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, s.name || s.url) : (s.name || ""),
      s.official ? h("span", { class: "ok" }, ` ${t("official")}`) : "",
      s.published ? h("span", { class: "muted" }, ` ${when(s.published)}`) : ""))));
}

function policyItem(policy, openId) {
  const holder = h("div", {});
  const details = h("details", { id: `policy-${policy.id}`, ontoggle: (e) => { if (e.target.open && !holder.childNodes.length) policyDetails(policy, holder); } },
    h("summary", {}, policy.title || t("alertUntitled"), " ", h("span", { class: "muted" }, when(policy.updated_at || policy.first_seen_at))),
    holder);
  if (String(policy.id) === String(openId)) details.open = true;
  return h("li", { class: "card" }, details);
}

export async function renderAlerts(container, refresh, { policyId } = {}) {
  const parts = [h("h3", {}, t("openAlerts"))];
  try {
    const alerts = await all("/alerts?state=open");
    const policy = alerts.filter(isPolicy);
    const health = alerts.filter((a) => !isPolicy(a));
    if (policy.length) parts.push(h("ul", { class: "plain", id: "alert-list" }, policy.map((a) => alertItem(a, refresh))));
    if (health.length) parts.push(sourceHealthGroup(health, refresh));
    if (!alerts.length) parts.push(h("p", { class: "muted" }, t("noAlerts")));
  } catch (err) {
    parts.push(failedPart(err));
  }
  parts.push(h("h3", {}, t("policies")));
  try {
    const policies = await all("/policies");
    parts.push(policies.length ? h("ul", { class: "plain", id: "policy-list" }, policies.map((p) => policyItem(p, policyId))) : h("p", { class: "muted" }, t("noPolicies")));
  } catch (err) {
    parts.push(failedPart(err));
  }
  replace(container, parts);
  const open = policyId && document.getElementById(`policy-${policyId}`);
  if (open) {
    open.scrollIntoView({ block: "start" });
    open.querySelector("summary").focus();
  }
}
