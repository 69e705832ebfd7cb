"""``sellerguard status``: every account, each contact's checks and states, the next step."""
from __future__ import annotations

import click
from rich.table import Table

from server.cli import console, emit
from server.services import status as status_svc

_MARK = {"verified": "[green]verified[/green]", "unverified": "[red]unverified[/red]",
         "pending": "[yellow]pending[/yellow]", "unknown": "[dim]unknown[/dim]"}


def _render(data: dict) -> None:
    counts = data["counts"]
    table = Table(title=f"SellerGuard status — {counts['accounts']} accounts, {counts['contacts']} contacts, "
                        f"{counts['pending_steps']} steps to do, {counts['open_alerts']} open alerts")
    for column in ("account", "contact", "local", "Amazon", "warnings", "next step"):
        table.add_column(column, overflow="fold")
    for account in data["accounts"]:
        name = f"{account['name']} ({', '.join(account['marketplaces'])})"
        if not account["contacts"]:
            table.add_row(name, "—", "", "", "", (account["next_step"] or {}).get("message", ""))
        for i, c in enumerate(account["contacts"]):
            table.add_row(
                name if i == 0 else "", f"{c['role']} {c['kind']} {c['masked']}",
                _MARK.get(c["local_status"], c["local_status"]),
                _MARK.get(c["amazon_status"]["status"], c["amazon_status"]["status"]),
                ", ".join(w["code"] for w in c["warnings"]),
                (c["next_step"] or {}).get("message", "[green]done[/green]"))
        if account["next_step"] and account["next_step"]["code"] == "add_emergency_contact" and account["contacts"]:
            table.add_row("", "", "", "", "", account["next_step"]["message"])
    console.print(table)
    for alert in data["alerts"]:
        console.print(f"[bold red]alert #{alert['id']}[/bold red] {alert['title']}")


@click.command("status")
@click.option("--user", "user_name", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def status(obj, user_name, as_json):
    """A table of every account: contacts, checks, local and Amazon status, the next step."""
    emit(status_svc.build(obj.open_db(), obj.user(user_name)), as_json, _render)
