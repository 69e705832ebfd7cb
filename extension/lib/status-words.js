// Plain words for the server's status codes, shared by popup and manage page.
import { day, t } from "./i18n.js";

export function localStatus(code) {
  return t(`local_${code || "unverified"}`);
}

export function amazonStatus(status) {
  return t(`amazon_${(status && status.status) || "unknown"}`);
}

export function kindLabel(kind) {
  return t(kind === "phone" ? "kindPhone" : "kindEmail");
}

export function roleLabel(role) {
  return t(`role_${role || "other"}`);
}

export function severityLabel(severity) {
  return t(`severity_${severity || "info"}`);
}

/** A failed call in words: "cannot reach your server at …" when nothing answered, else what the
 * server said. `error` is the worker's {status, message, problem}. */
export function errorText(error) {
  if (!error) return t("unknownError");
  const problem = error.problem || {};
  if (error.status === 0 && problem.title === "unreachable") return t("serverUnreachable", problem.server || "");
  return error.message || problem.detail || problem.title || t("unknownError");
}

/** The next step in words: the server's own message, else a fallback by code. */
export function nextStepText(step) {
  if (!step) return "";
  return step.message || t(`next_${step.code}`);
}

/** A code from the monitor in words ("emergency_contact" → "emergency contact"); an unknown code
 * is shown as it is, with underscores as spaces. */
function word(prefix, code) {
  const text = chrome.i18n.getMessage(`${prefix}_${code}`);
  return text || String(code).replace(/_/g, " ");
}

/** Facts of a policy alert as [label, value] pairs (only those present), in words. */
export function factRows(facts) {
  if (!facts) return [];
  const rows = [];
  const push = (key, value) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    rows.push([t(key), Array.isArray(value) ? value.join(", ") : String(value)]);
  };
  push("factWhat", (facts.contact_types || []).map((c) => word("ctype", c)));
  push("factMethod", facts.method ? word("method", facts.method) : null);
  push("factMarketplace", facts.marketplace);
  push("factWhere", facts.where);
  push("factEffective", day(facts.effective_date));
  push("factDeadline", day(facts.deadline));
  push("factConsequences", facts.consequences);
  return rows;
}
