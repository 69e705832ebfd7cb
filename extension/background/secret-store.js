// The API token, out of content scripts' reach. Content scripts can read chrome.storage.local,
// so the token never goes there: it lives in chrome.storage.session (memory, access level
// TRUSTED_CONTEXTS: extension pages and the worker only) and, so that a browser restart does not
// ask for a new pairing, in the extension origin's IndexedDB, which a content script cannot open
// (its IndexedDB is the web page's). Trade-off: that copy is on disk in the browser profile,
// like every other extension's stored credentials; anyone who can read the profile can read it.
const DB_NAME = "sellerguard-secrets";
const STORE = "secrets";
const KEY = "token";

export function restrictSessionStorage() {
  // the default already; said explicitly so no later change can widen it by accident
  const area = chrome.storage.session;
  if (area && area.setAccessLevel) area.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => {});
}

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function persisted(value) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, value === undefined ? "readonly" : "readwrite");
      const store = tx.objectStore(STORE);
      const request = value === undefined ? store.get(KEY) : value === null ? store.delete(KEY) : store.put(value, KEY);
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The token, or null. */
export async function getToken() {
  const area = chrome.storage.session;
  if (area) {
    const held = (await area.get(KEY))[KEY];
    if (held) return held;
  }
  const stored = (await persisted()) || null;
  if (stored && area) await area.set({ [KEY]: stored });
  return stored;
}

/** Keeps (or with null forgets) the token. */
export async function setToken(token) {
  await persisted(token || null);
  const area = chrome.storage.session;
  if (!area) return;
  if (token) await area.set({ [KEY]: token });
  else await area.remove(KEY);
}
