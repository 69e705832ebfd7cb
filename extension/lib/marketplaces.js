// The marketplace catalogue the extension needs offline: code → Seller Central hosts and languages.
// Mirrors monitor/data/marketplaces.json (tests/e2e/test_manifest.py keeps the two in step).
// hosts[0] is the marketplace's own host; several European marketplaces share the unified one.
export const EU_UNIFIED_HOST = "sellercentral-europe.amazon.com";

export const MARKETPLACES = [
  { code: "US", hosts: ["sellercentral.amazon.com"], languages: ["en", "es"] },
  { code: "CA", hosts: ["sellercentral.amazon.ca"], languages: ["en", "fr"] },
  { code: "MX", hosts: ["sellercentral.amazon.com.mx"], languages: ["es"] },
  { code: "BR", hosts: ["sellercentral.amazon.com.br"], languages: ["pt"] },
  { code: "UK", hosts: ["sellercentral.amazon.co.uk", EU_UNIFIED_HOST], languages: ["en"] },
  { code: "IE", hosts: ["sellercentral.amazon.ie", EU_UNIFIED_HOST], languages: ["en"] },
  { code: "DE", hosts: ["sellercentral.amazon.de", EU_UNIFIED_HOST], languages: ["de"] },
  { code: "FR", hosts: ["sellercentral.amazon.fr", EU_UNIFIED_HOST], languages: ["fr"] },
  { code: "IT", hosts: ["sellercentral.amazon.it", EU_UNIFIED_HOST], languages: ["it"] },
  { code: "ES", hosts: ["sellercentral.amazon.es", EU_UNIFIED_HOST], languages: ["es"] },
  { code: "NL", hosts: ["sellercentral.amazon.nl", EU_UNIFIED_HOST], languages: ["nl"] },
  { code: "BE", hosts: ["sellercentral.amazon.com.be", EU_UNIFIED_HOST], languages: ["nl", "fr"] },
  { code: "SE", hosts: ["sellercentral.amazon.se", EU_UNIFIED_HOST], languages: ["sv"] },
  { code: "PL", hosts: ["sellercentral.amazon.pl", EU_UNIFIED_HOST], languages: ["pl"] },
  { code: "TR", hosts: ["sellercentral.amazon.com.tr"], languages: ["tr"] },
  { code: "AE", hosts: ["sellercentral.amazon.ae"], languages: ["en", "ar"] },
  { code: "SA", hosts: ["sellercentral.amazon.sa"], languages: ["ar", "en"] },
  { code: "EG", hosts: ["sellercentral.amazon.eg"], languages: ["ar", "en"] },
  { code: "IN", hosts: ["sellercentral.amazon.in"], languages: ["en", "hi"] },
  { code: "JP", hosts: ["sellercentral-japan.amazon.com", "sellercentral.amazon.co.jp"], languages: ["ja"] },
  { code: "AU", hosts: ["sellercentral.amazon.com.au"], languages: ["en"] },
  { code: "SG", hosts: ["sellercentral.amazon.sg"], languages: ["en"] },
  { code: "ZA", hosts: ["sellercentral.amazon.co.za"], languages: ["en"] },
];

// Hosts whose content script ships in the manifest (required host permissions); every other
// Seller Central host is an optional permission, asked for when the seller adds such an account.
export const STATIC_HOSTS = [
  "sellercentral.amazon.com",
  EU_UNIFIED_HOST,
  "sellercentral.amazon.de",
  "sellercentral.amazon.co.uk",
  "sellercentral-japan.amazon.com",
  "sellercentral.amazon.co.jp",
];

/** Every Seller Central host, each once. */
export function allHosts() {
  return [...new Set(MARKETPLACES.flatMap((m) => m.hosts))];
}

/** The marketplace with this code (UK also as GB), or null. */
export function byCode(code) {
  const key = String(code || "").toUpperCase() === "GB" ? "UK" : String(code || "").toUpperCase();
  return MARKETPLACES.find((m) => m.code === key) || null;
}

/** Marketplaces served by a host (the unified European host serves many). */
export function byHost(host) {
  const h = String(host || "").toLowerCase();
  return MARKETPLACES.filter((m) => m.hosts.includes(h));
}

/** Match patterns of the optional hosts needed for these marketplace codes. */
export function optionalOriginsFor(codes) {
  const origins = new Set();
  for (const code of codes) {
    const m = byCode(code);
    if (!m) continue;
    for (const host of m.hosts) {
      if (!STATIC_HOSTS.includes(host)) origins.add(`https://${host}/*`);
    }
  }
  return [...origins];
}
