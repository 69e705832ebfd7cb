// Announcement sources the monitor watches: list with health, add, check now, remove.
import { h, replace } from "../lib/dom.js";
import { t, when } from "../lib/i18n.js";
import { act, all, api, failedPart } from "./client.js";

/** What "Check now" found, in the row: entries and the latest titles, or why it failed. The check
 * stores nothing on the server, so the list is not reloaded. */
function showCheck(holder, r) {
  if (r.ok) {
    holder.className = "check-result ok";
    const titles = (r.sample || []).map((e) => e.title).filter(Boolean).slice(0, 3);
    replace(holder, t("checkFound", r.entries ?? 0),
      titles.length ? h("span", { class: "muted" }, ` ${t("checkLatest")} `, titles.join(" · ")) : null);
  } else {
    holder.className = "check-result error";
    replace(holder, t("checkFailed", r.error || r.state || t("unknownError")));
  }
  holder.hidden = false;
}

async function checkNow(event, s, holder) {
  const button = event.currentTarget;
  button.disabled = true;
  holder.className = "check-result muted";
  replace(holder, t("checking"));
  holder.hidden = false;
  try {
    const r = await act(() => api("POST", `/sources/${s.id}/check`));
    if (r) showCheck(holder, r);
    else holder.hidden = true; // act() said why in the page's message line
  } finally {
    button.disabled = false;
  }
}

function sourceRow(s, refresh) {
  const health = s.health || {};
  const result = h("div", { class: "check-result", role: "status", hidden: true });
  return h("tr", {},
    h("td", {}, s.name, h("br"), h("span", { class: "muted" }, s.url)),
    h("td", {}, s.kind, " · ", s.language || "", " · ", (s.marketplaces || []).join(", "), " · ", s.interval || ""),
    h("td", {}, s.enabled === false
      ? h("span", { class: "muted" }, t("sourcePaused"))
      : h("span", { class: ["ok", "not_modified"].includes(health.state) ? "ok" : (!health.state || health.state === "new") ? "muted" : "bad" }, health.state || "—"),
      health.last_success_at ? h("div", { class: "muted" }, when(health.last_success_at)) : null,
      health.last_error ? h("div", { class: "error" }, health.last_error) : null,
      result),
    h("td", {},
      h("button", { type: "button", onclick: (event) => checkNow(event, s, result) }, t("checkNow")),
      s.shared ? null : h("button", { type: "button", class: "danger", onclick: async () => {
        if (!confirm(t("confirmDelete", s.name))) return;
        if ((await act(() => api("DELETE", `/sources/${s.id}`), t("deleted"))) !== undefined) await refresh();
      } }, t("delete"))));
}

function sourceForm(refresh, kinds) {
  const field = (id, label, input) => h("label", { for: id }, label, input);
  const name = h("input", { id: "src-name", required: true, maxlength: 200 });
  // the kinds come from the server's registry (GET /sources/kinds)
  const kind = h("select", { id: "src-kind" }, kinds.map((k) => h("option", { value: k.kind, title: k.summary || "" }, k.kind)));
  const url = h("input", { id: "src-url", type: "url", required: true, size: 36 });
  // a mailbox (imap): user name, app password (never shown again: the server masks it), folder
  const mailUser = h("input", { id: "src-mail-user", autocomplete: "off", size: 24 });
  const mailPass = h("input", { id: "src-mail-pass", type: "password", autocomplete: "new-password", size: 16 });
  const mailFolder = h("input", { id: "src-mail-folder", size: 10, value: "INBOX" });
  const mailBox = h("fieldset", { hidden: true }, h("legend", {}, t("mailboxSettings")),
    field("src-mail-user", t("mailboxUser"), mailUser), field("src-mail-pass", t("mailboxAppPassword"), mailPass),
    field("src-mail-folder", t("mailboxFolder"), mailFolder));
  const syncKind = () => {
    const mail = kind.value === "imap";
    mailBox.hidden = !mail;
    url.type = mail ? "text" : "url";
    url.placeholder = mail ? "imaps://imap.example.com:993/INBOX" : "";
  };
  kind.addEventListener("change", syncKind);
  const lang = h("input", { id: "src-lang", maxlength: 8, size: 5, placeholder: "en" });
  const markets = h("input", { id: "src-markets", size: 10, placeholder: "US, DE" });
  const interval = h("input", { id: "src-interval", size: 5, value: "30m" });
  const official = h("input", { id: "src-official", type: "checkbox" });
  const form = h("form", { class: "inline" },
    field("src-name", t("name"), name), field("src-kind", t("kind"), kind), field("src-url", t("url"), url),
    field("src-lang", t("language"), lang), field("src-markets", t("marketplaces"), markets),
    field("src-interval", t("interval"), interval), field("src-official", t("official"), official),
    mailBox, h("button", { type: "submit" }, t("addSource")));
  syncKind();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      name: name.value, kind: kind.value, url: url.value, interval: interval.value || undefined, official: official.checked,
      language: lang.value || undefined,
      marketplaces: markets.value.split(/[\s,]+/).map((m) => m.trim().toUpperCase()).filter(Boolean),
    };
    if (kind.value === "imap") body.settings = { username: mailUser.value, password: mailPass.value, folder: mailFolder.value || "INBOX" };
    if (await act(() => api("POST", "/sources", body), t("saved"))) {
      mailPass.value = "";
      await refresh();
    }
  });
  return form;
}

export async function renderSources(container, refresh) {
  let list;
  try {
    const sources = await all("/sources");
    list = sources.length
      ? h("table", {}, h("thead", {}, h("tr", {}, [t("name"), t("settings"), t("health"), t("actions")].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, sources.map((s) => sourceRow(s, refresh))))
      : h("p", { class: "muted" }, t("noSources"));
  } catch (err) {
    list = failedPart(err);
  }
  let kinds = [{ kind: "feed" }, { kind: "html" }];
  try {
    kinds = (await api("GET", "/sources/kinds")).items || kinds;
  } catch {
    // an older server without the registry route: the two kinds it always had
  }
  replace(container, list, h("h3", {}, t("addSource")), sourceForm(refresh, kinds));
}
