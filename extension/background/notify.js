// One system notification per new alert, with a stable id (sg-alert-<id>) so a repeat replaces
// instead of stacking; clicking it opens the manage page on that policy.
import { t } from "../lib/i18n.js";
import { readOne, write } from "./store.js";

const PREFIX = "sg-alert-";
const MAX_SEEN = 500;

export function notificationId(alertId) {
  return `${PREFIX}${alertId}`;
}

/** Notifies the alerts not notified before; remembers them in storage. */
export async function notifyNew(alerts) {
  const seen = new Set(await readOne("seenAlerts"));
  const fresh = alerts.filter((a) => !seen.has(String(a.id)));
  for (const alert of fresh) {
    const message = alert.body || (alert.facts && alert.facts.where) || t("notifyOpenToRead");
    // Notifications render plain text only: nothing here can become markup.
    await chrome.notifications.create(notificationId(alert.id), {
      type: "basic",
      iconUrl: chrome.runtime.getURL("icons/icon-128.png"),
      title: String(alert.title || t("alertUntitled")).slice(0, 200),
      message: String(message).slice(0, 400),
      contextMessage: "SellerGuard",
      priority: String(alert.kind || "").startsWith("source_") ? 0 : 2,
    });
    seen.add(String(alert.id));
  }
  if (fresh.length) await write({ seenAlerts: [...seen].slice(-MAX_SEEN) });
  return fresh.length;
}

/** The manage-page URL a notification leads to. */
export async function targetFor(notificationIdValue) {
  if (!notificationIdValue.startsWith(PREFIX)) return null;
  const alertId = notificationIdValue.slice(PREFIX.length);
  const alerts = (await readOne("alerts")) || [];
  const alert = alerts.find((a) => String(a.id) === alertId);
  const hash = alert && alert.policy_id ? `#policy=${encodeURIComponent(alert.policy_id)}` : `#alert=${encodeURIComponent(alertId)}`;
  return chrome.runtime.getURL(`manage/manage.html${hash}`);
}
