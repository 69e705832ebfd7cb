// The toolbar badge: open policy alerts plus pending steps, red when a policy alert is open.
// Source-health alerts (a feed that broke or recovered) are listed in the popup but do not raise
// the badge: the seller cannot act on them, and without a network every source breaks at once.
import { t } from "../lib/i18n.js";

export async function showCounts(status, alerts) {
  const openAlerts = alerts
    ? alerts.filter((a) => String(a.kind || "").startsWith("policy")).length
    : (status && status.counts && status.counts.policy_alerts) || 0;
  const pending = (status && status.counts && status.counts.pending_steps) || 0;
  const total = openAlerts + pending;
  await chrome.action.setBadgeText({ text: total ? String(Math.min(total, 999)) : "" });
  await chrome.action.setBadgeBackgroundColor({ color: openAlerts ? "#B3261E" : "#8A5300" });
  if (chrome.action.setBadgeTextColor) await chrome.action.setBadgeTextColor({ color: "#FFFFFF" });
  await chrome.action.setTitle({ title: t("badgeTitle", openAlerts, pending) });
}

export async function showUnpaired() {
  await chrome.action.setBadgeText({ text: "" });
  await chrome.action.setTitle({ title: t("badgeUnpaired") });
}

export async function showOffline() {
  await chrome.action.setBadgeText({ text: "!" });
  await chrome.action.setBadgeBackgroundColor({ color: "#5F6368" });
  await chrome.action.setTitle({ title: t("badgeOffline") });
}
