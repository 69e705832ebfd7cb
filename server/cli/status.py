"""``sellerguard status``: the summary, then one page of accounts (those needing action first),
each with its id, its contacts' ids and states, and the command of the next step.

Plain text wrapped at 80 columns without splitting words (account names and alert titles are
untrusted: they are printed as text, never as rich markup); a command stays on its own line.
"""
from __future__ import annotations

import shlex
import shutil
import textwrap

import click

from server.cli import emit
from server.services import status as status_svc

WIDTH = 80
STEP_WORDS = {"fix_contact": "fix a contact", "add_emergency_contact": "add an emergency contact",
              "verify_locally": "verify locally", "verify_on_amazon": "verify on Amazon"}


def next_command(account: dict, step: dict | None) -> str | None:
    """The ``sellerguard`` command that does (or records) the step."""
    if not step:
        return None
    code, cid = step["code"], step.get("contact_id")
    if code == "add_emergency_contact":
        kinds = {c["kind"] for c in account["contacts"] if c["role"] == "emergency"}
        kind = "phone" if "phone" not in kinds else "email"
        return f"sellerguard contacts add {account['id']} {kind} VALUE"
    if code == "fix_contact":
        return f"sellerguard contacts update {cid} --value NEW_VALUE"
    if code == "verify_locally":
        kind = next((c["kind"] for c in account["contacts"] if c["id"] == cid), "phone")
        return f"sellerguard verify start {cid} --channel {'sms' if kind == 'phone' else 'email'}"
    if code == "verify_on_amazon":
        return f"sellerguard contacts amazon-status {cid} verified"
    return None


def _wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False) or [indent]


def render_lines(data: dict, *, width: int = WIDTH, query: dict | None = None) -> list[str]:
    counts, summary, page = data["counts"], data["summary"], data["accounts_page"]
    out: list[str] = []
    by_step = ", ".join(f"{STEP_WORDS[k]} {v}" for k, v in summary["by_step"].items() if v)
    out += _wrap(f"{counts['accounts']} accounts: {summary['needs_action']} need action"
                 + (f" ({by_step})" if by_step else "") + f", {summary['done']} done"
                 + (f", {summary['on_hold']} with a contact on hold" if summary["on_hold"] else "")
                 + f". {counts['contacts']} contacts, {counts['verified']} verified. "
                 f"{counts['open_alerts']} open alerts ({counts['policy_alerts']} about policies).",
                 width=width)
    for alert in data["alerts"]:
        if alert["kind"].startswith("policy"):
            out += _wrap(f"! alert #{alert['id']}: {alert['title']}", width=width)
            out.append(f"    $ sellerguard alerts show {alert['id']}")
    sources = counts.get("source_alerts", 0)
    if sources:
        out += _wrap(f"{sources} source-health alerts (feeds failing or recovered; offline?): "
                     "sellerguard alerts list", width=width)
    if not data["accounts"]:
        out.append("No accounts match." if page["total"] == 0 and counts["accounts"] else
                   "No accounts yet: sellerguard accounts add NAME -m DE (or accounts import FILE.csv)")
        return out
    first = (page["page"] - 1) * page["per_page"] + 1
    last = first + len(data["accounts"]) - 1
    out.append("")
    out += _wrap(f"Accounts {first}-{last} of {page['total']} (needing action first):", width=width)
    for account in data["accounts"]:
        out.append("")
        head = f"#{account['id']} {account['name']} ({', '.join(account['marketplaces'])})"
        if account.get("merchant_id"):
            head += f" merchant {account['merchant_id']}"
        out += _wrap(head, width=width)
        for c in account["contacts"]:
            out += _wrap(f"{c['role']} {c['kind']} #{c['id']} {c['masked']}: local {c['local_status']}, "
                         f"Amazon {c['amazon_status']['status']}"
                         + (f", on hold until {c['on_hold_until']}" if c.get("on_hold_until") else "")
                         + (f"; warnings: {', '.join(w['code'] for w in c['warnings'])}" if c["warnings"] else ""),
                         "  ", width)
        step = account["next_step"]
        if step:
            out += _wrap(f"next: {step['message']}", "  ", width)
            command = next_command(account, step)
            if command:
                out.append(f"    $ {command}")
        else:
            out.append("  done")
    if last < page["total"]:
        more = " ".join(f"--{k.replace('_', '-')}" if v is True else f"--{k.replace('_', '-')} {shlex.quote(str(v))}"
                        for k, v in (query or {}).items() if v not in (None, False))
        out.append("")
        out.append(f"Next page: sellerguard status --page {page['page'] + 1}" + (f" {more}" if more else ""))
    return out


def _reveal(db, user_id: int, data: dict) -> None:
    """Put the full values of one's own listed contacts in place of the masked ones."""
    ids = [c["id"] for a in data["accounts"] for c in a["contacts"]]
    if not ids:
        return
    marks = ",".join("?" for _ in ids)
    values = dict(db.execute(f"SELECT id, value FROM contacts WHERE user_id = ? AND id IN ({marks})",
                             [user_id, *ids]).fetchall())
    for a in data["accounts"]:
        for c in a["contacts"]:
            c["masked"] = values.get(c["id"], c["masked"])


@click.command("status")
@click.option("--needs-action", is_flag=True, help="Only accounts with a step to take.")
@click.option("--marketplace", "-m", default=None, help="Only accounts selling in this marketplace.")
@click.option("--search", "-q", "q", default=None, help="Part of a name, merchant id or contact value.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--per-page", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--reveal", is_flag=True, help="Show your contacts' full values instead of masked ones.")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def status(obj, needs_action, marketplace, q, page, per_page, reveal, user_name, as_json):
    """The summary, then your accounts (needing action first) with ids and the command of
    each next step."""
    db, user = obj.open_db(), obj.user(user_name)
    filters = status_svc.Filters(page=page, per_page=per_page, q=q, needs_action=True if needs_action else None,
                                 marketplace=marketplace)
    data = status_svc.build(db, user, filters=filters)
    data.pop("_etag", None)
    if reveal:
        _reveal(db, user.id, data)
    for account in data["accounts"]:
        account["next_command"] = next_command(account, account["next_step"])
    width = min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)
    query = {"needs_action": needs_action, "marketplace": marketplace, "search": q,
             "per_page": per_page if per_page != 20 else None, "reveal": reveal}
    emit(data, as_json, lambda d: click.echo("\n".join(render_lines(d, width=width, query=query))))
