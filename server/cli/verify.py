"""``sellerguard verify …``, ``sellerguard channels …`` and ``sellerguard outbox``."""
from __future__ import annotations

import click

from monitor import channels as channel_svc
from server.cli import console, emit, err_console, table
from server.services import delivery
from server.services import verification as svc


def _settings(obj) -> svc.Settings:
    return svc.Settings.from_config(obj.config)


def _render(v: dict) -> None:
    colour = {"approved": "green", "pending": "yellow"}.get(v["status"], "red")
    console.print(f"Verification [bold]#{v['id']}[/bold] of contact #{v['contact_id']} by "
                  f"{v['channel']} to {v['destination']}: [{colour}]{v['status']}[/{colour}]")
    console.print(f"  expires {v['expires_at']}, sends {v['sends']}/{v['max_sends']}, wrong codes "
                  f"{v['attempts']}/{v['max_attempts']}, resend from {v['next_resend_at'] or '-'}")
    if v["failure_reason"]:
        console.print(f"  [red]reason:[/red] {v['failure_reason']}")
    if v["delivered_via"] == "outbox":
        err_console.print("[bold red]DEVELOPMENT OUTBOX:[/bold red] nothing was sent; read the code "
                          "with `sellerguard outbox`, and add a channel to deliver for real.")
    if v["status"] == "pending":
        console.print(f"  Next: sellerguard verify check {v['id']} CODE")


@click.group()
def verify() -> None:
    """Local verification of contacts by one-time codes."""


@verify.command("start-all")
@click.option("--search", "-q", "q", default=None, help="Accounts whose name, merchant id or contact matches.")
@click.option("--marketplace", "-m", default=None)
@click.option("--account", "account_ids", type=int, multiple=True, help="An account id; repeat for several.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 50))
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verify_start_all(obj, q, marketplace, account_ids, limit, user_name, as_json):
    """Send a code to every unverified contact of the selected accounts (every limit of
    `verify start` applies; run it again to go on after a limit)."""
    from server.services import bulk_verify

    result = bulk_verify.start_unverified(obj.open_db(), _settings(obj), obj.user_id(user_name), q=q,
                                          marketplace=marketplace, account_ids=list(account_ids) or None,
                                          limit=limit, actor="cli")

    def render(r):
        console.print(f"Started {len(r['started'])} verifications, skipped {len(r['skipped'])}.")
        for s in r["skipped"]:
            console.print(f"  contact #{s['contact_id']} skipped: {s['reason']}", markup=False)
        if r["stopped"]:
            console.print(f"Stopped at contact #{r['stopped']['contact_id']}: {r['stopped']['reason']} "
                          f"Try again in {r['stopped']['retry_after']} s.", markup=False)
        if r["started"]:
            console.print("Next: sellerguard outbox (development) or check each code with "
                          "sellerguard verify check ID CODE")

    emit(result, as_json, render)


@verify.command("start")
@click.argument("contact_id", type=int)
@click.option("--channel", type=click.Choice(["sms", "email"]), default=None,
              help="Default: what the contact's kind takes (sms for a phone, email for an email).")
@click.option("--override-checks", is_flag=True, help="Send even if the checks say the contact "
              "cannot receive it (e.g. a number that looks like a landline).")
@click.option("--language", type=click.Choice(["en", "zh_CN"]), default=None)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verify_start(obj, contact_id, channel, override_checks, language, user_name, as_json):
    """Send a code to a contact (or resend the pending one after its cooldown)."""
    db, user_id = obj.open_db(), obj.user_id(user_name)
    if channel is None:
        from server.services import contacts

        channel = svc.CHANNEL_FOR_KIND[contacts.get(db, user_id, contact_id)["kind"]]
    before = [x for x in svc.list_for_contact(db, _settings(obj), user_id, contact_id) if x["status"] == "pending"]
    v, created = svc.start(db, _settings(obj), user_id, contact_id, channel,
                           override_checks=override_checks, language=language, actor="cli")
    resent = not created and any(b["id"] == v["id"] and b["sends"] < v["sends"] for b in before)

    def render(data):
        _render(data)
        if not created and not resent:
            console.print("  [yellow]Not resent:[/yellow] the code already sent is still valid; a new "
                          f"one can be sent from {data['next_resend_at'] or '-'}.")

    emit({**v, "created": created, "resent": resent}, as_json, render)


@verify.command("check")
@click.argument("verification_id", type=int)
@click.argument("code")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verify_check(obj, verification_id, code, user_name, as_json):
    """Check the code a contact received."""
    v = svc.check(obj.open_db(), _settings(obj), obj.user_id(user_name), verification_id, code,
                  actor="cli")
    emit(v, as_json, _render)


@verify.command("show")
@click.argument("verification_id", type=int)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verify_show(obj, verification_id, user_name, as_json):
    """Show a verification."""
    emit(svc.get(obj.open_db(), _settings(obj), obj.user_id(user_name), verification_id), as_json,
         _render)


@verify.command("cancel")
@click.argument("verification_id", type=int)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verify_cancel(obj, verification_id, user_name, as_json):
    """Cancel a pending verification."""
    emit(svc.cancel(obj.open_db(), _settings(obj), obj.user_id(user_name), verification_id,
                    actor="cli"), as_json, _render)


@click.group()
def channels() -> None:
    """Apprise channels: alerts, and the SMS / email providers that deliver codes."""


@channels.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--purpose", "purposes", multiple=True, required=True,
              type=click.Choice(["alerts", "sms", "email"]),
              help="What the channel is for; repeat for several.")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def channels_add(obj, name, url, purposes, user_name, as_json):
    """Add an Apprise URL. For sms/email leave the recipient out: SellerGuard adds the contact
    (e.g. twilio://SID:TOKEN@+15551234567, mailtos://user:pass@smtp.example.com?from=me@example.com,
    json://gateway.example/sms — the number goes in the payload field "to")."""
    ch = channel_svc.add_channel(obj.open_db(), obj.user_id(user_name), name, url,
                       list(purposes))
    ch.pop("user_id", None)
    emit(ch, as_json, lambda c: console.print(
        f"Added channel #{c['id']} {c['name']} ({', '.join(c['purposes'])}): {c['url']}. "
        f"Next: sellerguard channels test {c['id']}"))


@channels.command("list")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def channels_list(obj, user_name, as_json):
    """List channels (secrets masked)."""
    items = channel_svc.list_channels(obj.open_db(), obj.user_id(user_name), 1, 500)["items"]
    for ch in items:
        ch.pop("user_id", None)
    emit(items, as_json, lambda d: table("Channels", ["id", "name", "purposes", "url"],
                                         [[c["id"], c["name"], ",".join(c["purposes"]), c["url"]] for c in d]))


@channels.command("test")
@click.argument("channel_id", type=int)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def channels_test(obj, channel_id, user_name, as_json):
    """Send a test message through a channel."""
    result = channel_svc.test_channel(obj.open_db(), obj.user_id(user_name), channel_id)
    emit(result, as_json, lambda r: console.print(
        "[green]Delivered.[/green]" if r["ok"] else f"[red]Failed:[/red] {r['error']}"))
    if not result["ok"]:
        raise SystemExit(1)


@channels.command("delete")
@click.argument("channel_id", type=int)
@click.option("--user", "user_name", default=None)
@click.pass_obj
def channels_delete(obj, channel_id, user_name):
    """Delete a channel."""
    channel_svc.delete_channel(obj.open_db(), obj.user_id(user_name), channel_id)
    console.print(f"Deleted channel #{channel_id}.")


@click.command("outbox")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def outbox(obj, limit, user_name, as_json):
    """Messages held by the DEVELOPMENT outbox (used only when no channel is configured)."""
    items = delivery.list_outbox(obj.open_db(), obj.user_id(user_name), limit)
    if as_json:
        emit(items, True)
        return
    err_console.print("[bold red]DEVELOPMENT OUTBOX[/bold red] — these messages were NOT sent. "
                      "Add a channel (`sellerguard channels add … --purpose sms|email`) to deliver.")
    if not items:
        console.print("The outbox is empty.")
    for m in items:
        console.print(f"[bold]#{m['id']}[/bold] {m['created_at']} {m['channel']} → {m['destination']}"
                      + (f"  (verification #{m['verification_id']})" if m["verification_id"] else ""))
        if m["subject"]:
            console.print(f"  [bold]{m['subject']}[/bold]")
        console.print("  " + m["body"].replace("\n", "\n  "), markup=False, highlight=False)
