// Everything the service worker knows lives in chrome.storage.local, never in globals: the worker
// may be stopped at any moment and must come back with the same state. The one exception is the
// API token, which content scripts must not read: it lives in secret-store.js, and
// settings.token in storage.local is only `true` ("paired"), never the secret.
import { getToken, setToken } from "./secret-store.js";

export const DEFAULT_SERVER = "http://127.0.0.1:8750";

const DEFAULTS = {
  settings: { serverUrl: DEFAULT_SERVER, token: null, user: null },
  status: null, // last GET /status answer
  alerts: null, // last GET /alerts?state=open answer (list of alerts)
  seenAlerts: [], // alert ids already notified, so a restart never notifies twice
  lastSync: null, // {at, ok, error}
  guides: {}, // "DE:de" → {fetchedAt, data}
  dismissed: {}, // host → ISO time until which the in-page panel stays closed
  debug: {}, // test-only switches, e.g. {openShadowRoot: true}; never set by the extension itself
};

/** Reads keys (with defaults). */
export async function read(...keys) {
  const wanted = Object.fromEntries(keys.map((k) => [k, DEFAULTS[k]]));
  return chrome.storage.local.get(wanted);
}

export async function readOne(key) {
  return (await read(key))[key];
}

export async function write(values) {
  await chrome.storage.local.set(values);
}

async function storedSettings() {
  const stored = { ...DEFAULTS.settings, ...(await readOne("settings")) };
  if (typeof stored.token === "string") {
    // written by an older version: move the secret out of storage.local
    await setToken(stored.token);
    stored.token = true;
    await write({ settings: stored });
  }
  return stored;
}

/** The settings with the real token (for the worker's own use only). */
export async function settings() {
  const stored = await storedSettings();
  return { ...stored, token: stored.token ? await getToken() : null };
}

export async function updateSettings(changes) {
  const next = { ...(await storedSettings()), ...changes };
  if ("token" in changes) {
    await setToken(changes.token || null);
    next.token = changes.token ? true : null;
  }
  await write({ settings: next });
}

/** Forgets the pairing and everything fetched with it. */
export async function forgetPairing() {
  const { serverUrl } = await settings();
  await chrome.storage.local.remove(["status", "alerts", "seenAlerts", "lastSync", "guides"]);
  await setToken(null);
  await write({ settings: { serverUrl, token: null, user: null } });
}
