// The manage page's way to the server: every call goes through the service worker, which holds
// the token and keeps badge and caches in step after a change.
import { t } from "../lib/i18n.js";

export class CallFailed extends Error {
  constructor(error) {
    const problem = (error && error.problem) || {};
    const fields = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(" ")}`).join("; ") : "";
    super(fields || problem.detail || problem.title || (error && error.message) || t("unknownError"));
    this.status = error ? error.status : 0;
    this.problem = problem;
  }
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
