// Content scripts for the Seller Central hosts the seller granted as optional permissions.
// The hosts in the manifest get the script statically; the others are registered here, when the
// permission is granted, and unregistered when it is withdrawn.
import { STATIC_HOSTS, allHosts } from "../lib/marketplaces.js";

const SCRIPT_ID = "sg-guide-optional";
const FILES = ["content/detect.js", "content/panel.js", "content/main.js"];

function hostOf(origin) {
  const m = /^https:\/\/([^/]+)\/\*$/.exec(origin);
  return m ? m[1] : null;
}

/** Makes the registered script match exactly the granted optional Seller Central hosts. */
export async function syncOptionalScripts() {
  if (!chrome.scripting || !chrome.scripting.registerContentScripts) return;
  const granted = (await chrome.permissions.getAll()).origins || [];
  const known = new Set(allHosts().filter((h) => !STATIC_HOSTS.includes(h)));
  const matches = granted.filter((o) => known.has(hostOf(o)));
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) return;
  await chrome.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: FILES, runAt: "document_idle", persistAcrossSessions: true },
  ]);
}
