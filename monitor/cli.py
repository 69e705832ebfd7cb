"""Click groups for the monitor, attached to the ``sellerguard`` CLI by the server
(``main.add_command(...)`` for each of :data:`COMMANDS`).

They take the database from ``click.get_current_context().obj``, which has ``open_db()``
(a migrated ``monitor.db.Database``) and ``user_id(name_or_None)`` (the acting user); it may
also have ``monitor_hooks()`` returning :class:`monitor.config.Hooks`. Every list or create
command takes ``--json`` and then prints JSON only.
"""
from __future__ import annotations

import json
import sys
import time

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from monitor import alerts as alerts_mod
from monitor import pipeline
from monitor import policies as policies_mod
from monitor.errors import MonitorError
from monitor.sources import service as sources_service
from monitor.store import migrate_monitor

console = Console()


def _obj():
    return click.get_current_context().obj


def _db():
    db = _obj().open_db()
    migrate_monitor(db)  # idempotent: the commands also run over a bare monitor database
    return db


def _hooks():
    getter = getattr(_obj(), "monitor_hooks", None)
    return getter() if getter else None


def _config():
    """The host's monitor configuration (the server adds its private-network policy)."""
    getter = getattr(_obj(), "monitor_config", None)
    return getter() if getter else None


def _user(name: str | None) -> int | None:
    return _obj().user_id(name)


def _emit(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _fail(exc: Exception) -> None:
    raise click.ClickException(str(exc))


json_opt = click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
user_opt = click.option("--user", "user_name", default=None, help="Act as this user.")
page_opts = [click.option("--page", default=1, show_default=True),
             click.option("--per-page", default=50, show_default=True)]


def _pages(f):
    for opt in reversed(page_opts):
        f = opt(f)
    return f


# --- sources ----------------------------------------------------------------------------------

@click.group("sources")
def sources_group():
    """Announcement sources (feeds and forum pages)."""


@sources_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--user", "user_name", default=None,
              help="Import as this user's own sources (default: shared sources for everyone).")
@json_opt
def sources_import(file, user_name, as_json):
    """Import sources from a YAML (or JSON) FILE; '-' reads stdin. Idempotent."""
    db = _db()
    try:
        result = sources_service.import_sources(
            db, sources_service.load_file(file), _user(user_name) if user_name else None)
    except MonitorError as exc:
        _fail(exc)
    if as_json:
        _emit(result)
    else:
        console.print(f"created {len(result['created'])}, updated {len(result['updated'])}, "
                      f"unchanged {len(result['unchanged'])}")


@sources_group.command("kinds")
@json_opt
def sources_kinds(as_json):
    """The kinds of source (feed, html, imap …) and their settings, from the registry."""
    from monitor.sources import kinds

    items = kinds()
    if as_json:
        _emit({"items": items})
        return
    table = Table("kind", "url", "settings", "what")
    for k in items:
        settings = ", ".join(k["required"] + [f"({o})" for o in k["optional"]])
        table.add_row(k["kind"], "/".join(f"{s}://" for s in k["schemes"]), settings,
                      k["summary"])
    console.print(table)


@sources_group.command("list")
@user_opt
@json_opt
@_pages
def sources_list(user_name, as_json, page, per_page):
    """List sources with their health."""
    db = _db()
    uid = _user(user_name) if user_name else None
    result = sources_service.list_sources(db, uid, page, per_page)
    if as_json:
        return _emit(result)
    table = Table(title=f"Sources ({result['total']})")
    for col in ("id", "name", "kind", "lang", "markets", "every", "official", "state",
                "last success", "error"):
        table.add_column(col)
    colours = {"ok": "green", "not_modified": "green", "new": "dim", "failing": "red",
               "blocked": "red", "empty_selector": "yellow", "partial": "yellow"}
    for s in result["items"]:
        h = s["health"]
        table.add_row(str(s["id"]), s["name"], s["kind"], s["language"] or "",
                      ",".join(s["marketplaces"]), s["interval"], "yes" if s["official"] else "",
                      f"[{colours.get(h['state'], 'white')}]{h['state']}[/]",
                      h["last_success_at"] or "", (h["last_error"] or "")[:60])
    console.print(table)


@sources_group.command("check")
@click.argument("source_id", type=int)
@user_opt
@json_opt
def sources_check(source_id, user_name, as_json):
    """Fetch and parse a source now (stores nothing) and show what it yields."""
    db = _db()
    try:
        result = sources_service.check_source(db, _user(user_name) if user_name else None,
                                              source_id, config=_config())
    except MonitorError as exc:
        _fail(exc)
    if as_json:
        _emit(result)
    else:
        colour = "green" if result["ok"] else "red"
        console.print(f"[{colour}]{result['state']}[/] status={result['status']} "
                      f"entries={result['entries']} {result['error'] or ''}")
        for e in result["sample"]:
            console.print(f"  • {e['published'] or '          '}  {e['title']}  [dim]{e['link']}[/]")
    if not result["ok"]:
        sys.exit(1)


# --- monitor ----------------------------------------------------------------------------------

@click.group("monitor")
def monitor_group():
    """Run the monitor or its text analysis."""


@monitor_group.command("run")
@click.option("--once", is_flag=True, help="Poll due sources once, print a summary, exit.")
@click.option("--all", "all_", is_flag=True, help="Ignore the schedule: poll every source.")
@click.option("--tick", default=60.0, show_default=True, help="Seconds between cycles.")
@json_opt
def monitor_run(once, all_, tick, as_json):
    """Poll sources, analyse new items, raise and deliver alerts."""
    db = _db()
    hooks = _hooks()
    if not once:
        from monitor.scheduler import MonitorScheduler

        sched = MonitorScheduler(_obj().open_db, hooks=hooks, tick=tick, config=_config())
        if all_:
            pipeline.run_once(db, all=True, hooks=hooks, config=_config())
        sched.start()
        console.print(f"monitor running (every {tick:g} s); Ctrl-C to stop")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            sched.shutdown()
        return
    if as_json:
        summary = pipeline.run_once(db, all=all_, hooks=hooks, config=_config())
        return _emit(summary.to_dict())
    with Progress(TextColumn("[bold]polling"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=console) as bar:
        task = bar.add_task("", total=None)
        summary = pipeline.run_once(
            db, all=all_, hooks=hooks, config=_config(),
            on_start=lambda n: bar.update(task, total=n),
            progress=lambda r: bar.update(task, advance=1, description=f"{r.name}: {r.state}"))
    table = Table(title="Monitor cycle")
    table.add_column("source")
    table.add_column("state")
    table.add_column("new")
    table.add_column("error")
    for r in summary.results:
        table.add_row(r.name, r.state, str(r.new_items), (r.error or "")[:70])
    console.print(table)
    console.print(
        f"{summary.sources} sources: {summary.ok} ok, {summary.not_modified} not modified, "
        f"{summary.failing} failing, {summary.blocked} blocked, {summary.empty_selector} "
        f"empty selector · {summary.new_items} new items, {summary.analyzed} analysed · "
        f"{summary.policies_new} new / {summary.policies_updated} updated policies · "
        f"{summary.alerts} alerts, {summary.delivered} delivered")
    for err in summary.errors:
        console.print(f"[red]{err}[/]")


@monitor_group.command("analyze")
@click.option("--input", "input_", type=click.File("r", encoding="utf-8"), default="-",
              show_default=True, help="JSON Lines file, or - for stdin.")
def monitor_analyze(input_):
    """Classify announcements (JSON Lines in, JSON Lines out); no network, no database.

    Every input line still gets its output line (an unusable one an ``invalid`` record), but a
    line that is not an object with a string ``id`` and ``text`` is named on stderr and the
    command exits with status 1."""
    from monitor.analysis import analyze_stream

    problems: list[str] = []
    analyze_stream(_checked_lines(input_, problems), sys.stdout)
    sys.stdout.flush()
    for problem in problems[:20]:
        click.echo(f"error: {problem}", err=True)
    if len(problems) > 20:
        click.echo(f"error: … and {len(problems) - 20} more line(s)", err=True)
    if problems:
        sys.exit(1)


def _checked_lines(lines, problems: list[str]):
    """Pass every line on; note those lacking a string ``id`` or ``text``."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                record = None
                problems.append(f"line {number}: not valid JSON")
            if record is not None:
                if not isinstance(record, dict):
                    problems.append(f"line {number}: not a JSON object")
                else:
                    missing = [k for k in ("id", "text") if not isinstance(record.get(k), str)
                               and not (k == "id" and isinstance(record.get(k), int)
                                        and not isinstance(record.get(k), bool))]
                    if missing:
                        problems.append(f"line {number}: missing or not a string: "
                                        f"{', '.join(missing)}")
        yield line


# --- alerts -----------------------------------------------------------------------------------

@click.group("alerts")
def alerts_group():
    """Your alerts and their delivery log."""


@alerts_group.command("list")
@click.option("--state", type=click.Choice(["open", "acked", "all"]), default="open",
              show_default=True)
@user_opt
@json_opt
@_pages
def alerts_list(state, user_name, as_json, page, per_page):
    """List alerts (open by default) with their delivery log."""
    db = _db()
    result = alerts_mod.list_alerts(db, _user(user_name), None if state == "all" else state,
                                    page, per_page)
    if as_json:
        return _emit(result)
    table = Table(title=f"Alerts ({result['total']})")
    for col in ("id", "kind", "state", "created", "title", "delivered"):
        table.add_column(col)
    for a in result["items"]:
        done = sum(d["status"] == "delivered" for d in a["deliveries"])
        table.add_row(str(a["id"]), a["kind"], a["state"], a["created_at"], a["title"],
                      f"{done}/{len(a['deliveries'])}")
    console.print(table)


@alerts_group.command("ack")
@click.argument("alert_ids", type=int, nargs=-1)
@click.option("--all", "all_open", is_flag=True, help="Acknowledge every open alert.")
@user_opt
@json_opt
def alerts_ack(alert_ids, all_open, user_name, as_json):
    """Acknowledge alerts (they leave the open list and the badge): one or several ids, or --all."""
    if bool(alert_ids) == all_open:
        raise click.UsageError("Give alert ids (sellerguard alerts ack 3 4 5) or --all, not both.")
    db = _db()
    if len(alert_ids) == 1 and not all_open:  # one id: its full record, as before
        try:
            result = alerts_mod.ack_alert(db, _user(user_name), alert_ids[0])
        except MonitorError as exc:
            _fail(exc)
        return _emit(result) if as_json else click.echo(f"alert {alert_ids[0]} acknowledged")
    result = alerts_mod.ack_alerts(db, _user(user_name), list(alert_ids), all_open=all_open)
    if as_json:
        return _emit(result)
    click.echo(f"{len(result['acked'])} alerts acknowledged"
               + (f", {len(result['already'])} were already" if result["already"] else ""))
    if result["not_found"]:
        _fail(MonitorError(f"no such alert: {', '.join(map(str, result['not_found']))}"))


@alerts_group.command("show")
@click.argument("alert_id", type=int)
@user_opt
@json_opt
def alerts_show(alert_id, user_name, as_json):
    """One alert in full: its text, the policy's facts, the accounts it affects, deliveries."""
    db = _db()
    try:
        alert = alerts_mod.get_alert(db, _user(user_name), alert_id)
        policy = policies_mod.get_policy(db, _user(user_name), alert["policy_id"]) if alert["policy_id"] else None
    except MonitorError as exc:
        _fail(exc)
    alert["facts"] = policy["facts"] if policy else None
    if as_json:
        return _emit(alert)
    import textwrap

    def para(text: str, indent: str = "") -> None:
        for line in (text or "").splitlines() or [""]:
            click.echo(textwrap.fill(line, 80, initial_indent=indent, subsequent_indent=" " * len(indent),
                                     break_long_words=False, break_on_hyphens=False) if line else "")

    click.echo(f"Alert #{alert['id']} ({alert['kind']}, {alert['state']}, {alert['created_at']})")
    para(alert["title"])
    click.echo()
    para(alert["body"], "  ")
    for key, value in (alert["facts"] or {}).items():
        if value not in (None, [], ""):
            para(f"{key.replace('_', ' ')}: {', '.join(value) if isinstance(value, list) else value}", "  ")
    if alert["impact"]:
        click.echo("Affects:")
        for line in alert["impact"]:
            para(line, "  - ")
    for d in alert["deliveries"]:
        click.echo(f"  delivery to {d['channel'] or d['channel_id']}: {d['status']} "
                   f"({d['attempts']} attempts){' - ' + d['last_error'] if d['last_error'] else ''}")
    if alert["state"] == "open":
        click.echo(f"Next: sellerguard alerts ack {alert['id']}")


# --- policies ---------------------------------------------------------------------------------

@click.group("policies")
def policies_group():
    """Contact-verification policies recognised by the monitor."""


@policies_group.command("list")
@user_opt
@json_opt
@_pages
def policies_list(user_name, as_json, page, per_page):
    """List recognised contact-verification policies (all users' view without --user)."""
    db = _db()
    result = policies_mod.list_policies(db, _user(user_name) if user_name else None, page,
                                        per_page)
    if as_json:
        return _emit(result)
    table = Table(title=f"Policies ({result['total']})")
    for col in ("id", "marketplace", "title", "effective", "deadline", "sources", "first seen"):
        table.add_column(col)
    for p in result["items"]:
        f = p["facts"]
        eff = (f.get("effective_date") or "") + (" (retroactive)" if p["retroactive"] else "")
        table.add_row(str(p["id"]), p["marketplace"] or "", p["title"] or "", eff,
                      f.get("deadline") or "", str(len(p["sources"])), p["first_seen_at"])
    console.print(table)


@policies_group.command("show")
@click.argument("policy_id", type=int)
@user_opt
@json_opt
def policies_show(policy_id, user_name, as_json):
    """Show a policy: merged facts, every date with its source, every source."""
    db = _db()
    try:
        p = policies_mod.get_policy(db, _user(user_name) if user_name else None, policy_id)
    except MonitorError as exc:
        _fail(exc)
    if as_json:
        return _emit(p)
    console.print(f"[bold]{p['title']}[/]  ({p['story']})")
    for key, value in p["facts"].items():
        if value:
            console.print(f"  {key}: {value}")
    console.print(f"  retroactive: {p['retroactive']}")
    console.print("  dates:")
    for d in p["dates"]:
        console.print(f"    {d['field']} {d['date']} — {d['source']}")
    console.print("  sources:")
    for s in p["sources"]:
        console.print(f"    {'★' if s['official'] else '•'} {s['name']}: {s['title']} {s['url']}")


# Channels are managed by the server's CLI (``sellerguard channels``), which also knows the
# verification purposes (sms, email); the monitor only reads them when delivering alerts.
from monitor.mail.cli import mail_group  # noqa: E402

COMMANDS = [sources_group, monitor_group, alerts_group, policies_group, mail_group]
