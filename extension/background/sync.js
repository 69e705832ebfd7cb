// Polls the server: GET /status and GET /alerts?state=open, caches both, updates the badge and
// notifies new alerts. Called by the alarm, after pairing and when a page asks for fresh data.
import { call, ApiError } from "./api.js";
import { showCounts, showOffline, showUnpaired } from "./badge.js";
import { notifyNew } from "./notify.js";
import { forgetPairing, read, settings, write } from "./store.js";

export const ALARM = "sg-poll";
export const PERIOD_MINUTES = 1;

/** Creates the poll alarm only when it is missing (re-creating would reset its schedule). */
export async function ensureAlarm() {
  const existing = await chrome.alarms.get(ALARM);
  if (!existing) await chrome.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: PERIOD_MINUTES });
}

async function allOpenAlerts() {
  const items = [];
  for (let page = 1; page <= 10; page += 1) {
    const answer = await call("GET", `/alerts?state=open&per_page=200&page=${page}`);
    const got = (answer && answer.items) || [];
    items.push(...got);
    if (!answer || items.length >= (answer.total || 0) || got.length === 0) break;
  }
  return items;
}

/** One poll. Returns {ok, error?}. */
export async function refresh() {
  const { token } = await settings();
  if (!token) {
    await showUnpaired();
    return { ok: false, error: { status: 401, message: "not paired" } };
  }
  try {
    const status = await call("GET", "/status");
    let alerts;
    try {
      alerts = await allOpenAlerts();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      alerts = (status && status.alerts) || []; // server without /alerts yet: /status carries them
    }
    const at = new Date().toISOString();
    await write({ status, alerts, lastSync: { at, ok: true, error: null } });
    await showCounts(status, alerts);
    await notifyNew(alerts);
    return { ok: true };
  } catch (err) {
    const error = err instanceof ApiError ? err.toJSON() : { status: 0, message: String(err) };
    // Keep when the server last answered, so pages can say how old what they show is.
    const { lastSync } = await read("lastSync");
    const lastOkAt = lastSync ? (lastSync.ok ? lastSync.at : lastSync.lastOkAt || null) : null;
    await write({ lastSync: { at: new Date().toISOString(), ok: false, error, lastOkAt } });
    if (err instanceof ApiError && err.status === 401) {
      await forgetPairing(); // the token was revoked: ask to pair again
      await showUnpaired();
    } else {
      await showOffline();
    }
    return { ok: false, error };
  }
}
