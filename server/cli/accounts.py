"""``sellerguard accounts …`` and ``sellerguard contacts …``."""
from __future__ import annotations

from pathlib import Path

import click

from server.cli import console, emit, err_console, table
from server.services import accounts as svc
from server.services import contacts as contact_svc


def _settings(obj):
    return contact_svc.CheckSettings.from_config(obj.config)


def _example_mobile(marketplaces: list[str]) -> str:
    """A valid mobile number of the account's first marketplace, for the hint."""
    import phonenumbers

    from monitor import marketplaces as mp

    try:
        region = mp.get(marketplaces[0]).region
        number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except (IndexError, mp.UnknownMarketplace, AttributeError):
        return "+<country code><number>"


def _render_contact(c: dict) -> None:
    console.print(f"[bold]#{c['id']}[/bold] {c['kind']} ({c['role']}) {c['masked']}  "
                  f"local: {c['local_status']}, Amazon: {c['amazon_status']['status']}")
    if c.get("on_hold_until"):
        console.print(f"  on hold until {c['on_hold_until']}" + (f" ({c['hold_reason']})" if c.get("hold_reason") else ""))
    for w in c["checks"]["warnings"]:
        colour = {"error": "red", "warning": "yellow"}.get(w["severity"], "cyan")
        console.print(f"  [{colour}]{w['severity']}[/{colour}] {w['code']}: {w['message']}")


@click.group()
def accounts() -> None:
    """Seller accounts."""


@accounts.command("list")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def accounts_list(obj, user_name, as_json):
    """List accounts."""
    items, _ = svc.list_accounts(obj.open_db(), obj.user_id(user_name), 1, 100_000)
    emit(items, as_json, lambda d: table("Accounts", ["id", "name", "marketplaces", "merchant id"],
                                         [[a["id"], a["name"], ",".join(a["marketplaces"]), a["merchant_id"]] for a in d]))


@accounts.command("add")
@click.argument("name")
@click.option("--marketplace", "-m", "marketplaces", multiple=True, required=True,
              help="Marketplace code (US, DE, JP …); repeat for several.")
@click.option("--merchant-id", default=None)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def accounts_add(obj, name, marketplaces, merchant_id, user_name, as_json):
    """Add a seller account."""
    account = svc.create(obj.open_db(), obj.user_id(user_name),
                         {"name": name, "marketplaces": list(marketplaces), "merchant_id": merchant_id},
                         actor="cli")
    emit(account, as_json, lambda a: console.print(
        f"Added account #{a['id']} {a['name']} ({', '.join(a['marketplaces'])}). "
        f"Next: sellerguard contacts add {a['id']} phone {_example_mobile(a['marketplaces'])}"))


@accounts.command("rename")
@click.argument("account_id", type=int)
@click.argument("name")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def accounts_rename(obj, account_id, name, user_name, as_json):
    """Give an account another name."""
    account, _ = svc.update(obj.open_db(), obj.user_id(user_name), account_id, {"name": name}, actor="cli")
    emit(account, as_json, lambda a: console.print(f"Account #{a['id']} is now called {a['name']}."))


@accounts.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def accounts_import(obj, file, dry_run, user_name, as_json):
    """Add accounts and contacts from a CSV or JSON file (columns account, marketplaces (DE|FR),
    merchant_id, kind, value, role; one row per contact). Every contact is checked; refused
    rows are listed with the reason; importing the same file again changes nothing."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from server.services import account_import

    kind = "application/json" if file.suffix.lower() == ".json" else "text/csv"
    rows = account_import.parse(file.read_bytes(), kind)
    db, user_id = obj.open_db(), obj.user_id(user_name)
    with Progress(TextColumn("checking rows"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, disable=as_json or not rows, transient=True) as bar:
        task = bar.add_task("rows", total=len(rows))
        report = account_import.import_rows(db, user_id, rows, _settings(obj), dry_run=dry_run,
                                            actor="cli", progress=lambda n: bar.update(task, completed=n))
    emit(report, as_json, _render_import)
    if report["refused"] and not as_json:
        raise SystemExit(2 if report["accepted"] else 1)


def _render_import(r: dict) -> None:
    what = "Would import" if r["dry_run"] else "Imported"
    a, c = r["accounts"], r["contacts"]
    console.print(f"{what} {r['accepted']} of {r['rows']} rows in {r['seconds']:.1f} s: "
                  f"accounts {a['created']} new, {a['updated']} updated, {a['unchanged']} unchanged; "
                  f"contacts {c['created']} new, {c['updated']} updated, {c['unchanged']} unchanged.")
    if r["refused"]:
        console.print(f"[red]{r['refused']} rows refused[/red] (nothing of them was written):")
        for item in r["refused_rows"][:50]:
            console.print(f"  row {item['row']} {item['account'] or '(no account)'}: "
                          f"{item['field']}: {item['message']}")
        if r["refused"] > 50:
            console.print(f"  … and {r['refused'] - 50} more (--json lists them all)")
    if not r["dry_run"] and (a["created"] or c["created"]):
        console.print("Next: sellerguard status --needs-action")


@accounts.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@click.option("--masked", is_flag=True, help="Mask phone numbers and addresses (for sharing).")
@click.option("--user", "user_name", default=None)
@click.pass_obj
def accounts_export(obj, fmt, output, masked, user_name):
    """Every account and contact in the import's columns (CSV cells are safe to open in a
    spreadsheet; the file re-imports as it is)."""
    import json as _json

    from server.services import account_export

    items = account_export.rows(obj.open_db(), obj.user_id(user_name), masked=masked)
    chunks = (account_export.to_csv(items) if fmt == "csv"
              else [_json.dumps(list(items), ensure_ascii=False, indent=1) + "\n"])
    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        for chunk in chunks:
            fh.write(chunk)
    output.chmod(0o600)  # contact details of every account
    err_console.print(f"Wrote {output}.")


@accounts.command("delete")
@click.argument("account_id", type=int)
@click.option("--user", "user_name", default=None)
@click.pass_obj
def accounts_delete(obj, account_id, user_name):
    """Delete an account and its contacts."""
    svc.delete(obj.open_db(), obj.user_id(user_name), account_id, actor="cli")
    console.print(f"Deleted account #{account_id}.")


@click.group()
def contacts() -> None:
    """Contacts of seller accounts (checked the way the marketplace will)."""


@contacts.command("list")
@click.argument("account_id", type=int)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def contacts_list(obj, account_id, user_name, as_json):
    """List an account's contacts with their checks."""
    items, _ = contact_svc.list_for_account(obj.open_db(), obj.user_id(user_name), account_id, 1, 100_000)
    emit(items, as_json, lambda d: [_render_contact(c) for c in d] or console.print("No contacts."))


@contacts.command("add")
@click.argument("account_id", type=int)
@click.argument("kind", type=click.Choice(["phone", "email"]))
@click.argument("value")
@click.option("--role", type=click.Choice(["emergency", "primary", "other"]), default="emergency",
              show_default=True)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def contacts_add(obj, account_id, kind, value, role, user_name, as_json):
    """Add a contact to an account and show what the checks say."""
    contact = contact_svc.create(obj.open_db(), obj.user_id(user_name), account_id,
                                 {"kind": kind, "value": value, "role": role}, _settings(obj), actor="cli")
    emit(contact, as_json, _render_contact)


@contacts.command("update")
@click.argument("contact_id", type=int)
@click.option("--value", default=None)
@click.option("--role", type=click.Choice(["emergency", "primary", "other"]), default=None)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def contacts_update(obj, contact_id, value, role, user_name, as_json):
    """Change a contact's value or role (a new value must be verified again)."""
    data = {k: v for k, v in {"value": value, "role": role}.items() if v is not None}
    from server.services import verification

    contact = verification.update_contact(obj.open_db(), obj.config, obj.user_id(user_name), contact_id, data,
                                          actor="cli")
    emit(contact, as_json, _render_contact)


@contacts.command("delete")
@click.argument("contact_id", type=int)
@click.option("--user", "user_name", default=None)
@click.pass_obj
def contacts_delete(obj, contact_id, user_name):
    """Delete a contact."""
    contact_svc.delete(obj.open_db(), obj.user_id(user_name), contact_id, actor="cli")
    console.print(f"Deleted contact #{contact_id}.")


@contacts.command("hold")
@click.argument("contact_id", type=int)
@click.option("--until", "until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Hold until this date (YYYY-MM-DD); omit to lift the hold.")
@click.option("--reason", default=None)
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def contacts_hold(obj, contact_id, until, reason, user_name, as_json):
    """Put a contact on hold until a date (Amazon lets sellers postpone), or lift the hold."""
    db, user_id = obj.open_db(), obj.user_id(user_name)
    was = contact_svc.get(db, user_id, contact_id).get("on_hold_until")
    contact = contact_svc.set_hold(db, user_id, contact_id,
                                   until.date() if until else None, reason, actor="cli")

    def render(c):
        _render_contact(c)
        if until:
            return  # _render_contact said "on hold until …"
        if was:
            console.print(f"  No --until date given: the hold (until {was}) was lifted.")
        else:
            console.print("  No --until date given and the contact was not on hold: nothing "
                          "changed. To put it on hold: --until YYYY-MM-DD.")

    emit(contact, as_json, render)


@contacts.command("amazon-status")
@click.argument("contact_id", type=int)
@click.argument("status", type=click.Choice(["verified", "unverified", "unknown"]))
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def contacts_amazon_status(obj, contact_id, status, user_name, as_json):
    """Record what Seller Central shows for this contact (the extension does it for you)."""
    contact = contact_svc.set_amazon_status(obj.open_db(), obj.user_id(user_name), contact_id, status,
                                            "manual", actor="cli")
    emit(contact, as_json, _render_contact)
