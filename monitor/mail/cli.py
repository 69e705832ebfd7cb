"""``sellerguard mail check FILE.eml [--json]``: is this email genuine?"""
from __future__ import annotations

import json
import sys

import click
from rich.console import Console

from monitor.mail.auth import DnsConfig
from monitor.mail.message import MalformedMessage
from monitor.mail.verdict import DEFAULT_TRUSTED_ARC, VerdictConfig, judge

MAX_BYTES = 25 * 1024 * 1024
_STYLE = {"genuine": "green", "phishing": "bold red", "suspicious": "yellow", "unknown": "cyan"}


@click.group("mail")
def mail_group():
    """Check marketplace mail: who really sent it."""


@mail_group.command("check")
@click.argument("file", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
@click.option("--dns", "nameservers", multiple=True, metavar="HOST[:PORT]",
              help="Nameserver for the DKIM/DMARC look-ups (default: the system's).")
@click.option("--authserv-id", default=None,
              help="Your own mail server's authserv-id: its Authentication-Results are trusted.")
@click.option("--trust-arc", multiple=True, metavar="DOMAIN",
              help="A forwarder whose ARC seal you trust (in addition to the big providers).")
@click.option("--offline", is_flag=True, help="Ask no DNS server (the verdict is at best unknown).")
@click.option("--timeout", default=4.0, show_default=True, help="DNS timeout in seconds.")
def mail_check(file, as_json, nameservers, authserv_id, trust_arc, offline, timeout):
    """Read a raw message (a .eml file, or - for stdin) and say whether it is genuine,
    suspicious, phishing or unknown, with the reasons."""
    raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise click.ClickException(f"the message is larger than {MAX_BYTES // 1048576} MB")
    config = VerdictConfig(
        dns=DnsConfig(nameservers=list(nameservers) or None, timeout=timeout, offline=offline),
        authserv_id=authserv_id, trusted_arc=tuple(DEFAULT_TRUSTED_ARC) + tuple(trust_arc))
    try:
        verdict = judge(raw, config)
    except MalformedMessage as exc:
        raise click.ClickException(f"{getattr(file, 'name', 'input')}: {exc}") from None
    if as_json:
        click.echo(json.dumps(verdict, ensure_ascii=False, indent=2))
        return
    console = Console(file=sys.stdout)
    v = verdict["verdict"]
    console.print(f"[{_STYLE[v]}]{v.upper()}[/]  ", end="")
    console.print(f"from {verdict['from'] or '?'}: {verdict['subject'] or '(no subject)'}",
                  markup=False, highlight=False)
    for reason in verdict["reasons"]:
        console.print(f"  - {reason}", markup=False, highlight=False)
