// Connection: the server address and the pairing code → a token kept by the service worker.
import { h, replace } from "../lib/dom.js";
import { t, when } from "../lib/i18n.js";
import { errorText } from "../lib/status-words.js";
import { act, ask, flash } from "./client.js";

/** Asks for the server's origin as a host permission when it is not one the manifest grants. */
async function permitServer(serverUrl) {
  let origin;
  try {
    origin = `${new URL(serverUrl).origin}/*`;
  } catch {
    return false;
  }
  if (await chrome.permissions.contains({ origins: [origin] })) return true;
  return chrome.permissions.request({ origins: [origin] });
}

/** The Seller Central hosts the manifest asks for. Chrome grants them at install; Firefox treats
 * host permissions as optional, so the seller may have to allow them here for the guide to run. */
function sellerCentralOrigins() {
  return (chrome.runtime.getManifest().host_permissions || []).filter((o) => o.startsWith("https://"));
}

async function sellerCentralAccess() {
  const origins = sellerCentralOrigins();
  if (!origins.length || (await chrome.permissions.contains({ origins }))) return null;
  return h("p", { id: "sc-access", class: "error" }, t("sellerCentralNotAllowed"), " ",
    h("button", { type: "button", onclick: async (event) => {
      if (await chrome.permissions.request({ origins })) event.target.closest("p").remove();
    } }, t("allowSellerCentral")));
}

export async function renderPairing(container, onPaired) {
  const { settings, lastSync } = await chrome.storage.local.get(["settings", "lastSync"]);
  const conf = settings || { serverUrl: "http://127.0.0.1:8750" };
  const server = h("input", { id: "server-url", type: "url", required: true, value: conf.serverUrl || "http://127.0.0.1:8750", size: 32, autocomplete: "url" });
  const code = h("input", { id: "pair-code", type: "text", required: !conf.token, autocomplete: "one-time-code", placeholder: "ABCD-EFGH", size: 14, spellcheck: "false" });
  const form = h("form", { class: "inline", id: "pair-form" },
    h("label", { for: "server-url" }, t("serverAddress"), server),
    h("label", { for: "pair-code" }, t("pairingCode"), code),
    h("button", { type: "submit", class: "primary" }, conf.token ? t("pairAgain") : t("pair")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // The permission prompt must come straight from the click, before anything is awaited.
    const permitted = permitServer(server.value);
    if (!(await permitted)) {
      flash(t("serverPermissionDenied"), true);
      return;
    }
    const done = await act(() => ask({ type: "sg:pair", serverUrl: server.value, code: code.value }));
    if (done) {
      flash(t("pairedAs", (done.user && done.user.name) || ""));
      code.value = "";
      await onPaired();
    }
  });
  const state = conf.token
    ? h("p", { id: "pair-state", class: "ok" }, t("pairedWith", conf.serverUrl, (conf.user && conf.user.name) || ""))
    : h("p", { id: "pair-state", class: "bad" }, t("notPairedLong"));
  const sync = !lastSync ? null
    : lastSync.ok ? h("p", { class: "muted" }, t("lastSync", when(lastSync.at)))
      : h("p", { class: "error", role: "alert" },
        lastSync.error && lastSync.error.status === 0 ? errorText(lastSync.error) : `${t("syncFailed")}: ${errorText(lastSync.error)}`,
        lastSync.lastOkAt ? ` ${t("showingFrom", when(lastSync.lastOkAt))}` : "");
  const unpair = conf.token
    ? h("button", { type: "button", class: "danger", onclick: async () => {
        await act(() => ask({ type: "sg:unpair" }), t("unpaired"));
        await onPaired();
      } }, t("unpair"))
    : null;
  replace(container, state, sync, await sellerCentralAccess(), h("p", { class: "muted" }, t("pairHelp")), form, unpair);
}
