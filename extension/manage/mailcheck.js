// "Is this email genuine?": paste a raw message or drop a .eml file; the server checks who
// really sent it (DKIM, ARC, DMARC, look-alike domains, links) and answers genuine, suspicious,
// phishing or unknown with its reasons. Everything shown goes in as text (textContent), never
// as HTML: the message is the phisher's text.
import { h, replace } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { CallFailed, ask } from "./client.js";

const MAX_BYTES = 180 * 1024; // the JSON form's share of the server's request cap

function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function verdictView(v) {
  const word = t(`mailVerdict_${v.verdict}`);
  return h("div", { class: `mail-verdict verdict-${v.verdict}`, role: "status", "aria-live": "polite" },
    h("p", { class: "verdict-word" }, h("strong", {}, word)),
    h("p", { class: "muted" }, t("mailFromSubject", v.from || "?", v.subject || "")),
    h("ul", {}, (v.reasons || []).map((r) => h("li", {}, r))));
}

async function check(body, out) {
  replace(out, h("p", { class: "muted" }, t("mailChecking")));
  try {
    const answer = await ask({ type: "sg:api", method: "POST", path: "/messages/check", body });
    replace(out, verdictView(answer.data));
  } catch (err) {
    const text = err instanceof CallFailed ? err.message : String(err && err.message ? err.message : err);
    replace(out, h("p", { class: "error", role: "alert" }, text));
  }
}

export function renderMailCheck(container) {
  const out = h("div", { id: "mail-result" });
  const area = h("textarea", { id: "mail-raw", rows: 8, cols: 80, spellcheck: "false", autocomplete: "off", placeholder: t("mailPastePlaceholder") });
  const file = h("input", { id: "mail-file", type: "file", accept: ".eml,message/rfc822,text/plain" });
  const drop = h("div", { class: "dropzone", tabindex: "0", role: "button", "aria-describedby": "mail-help" }, t("mailDropHere"));

  async function fromFile(f) {
    if (!f) return;
    if (f.size > MAX_BYTES) {
      replace(out, h("p", { class: "error", role: "alert" }, t("mailTooLarge")));
      return;
    }
    const bytes = new Uint8Array(await f.arrayBuffer());
    await check({ message_base64: toBase64(bytes) }, out);
  }

  file.addEventListener("change", () => fromFile(file.files && file.files[0]));
  drop.addEventListener("click", () => file.click());
  drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      file.click();
    }
  });
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    fromFile(e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]);
  });

  const form = h("form", { class: "mail-check" },
    h("label", { for: "mail-raw" }, t("mailPasteLabel")), area,
    h("div", {}, h("button", { type: "submit" }, t("mailCheck"))),
    h("label", { for: "mail-file" }, t("mailOrFile")), file, drop);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!area.value.trim()) {
      replace(out, h("p", { class: "error", role: "alert" }, t("mailEmpty")));
      return;
    }
    if (new TextEncoder().encode(area.value).length > MAX_BYTES) {
      replace(out, h("p", { class: "error", role: "alert" }, t("mailTooLarge")));
      return;
    }
    await check({ message: area.value }, out);
  });
  replace(container, h("p", { id: "mail-help", class: "muted" }, t("mailHelp")), form, out);
}
