// Guides for the in-page panel: which marketplace a Seller Central host and page language mean,
// the guide from GET /guides (cached per marketplace and language), and the panel's own words.
import { byHost } from "../lib/marketplaces.js";
import { call } from "./api.js";
import { readOne, write } from "./store.js";

const GUIDE_TTL_MS = 6 * 60 * 60 * 1000;
const PANEL_LANGUAGES = ["en", "zh_CN", "de", "ja"];

/** "de-DE" → "de", "zh-Hans-CN"/"zh-CN" → "zh_CN". */
export function baseLanguage(tag) {
  const parts = String(tag || "").toLowerCase().split(/[-_]/);
  if (parts[0] === "zh") return "zh_CN";
  return parts[0] || "en";
}

/**
 * The marketplace a page belongs to: the host's own, or, on the unified European host, the one
 * of the seller's accounts (or the page language) that fits.
 */
export function marketplaceFor(host, lang, accounts) {
  const served = byHost(host);
  if (served.length <= 1) return served[0] || null;
  const own = new Set((accounts || []).flatMap((a) => a.marketplaces || []));
  const mine = served.filter((m) => own.has(m.code));
  const pool = mine.length ? mine : served;
  return pool.find((m) => m.languages[0] === baseLanguage(lang)) || pool[0];
}

/** The guide answer for a marketplace and language, from cache when fresh. */
export async function guideFor(code, lang) {
  const key = `${code}:${lang}`;
  const cache = (await readOne("guides")) || {};
  const hit = cache[key];
  if (hit && Date.now() - hit.fetchedAt < GUIDE_TTL_MS) return hit.data;
  try {
    const data = await call("GET", `/guides?marketplace=${encodeURIComponent(code)}&lang=${encodeURIComponent(lang)}`);
    cache[key] = { fetchedAt: Date.now(), data };
    await write({ guides: cache });
    return data;
  } catch (err) {
    if (hit) return hit.data; // offline: an old guide beats none
    throw err;
  }
}

/** The panel's words (keys starting with "panel") in the page's language, from _locales. */
export async function panelWords(lang) {
  const chosen = PANEL_LANGUAGES.includes(lang) ? lang : "en";
  const load = async (l) => (await fetch(chrome.runtime.getURL(`_locales/${l}/messages.json`))).json();
  const base = await load("en");
  const own = chosen === "en" ? base : await load(chosen);
  const words = {};
  for (const [key, entry] of Object.entries(base)) {
    if (key.startsWith("panel")) words[key] = (own[key] || entry).message;
  }
  return { lang: chosen, dir: lang === "ar" ? "rtl" : "ltr", words };
}
