// SellerGuard's service worker: every listener is registered here, at the top level, so an event
// that wakes the worker finds its listener. Each concern lives in its own module; no module keeps
// state in globals (see store.js).
import { onMessage } from "./messages.js";
import { targetFor } from "./notify.js";
import { syncOptionalScripts } from "./content-scripts.js";
import { restrictSessionStorage } from "./secret-store.js";
import { settings } from "./store.js";
import { ALARM, ensureAlarm, refresh } from "./sync.js";

restrictSessionStorage();

chrome.runtime.onInstalled.addListener(async (details) => {
  await ensureAlarm();
  await syncOptionalScripts();
  const { token } = await settings();
  if (details.reason === "install" && !token) {
    // First run: open the manage page on pairing.
    await chrome.tabs.create({ url: chrome.runtime.getURL("manage/manage.html#pair") });
  }
  await refresh();
});

chrome.runtime.onStartup.addListener(async () => {
  await ensureAlarm();
  await refresh();
});

chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name === ALARM) await refresh();
});

chrome.notifications.onClicked.addListener(async (id) => {
  const url = await targetFor(id);
  if (url) await chrome.tabs.create({ url });
  await chrome.notifications.clear(id);
});

chrome.runtime.onMessage.addListener(onMessage);

chrome.permissions.onAdded.addListener(() => syncOptionalScripts());
chrome.permissions.onRemoved.addListener(() => syncOptionalScripts());

// A worker woken by anything makes sure the alarm exists (e.g. after the browser cleared it).
ensureAlarm();
