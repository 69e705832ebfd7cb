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

/** Shows a short message in the page's live region. */
export function flash(text, isError = false) {
  const el = document.getElementById("flash");
  el.textContent = text;
  el.className = isError ? "error" : "";
}

/** Runs an action from a button/form, reporting success or the server's words. */
export async function act(fn, okText) {
  try {
    const result = await fn();
    if (okText) flash(okText);
    return result;
  } catch (err) {
    flash(err.message || String(err), true);
    return undefined;
  }
}
