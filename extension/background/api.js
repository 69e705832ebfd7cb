// The only place that talks to the SellerGuard server. Pages and content scripts ask the service
// worker, which calls this; the token never leaves the extension's own storage.
import { settings } from "./store.js";

const TIMEOUT_MS = 15000;

/** A failed call, carrying the server's problem+json fields when there are any. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem || null;
  }

  toJSON() {
    return { status: this.status, message: this.message, problem: this.problem };
  }
}

/** Checks a server address: http(s) only, and plain http only to this computer or the LAN. */
export function normaliseServerUrl(raw) {
  let url;
  try {
    url = new URL(String(raw || "").trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.protocol === "http:" && !isLocal(url.hostname)) return null;
  return url.origin;
}

function isLocal(host) {
  return (
    host === "localhost" ||
    host === "[::1]" ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host.endsWith(".local")
  );
}

/**
 * One API call: `path` under /api/v1, JSON in and out. Throws ApiError (status 0 when the server
 * cannot be reached).
 */
export async function call(method, path, body, { serverUrl, token } = {}) {
  const conf = await settings();
  const base = serverUrl || conf.serverUrl;
  const auth = token === undefined ? conf.token : token;
  const headers = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth) headers.Authorization = `Bearer ${auth}`;
  let response;
  try {
    response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    // `server` lets pages say which address did not answer, in words rather than the browser's.
    throw new ApiError(0, { title: "unreachable", detail: String(err && err.message ? err.message : err), server: base });
  }
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * A conditional GET: sends `etag` as If-None-Match. Answers {notModified: true} on a 304 (the
 * server did nothing but compare its data version), else {data, etag}. Throws like call().
 */
export async function getIfChanged(path, etag) {
  const conf = await settings();
  const headers = { Accept: "application/json, application/problem+json" };
  if (conf.token) headers.Authorization = `Bearer ${conf.token}`;
  if (etag) headers["If-None-Match"] = etag;
  let response;
  try {
    response = await fetch(`${conf.serverUrl}/api/v1${path}`, {
      headers, credentials: "omit", cache: "no-store", signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new ApiError(0, { title: "unreachable", detail: String(err && err.message ? err.message : err), server: conf.serverUrl });
  }
  if (response.status === 304) return { notModified: true };
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, etag: response.headers.get("ETag") };
}
