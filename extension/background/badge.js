// The toolbar badge: open alerts plus pending steps, red when an alert is open.
import { t } from "../lib/i18n.js";

export async function showCounts(status, alerts) {
  const openAlerts = alerts ? alerts.length : (status && status.counts && status.counts.open_alerts) || 0;
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
