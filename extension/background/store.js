// Everything the service worker knows lives in chrome.storage.local, never in globals: the worker
// may be stopped at any moment and must come back with the same state.

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

export async function settings() {
  return { ...DEFAULTS.settings, ...(await readOne("settings")) };
}

export async function updateSettings(changes) {
  await write({ settings: { ...(await settings()), ...changes } });
}

/** Forgets the pairing and everything fetched with it. */
export async function forgetPairing() {
  const { serverUrl } = await settings();
  await chrome.storage.local.remove(["status", "alerts", "seenAlerts", "lastSync", "guides"]);
  await write({ settings: { serverUrl, token: null, user: null } });
}
