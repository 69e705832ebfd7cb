// Notification channels (Apprise URLs): list with secrets masked by the server, add, test, remove.
import { h, replace } from "../lib/dom.js";
import { t, when } from "../lib/i18n.js";
import { act, all, api, failedPart, flash } from "./client.js";

const PURPOSES = ["alerts", "sms", "email"];

/** The server answers 200 {ok, error} for a test that reached Apprise: say which it was. */
async function testChannel(c) {
  const r = await act(() => api("POST", `/channels/${c.id}/test`));
  if (!r) return; // act() showed the server's problem
  if (r.ok) flash(t("testSent"));
  else flash(t("testFailed", r.error || t("unknownError")), true);
}

function channelRow(c, refresh) {
  return h("tr", {},
    h("td", {}, c.name), h("td", {}, h("code", {}, c.url)), h("td", {}, (c.purposes || []).map((p) => t(`purpose_${p}`)).join(", ")), h("td", {}, when(c.created_at)),
    h("td", {},
      h("button", { type: "button", onclick: () => testChannel(c) }, t("test")),
      h("button", { type: "button", class: "danger", onclick: async () => {
        if (!confirm(t("confirmDelete", c.name))) return;
        if ((await act(() => api("DELETE", `/channels/${c.id}`), t("deleted"))) !== undefined) await refresh();
      } }, t("delete"))));
}

function channelForm(refresh) {
  const name = h("input", { id: "ch-name", required: true, maxlength: 200 });
  const url = h("input", { id: "ch-url", required: true, size: 40, placeholder: "mailto://user:pass@example.com", autocomplete: "off", spellcheck: "false" });
  const boxes = PURPOSES.map((p) => h("label", { for: `ch-${p}` }, h("input", { type: "checkbox", id: `ch-${p}`, value: p, checked: p === "alerts" }), t(`purpose_${p}`)));
  const form = h("form", { class: "inline" },
    h("label", { for: "ch-name" }, t("name"), name),
    h("label", { for: "ch-url" }, t("appriseUrl"), url),
    h("fieldset", {}, h("legend", {}, t("purposes")), h("div", { class: "markets" }, boxes)),
    h("button", { type: "submit" }, t("addChannel")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const purposes = [...form.querySelectorAll("fieldset input:checked")].map((i) => i.value);
    if (await act(() => api("POST", "/channels", { name: name.value, url: url.value, purposes }), t("saved"))) {
      url.value = "";
      await refresh();
    }
  });
  return form;
}

export async function renderChannels(container, refresh) {
  let list;
  try {
    const channels = await all("/channels");
    list = channels.length
      ? h("table", {}, h("thead", {}, h("tr", {}, [t("name"), t("url"), t("purposes"), t("created"), t("actions")].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, channels.map((c) => channelRow(c, refresh))))
      : h("p", { class: "muted" }, t("noChannels"));
  } catch (err) {
    list = failedPart(err);
  }
  replace(container, list, h("p", { class: "muted" }, t("channelsHelp")), h("h3", {}, t("addChannel")), channelForm(refresh));
}
