// The manage page (a full tab): connection, accounts and contacts, alerts and policies, sources
// and channels. Sections render from the server through the service worker; #policy=ID and
// #account=ID deep-link into them (notifications and the popup use these).
import { replace } from "../lib/dom.js";
import { localizePage, t } from "../lib/i18n.js";
import { openAccount, renderAccounts } from "./accounts.js";
import { failedPart, isUnreachable } from "./client.js";
import { renderAlerts } from "./alerts.js";
import { renderChannels } from "./channels.js";
import { renderMailCheck } from "./mailcheck.js";
import { renderPairing } from "./pairing.js";
import { renderSources } from "./sources.js";

const body = (id) => document.querySelector(`#${id} .body`);

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const [key, value] = hash.split("=");
  return { key, value };
}

/** Renders one section; returns false when the server could not be reached. A section that cannot
 * load says so briefly: the connection section says once, in full, what is wrong. */
async function section(id, fn) {
  try {
    await fn(body(id));
    return true;
  } catch (err) {
    replace(body(id), failedPart(err));
    return !isUnreachable(err);
  }
}

async function renderAll() {
  // aria-busy while sections load (assistive tech waits; so can tests); a counter because a
  // change may start a render while another is running.
  const main = document.getElementById("main");
  main.dataset.renders = String(Number(main.dataset.renders || 0) + 1);
  main.setAttribute("aria-busy", "true");
  try {
    await renderSections();
  } finally {
    main.dataset.renders = String(Number(main.dataset.renders) - 1);
    if (main.dataset.renders === "0") main.removeAttribute("aria-busy");
  }
}

async function renderSections() {
  const { settings } = await chrome.storage.local.get("settings");
  const paired = Boolean(settings && settings.token);
  const { key, value } = route();
  await section("pair", (el) => renderPairing(el, renderAll));
  const rest = ["accounts", "alerts", "sources", "channels", "mailcheck"];
  for (const id of rest) document.getElementById(id).hidden = !paired;
  if (!paired) {
    document.getElementById("pair-code")?.focus();
    return;
  }
  if (key === "account" && value) openAccount(value); // a deep link opens that account
  const reached = await Promise.all([
    section("accounts", (el) => renderAccounts(el, () => section("accounts", (e) => renderAccounts(e, renderAll)))),
    section("alerts", (el) => renderAlerts(el, () => section("alerts", (e) => renderAlerts(e, renderAll)), { policyId: key === "policy" ? value : null })),
    section("sources", (el) => renderSources(el, () => section("sources", (e) => renderSources(e, renderAll)))),
    section("channels", (el) => renderChannels(el, () => section("channels", (e) => renderChannels(e, renderAll)))),
    section("mailcheck", (el) => renderMailCheck(el)),
  ]);
  // Nothing answered: a poll records it (badge, popup, and the connection section through the
  // storage listener below).
  if (reached.includes(false)) chrome.runtime.sendMessage({ type: "sg:refresh" });
  if (key === "account" || key === "alert") {
    const target = document.getElementById(`${key}-${value}`);
    if (target) {
      target.classList.add("highlight");
      target.scrollIntoView({ block: "start" });
    }
  } else if (key && key !== "policy" && document.getElementById(key)) {
    document.getElementById(key).scrollIntoView({ block: "start" });
  }
}

// The server went away: the connection section says so. It came back: everything reloads.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== "local" || !changes.lastSync) return;
  const before = changes.lastSync.oldValue;
  const after = changes.lastSync.newValue;
  if (!after) return;
  if (after.ok && before && !before.ok) renderAll();
  else if (!after.ok && (!before || before.ok)) section("pair", (el) => renderPairing(el, renderAll));
});

localizePage();
document.title = t("manageTitle");
// Deep links (#policy=ID, #account=ID, #alert=ID) need the sections rendered for them; a plain
// section link (#sources) is an ordinary anchor and must not reload the page's forms under the
// seller's typing.
window.addEventListener("hashchange", () => {
  if (["policy", "account", "alert"].includes(route().key)) renderAll();
});
renderAll();
