// Messages from the extension's own pages and from the content script. Every message is checked
// for who sent it and for its shape before anything happens; content scripts get a narrow set of
// requests, never the general API.
import { allHosts } from "../lib/marketplaces.js";
import { ApiError, call, normaliseServerUrl } from "./api.js";
import { baseLanguage, guideFor, marketplaceFor, panelWords } from "./guides.js";
import { refresh } from "./sync.js";
import { forgetPairing, read, readOne, settings, updateSettings, write } from "./store.js";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const PATH_RE = /^\/[A-Za-z0-9\-._~/]*(\?[A-Za-z0-9\-._~=&%+]*)?$/;
const DISMISS_HOURS = 12;
const AMAZON_STATES = new Set(["verified", "unverified"]);

function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === "string" && sender.url.startsWith(chrome.runtime.getURL(""));
}

function fromSellerCentral(sender) {
  if (sender.id !== chrome.runtime.id || !sender.tab || typeof sender.url !== "string") return null;
  let url;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || !allHosts().includes(url.hostname)) return null;
  return url;
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function errorAnswer(err) {
  if (err instanceof ApiError) return { ok: false, error: err.toJSON() };
  return { ok: false, error: { status: 0, message: String(err && err.message ? err.message : err) } };
}

// ---- extension pages (popup, manage) ----

async function pair(msg) {
  const serverUrl = normaliseServerUrl(msg.serverUrl);
  if (!serverUrl) return { ok: false, error: { status: 0, message: "bad-server-url" } };
  const code = String(msg.code || "").trim();
  if (!code || code.length > 64) return { ok: false, error: { status: 0, message: "bad-code" } };
  const answer = await call("POST", "/pair", { code }, { serverUrl, token: null });
  await chrome.storage.local.remove(["status", "alerts", "seenAlerts", "lastSync", "guides"]);
  await updateSettings({ serverUrl, token: answer.token, user: answer.user || null });
  const synced = await refresh();
  return { ok: true, user: answer.user || null, synced };
}

async function proxy(msg) {
  const method = String(msg.method || "GET").toUpperCase();
  if (!METHODS.has(method) || typeof msg.path !== "string" || !PATH_RE.test(msg.path) || msg.path.includes("..")) {
    return { ok: false, error: { status: 0, message: "bad-request" } };
  }
  const data = await call(method, msg.path, msg.body === undefined ? undefined : msg.body);
  if (method !== "GET") await refresh(); // keep badge, popup and panel in step with the change
  return { ok: true, data };
}

async function pageMessage(msg) {
  switch (msg.type) {
    case "sg:pair":
      return pair(msg);
    case "sg:api":
      return proxy(msg);
    case "sg:refresh":
      return refresh();
    case "sg:unpair":
      await forgetPairing();
      await refresh();
      return { ok: true };
    case "sg:set-server": {
      const serverUrl = normaliseServerUrl(msg.serverUrl);
      if (!serverUrl) return { ok: false, error: { status: 0, message: "bad-server-url" } };
      const conf = await settings();
      if (serverUrl !== conf.serverUrl) await forgetPairing();
      await updateSettings({ serverUrl });
      return { ok: true, serverUrl };
    }
    case "sg:show-guides-again":
      await write({ dismissed: {} });
      return { ok: true };
    default:
      return { ok: false, error: { status: 0, message: "unknown-message" } };
  }
}

// ---- content script on Seller Central ----

/** What the panel needs on this page: guide, accounts of this host, the panel's words. */
async function pageContext(url, msg) {
  const lang = typeof msg.lang === "string" ? msg.lang.slice(0, 35) : "";
  const conf = await settings();
  const { status, dismissed, debug } = await read("status", "dismissed", "debug");
  const panel = await panelWords(baseLanguage(lang));
  const base = { ok: true, paired: Boolean(conf.token), panel, debug: { openShadowRoot: Boolean(debug && debug.openShadowRoot) } };
  if (!conf.token) return base;
  const accounts = (status && status.accounts) || [];
  const market = marketplaceFor(url.hostname, lang, accounts);
  if (!market) return base;
  const mine = accounts
    .filter((a) => (a.marketplaces || []).includes(market.code))
    .map((a) => ({
      id: a.id,
      name: a.name,
      next_step: a.next_step || null,
      contacts: (a.contacts || [])
        .filter((c) => c.role === "emergency")
        .map((c) => ({ id: c.id, kind: c.kind, masked: c.masked, amazon_status: c.amazon_status || null })),
    }));
  let guide = null;
  let guideError = null;
  try {
    guide = await guideFor(market.code, baseLanguage(lang) || market.languages[0]);
  } catch (err) {
    guideError = err instanceof ApiError ? err.toJSON() : { status: 0, message: String(err) };
  }
  const until = dismissed && dismissed[url.hostname];
  return {
    ...base,
    marketplace: market.code,
    guide,
    guideError,
    accounts: mine,
    dismissed: Boolean(until && Date.parse(until) > Date.now()),
  };
}

/** Records what the page says about an emergency contact, if it belongs to this host's accounts. */
async function reportStatus(url, msg) {
  if (typeof msg.contactId !== "string" && typeof msg.contactId !== "number") return { ok: false, error: { message: "bad-request" } };
  if (!AMAZON_STATES.has(msg.status)) return { ok: false, error: { message: "bad-request" } };
  const status = await readOne("status");
  const accounts = (status && status.accounts) || [];
  const market = marketplaceFor(url.hostname, msg.lang, accounts);
  const contact = accounts
    .filter((a) => market && (a.marketplaces || []).includes(market.code))
    .flatMap((a) => a.contacts || [])
    .find((c) => String(c.id) === String(msg.contactId) && c.role === "emergency");
  if (!contact) return { ok: false, error: { message: "unknown-contact" } };
  if (contact.amazon_status && contact.amazon_status.status === msg.status) return { ok: true, changed: false };
  await call("PUT", `/contacts/${encodeURIComponent(contact.id)}/amazon-status`, { status: msg.status, source: "extension" });
  await refresh();
  return { ok: true, changed: true };
}

async function contentMessage(url, msg) {
  switch (msg.type) {
    case "sg:page-context":
      return pageContext(url, msg);
    case "sg:report-status":
      return reportStatus(url, msg);
    case "sg:dismiss": {
      const dismissed = (await readOne("dismissed")) || {};
      dismissed[url.hostname] = new Date(Date.now() + DISMISS_HOURS * 3600 * 1000).toISOString();
      await write({ dismissed });
      return { ok: true };
    }
    case "sg:open-manage": {
      const section = ["accounts", "alerts", "pair"].includes(msg.section) ? msg.section : "accounts";
      await chrome.tabs.create({ url: chrome.runtime.getURL(`manage/manage.html#${section}`) });
      return { ok: true };
    }
    default:
      return { ok: false, error: { message: "unknown-message" } };
  }
}

/** The runtime.onMessage listener: answers asynchronously, never throws at the sender. */
export function onMessage(msg, sender, sendResponse) {
  if (!isObject(msg) || typeof msg.type !== "string" || !msg.type.startsWith("sg:")) return false;
  let work;
  if (fromExtensionPage(sender) && !sender.tab?.url?.startsWith("http")) {
    work = pageMessage(msg);
  } else {
    const url = fromSellerCentral(sender);
    if (!url) return false; // not ours to answer
    work = contentMessage(url, msg);
  }
  work.then(sendResponse, (err) => sendResponse(errorAnswer(err)));
  return true;
}
