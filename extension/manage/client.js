// The manage page's way to the server: every call goes through the service worker, which holds
// the token and keeps badge and caches in step after a change.
import { h } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { errorText } from "../lib/status-words.js";

export class CallFailed extends Error {
  constructor(error) {
    const problem = (error && error.problem) || {};
    const fields = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(" ")}`).join("; ") : "";
    const unreachable = error && error.status === 0 && problem.title === "unreachable";
    super(unreachable ? errorText(error) : fields || problem.detail || problem.title || (error && error.message) || t("unknownError"));
    this.status = error ? error.status : 0;
    this.problem = problem;
  }
}

/** True when the call failed because nothing answered at the server's address. */
export function isUnreachable(err) {
  return Boolean(err && err.status === 0 && err.problem && err.problem.title === "unreachable");
}

/** What a part of a section shows when it could not load: a short note when the server is not
 * there (the connection section says it in full), else the server's words. */
export function failedPart(err) {
  return isUnreachable(err) ? h("p", { class: "muted" }, t("sectionUnavailable")) : h("p", { class: "error" }, err.message || String(err));
}

/** Sends a message to the worker; throws CallFailed when it answers ok: false. */
export async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (!answer || !answer.ok) throw new CallFailed(answer && answer.error);
  return answer;
}

export async function api(method, path, body) {
  return (await ask({ type: "sg:api", method, path, body })).data;
}

/** Every item of a paginated list. */
export async function all(path) {
  const sep = path.includes("?") ? "&" : "?";
  const items = [];
  for (let page = 1; page <= 50; page += 1) {
    const answer = await api("GET", `${path}${sep}per_page=200&page=${page}`);
    items.push(...(answer.items || []));
    if (items.length >= (answer.total || 0) || !(answer.items || []).length) break;
  }
  return items;
}

// Feedback appears next to the control that caused it: in the live region (.feedback) of the
// nearest [data-feedback] container of that control (an account card, a form). The page-wide
// #flash keeps the same text (it is that region for parts without their own), silent then so a
// screen reader hears the message once. A section re-rendered after the action gets its message
// back (restoreFeedback), the container being found again by its id.
let lastFeedback = null;

function regionNear(near) {
  const box = near && near.closest ? near.closest("[data-feedback]") : null;
  return box ? { box, region: box.querySelector(".feedback") } : null;
}

function show(region, text, isError) {
  region.textContent = text;
  region.classList.toggle("error", isError);
}

/** Shows a short message next to `near` (default: the focused control), else at the top. */
export function flash(text, isError = false, near = document.activeElement) {
  const el = document.getElementById("flash");
  const local = regionNear(near);
  if (local && local.region) {
    show(local.region, text, isError);
    lastFeedback = local.box.id ? { id: local.box.id, text, isError } : null;
  } else {
    lastFeedback = null;
  }
  el.setAttribute("aria-live", local && local.region ? "off" : "polite");
  el.textContent = text;
  el.className = isError ? "error" : "";
}

/** After a re-render: the last message again in its container, if that is still on the page. */
export function restoreFeedback() {
  if (!lastFeedback) return;
  const box = document.getElementById(lastFeedback.id);
  const region = box && box.querySelector(".feedback");
  if (region) show(region, lastFeedback.text, lastFeedback.isError);
}

/** A live region for feedback inside a [data-feedback] container. */
export function feedbackRegion() {
  return h("p", { class: "feedback", role: "status", "aria-live": "polite" });
}

/** Runs an action from a button/form, reporting success or the server's words next to it. */
export async function act(fn, okText, near = document.activeElement) {
  try {
    const result = await fn();
    if (okText) flash(okText, false, near);
    return result;
  } catch (err) {
    flash(err.message || String(err), true, near);
    return undefined;
  }
}
