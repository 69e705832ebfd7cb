// Polls the server: GET /status and GET /alerts?state=open, caches both, updates the badge and
// notifies new alerts. Called by the alarm, after pairing and when a page asks for fresh data.
// Both are conditional GETs: the ETags of the cached answers go back as If-None-Match, and a
// 304 (nothing changed: the server compared one number) keeps the cache as it is. /status is one
// page (accounts needing action first) plus counts over every account, whatever their number.
import { call, getIfChanged, ApiError } from "./api.js";
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

export const STATUS_PATH = "/status?per_page=25";
const ALERTS_PATH = "/alerts?state=open&per_page=200";

/** The open alerts: unchanged (null) when the first page's ETag still holds, else every page. */
async function openAlertsIfChanged(etag) {
  const first = await getIfChanged(`${ALERTS_PATH}&page=1`, etag);
  if (first.notModified) return null;
  const items = [...((first.data && first.data.items) || [])];
  for (let page = 2; page <= 10 && items.length < ((first.data && first.data.total) || 0); page += 1) {
    const answer = await call("GET", `${ALERTS_PATH}&page=${page}`);
    const got = (answer && answer.items) || [];
    items.push(...got);
    if (got.length === 0) break;
  }
  return { items, etag: first.etag };
}

/** One poll. Returns {ok, error?}. */
export async function refresh() {
  const { token } = await settings();
  if (!token) {
    await showUnpaired();
    return { ok: false, error: { status: 401, message: "not paired" } };
  }
  try {
    const cached = await chrome.storage.local.get(["status", "alerts", "etags"]);
    // an ETag only goes with the answer it came with (pairing again drops the cached answers)
    const etags = (cached.etags && cached.status) ? cached.etags : {};
    const fresh = await getIfChanged(STATUS_PATH, etags.status);
    const status = fresh.notModified ? cached.status : fresh.data;
    let alerts;
    let alertsEtag = cached.alerts ? etags.alerts : null;
    try {
      const got = await openAlertsIfChanged(alertsEtag);
      alerts = got ? got.items : cached.alerts;
      if (got) alertsEtag = got.etag;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      alerts = (status && status.alerts) || []; // server without /alerts yet: /status carries them
    }
    const at = new Date().toISOString();
    await write({ status, alerts, etags: { status: fresh.notModified ? etags.status : fresh.etag, alerts: alertsEtag },
      lastSync: { at, ok: true, error: null } });
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
