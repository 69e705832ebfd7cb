// Localisation through _locales (chrome.i18n): t() for code, data-i18n attributes for pages.

/** The message `key` in the browser's language, with $1…$9 substitutions; the key if missing. */
export function t(key, ...subs) {
  const text = chrome.i18n.getMessage(key, subs.map((s) => String(s)));
  return text || key;
}

/**
 * Fills every [data-i18n] element's text, and [data-i18n-attr="attr:key,attr:key"] attributes,
 * then sets <html lang/dir> to the UI language.
 */
export function localizePage(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(",")) {
      const [attr, key] = pair.split(":").map((s) => s.trim());
      el.setAttribute(attr, t(key));
    }
  }
  const lang = chrome.i18n.getUILanguage();
  document.documentElement.lang = lang;
  document.documentElement.dir = chrome.i18n.getMessage("@@bidi_dir") || "ltr";
}

/** A date-time for people, in the UI language; "" for nothing. */
export function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(chrome.i18n.getUILanguage(), { dateStyle: "medium", timeStyle: "short" });
}

/** A date (YYYY-MM-DD) for people. */
export function day(iso) {
  if (!iso) return "";
  const d = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleDateString(chrome.i18n.getUILanguage(), { dateStyle: "medium", timeZone: "UTC" });
}
