"""The ``sellerguard`` command line. Each command is a few lines over the service modules.

Every command that lists or creates something takes ``--json`` and then prints JSON only.
"""
from __future__ import annotations

import ipaddress
import os
import json
import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from monitor import db as mdb
from monitor.db import iso
from server import config as cfg
from server.errors import ApiError

console = Console(soft_wrap=True)  # never break a URL or a code across lines
err_console = Console(stderr=True)


class Context:
    """What every command needs: the data home, its configuration and the database."""

    def __init__(self, home: Path):
        self.home = home
        self._config: dict | None = None
        self._db = None

    def require_home(self) -> None:
        """Only ``init`` and ``user add`` may create a data home; every other command needs one
        (a command run in the wrong folder must not leave an empty ``./var`` behind).
        :raise NotFound: there is no database in the home."""
        from server.errors import NotFound

        words, ctx = [], click.get_current_context(silent=True)
        while ctx is not None and ctx.parent is not None:  # the subcommands, root excluded
            words.insert(0, ctx.info_name)
            ctx = ctx.parent
        if words[:1] == ["init"] or words[:2] == ["user", "add"]:
            return
        target = cfg.load(self.home).get("DATABASE") or str(self.home / "sellerguard.db")
        # with PostgreSQL the home still holds the installation's secret and configuration
        marker = self.home / "secret.key" if mdb.is_url(target) else Path(target)
        if not marker.exists():
            raise NotFound(f"no data home at {self.home} (run sellerguard init, or pass --home "
                           "/ set SELLERGUARD_HOME)")

    @property
    def config(self) -> dict:
        if self._config is None:
            self.require_home()
            self._config = cfg.load(self.home)
            self._config["SECRET"] = cfg.secret_key(self.home)  # as the app has it
            if not self._config.get("PUBLIC_URL"):  # links the CLI emails point at the running server
                self._config["PUBLIC_URL"] = cfg.running_server_url(self.home)
        return self._config

    @property
    def secret(self) -> bytes:
        return cfg.secret_key(self.home)

    def open_db(self):
        if self._db is None:
            from server.db import open_db

            self.require_home()
            cfg.make_home(self.home)
            self._db = open_db(self.config["DATABASE"])
        return self._db

    def monitor_hooks(self):
        """How the monitor learns about users and accounts (see server.monitoring)."""
        from server.monitoring import hooks_for

        self.open_db()
        return hooks_for(self.config["DATABASE"])

    def monitor_config(self):
        """The monitor's configuration with the server's private-network policy."""
        from server.services.private_sources import monitor_config

        self.open_db()
        return monitor_config(self.config)

    def user(self, name: str | None = None):
        from server.services import auth

        return auth.get_user(self.open_db(), name)

    def user_id(self, name: str | None = None) -> int:
        return self.user(name).id


def emit(data, as_json: bool, render=None) -> None:
    """Print ``data`` as JSON only, or through ``render`` for people."""
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    elif render is not None:
        render(data)
    else:
        console.print(data)


def table(title: str, columns: list[str], rows: list[list]) -> None:
    t = Table(title=title)
    for column in columns:
        t.add_column(column)
    for row in rows:
        t.add_row(*["" if v is None else str(v) for v in row])
    console.print(t)


class Group(click.Group):
    """Turns our named errors into a one-line message and exit code 1, never a traceback."""

    def invoke(self, ctx):
        from monitor.errors import MonitorError
        from server.errors import from_monitor

        try:
            try:
                return super().invoke(ctx)
            except MonitorError as exc:
                raise from_monitor(exc) from None
        except ApiError as exc:
            err_console.print(f"[red]error:[/red] {exc.message}")
            for field, messages in (exc.extra_data.get("errors") or {}).items():
                if messages != [exc.message]:
                    err_console.print(f"  {field}: {' '.join(messages)}")
            if "attempts_left" in exc.extra_data:
                err_console.print(f"  tries left: {exc.extra_data['attempts_left']}")
            if exc.headers and exc.headers.get("Retry-After"):
                err_console.print(f"  try again in {exc.headers['Retry-After']} s")
            sys.exit(1)


@click.group(cls=Group)
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="SELLERGUARD_HOME",
              help="Data home (default ./var, or $SELLERGUARD_HOME).")
@click.pass_context
def main(ctx: click.Context, home: Path | None) -> None:
    """SellerGuard: keep your seller accounts' contacts verified and hear first about new
    contact-verification policies."""
    ctx.obj = Context(cfg.resolve_home(home))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
@click.pass_obj
def init(obj: Context, as_json: bool) -> None:
    """Create the data home, the database and, on first run, a user and its token."""
    from monitor.sources.service import install_defaults
    from server.services import auth

    db = obj.open_db()
    obj.secret  # noqa: B018 - creates the secret on first run
    sources = install_defaults(db)
    result = {"home": str(obj.home), "database": mdb.redact_url(obj.config["DATABASE"]),
              "created_user": None, "token": None, "default_sources": sources}
    if not auth.list_users(db):
        user = auth.create_user(db, "seller")
        result["created_user"] = user.name
        result["token"] = auth.create_token(db, user, name="first start")
    if as_json:
        emit(result, True)
        return
    console.print(f"Data home: [bold]{obj.home}[/bold]")
    if mdb.is_url(obj.config["DATABASE"]):
        console.print(f"Database: [bold]{result['database']}[/bold]")
    if result["token"]:
        console.print(f"Created user [bold]{result['created_user']}[/bold]. Its API token (shown once, "
                      "keep it safe):")
        console.print(f"  [bold yellow]{result['token']}[/bold yellow]")
    else:
        console.print("Already initialised.")


@main.command()
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8750).")
@click.option("--allow-remote", is_flag=True, help="Allow binding to a non-loopback address.")
@click.option("--no-monitor", is_flag=True, help="Do not start the monitor's scheduler.")
@click.option("--threads", default=8, show_default=True, type=int)
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None, allow_remote: bool, no_monitor: bool,
          threads: int) -> None:
    """Start the API (waitress) with the monitor's scheduler."""
    from waitress import create_server

    from server import create_app
    from server.services import auth

    host = host or obj.config["HOST"]
    port = obj.config["PORT"] if port is None else port
    if not _is_loopback(host):
        if not allow_remote:
            raise click.UsageError(f"{host} is not a loopback address; SellerGuard binds to "
                                   "127.0.0.1 unless you pass --allow-remote.")
        err_console.print(f"[bold red]WARNING:[/bold red] listening on {host}: anyone who can reach "
                          "this address can try to use the API. Put it behind TLS and a firewall.")
    # one server (and one embedded scheduler) per data home; API-only processes on PostgreSQL
    # are as many as the deployment wants (the queue's workers do the monitoring)
    shared = no_monitor and mdb.is_url(obj.config["DATABASE"])
    lock = cfg.ServeLock(obj.home)
    running = None if shared else lock.acquire()
    if running is not None:
        raise click.ClickException(
            f"SellerGuard is already running at {running.get('url') or '?'} (pid "
            f"{running.get('pid') or '?'}) on the data home {obj.home}; stop it first "
            "(one server and one scheduler per database).")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apprise").setLevel(logging.WARNING)  # its INFO lines name the recipients
    app = create_app({"HOME": obj.home, "HOST": host, "PORT": port})
    db = obj.open_db()
    try:
        server = create_server(app, host=host, port=port, threads=threads)
    except OSError as exc:
        lock.release()
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}). Is another SellerGuard "
            f"running? Stop it, or use another port: `serve --port 8799` "
            "(or SELLERGUARD_PORT=8799 make run).") from None
    actual_port = server.effective_port
    app.config["PORT"] = actual_port
    base = f"http://{host}:{actual_port}"
    cfg.record_running_server(obj.home, base)
    lock.record(base)
    users = auth.list_users(db)
    console.print(f"SellerGuard API on [bold]{base}[/bold]  (health: {base}/api/v1/health)")
    if len(users) == 1:
        code, expires = auth.create_pairing_code(db, obj.secret, users[0],
                                                 obj.config["PAIRING_TTL_MINUTES"])
        console.print(f"Pairing code for the extension: [bold green]{code}[/bold green] "
                      f"(valid until {expires:%H:%M} UTC, single use; `sellerguard pair` for another)")
    else:
        console.print(f"{len(users)} users: each pairs with their own code, "
                      "`sellerguard pair --user NAME`.")
    console.print("Load the extension: chrome://extensions → Developer mode → Load unpacked → the "
                  "'extension' folder; it opens its set-up page, enter the server address and the code.")
    scheduler = None
    if obj.config.get("MONITOR", True) and not no_monitor:
        scheduler = _start_monitor(app)
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        lock.release()


@main.command()
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Jobs this worker runs at once (threads).")
@click.option("--tick", "tick_s", default=30, show_default=True, type=int,
              help="Seconds between looks for due sources (a divisor of 60, or whole minutes).")
@click.option("--stalled-after", "stalled_s", default=30.0, show_default=True, type=float,
              help="Seconds without a heartbeat after which a worker's jobs are retried elsewhere.")
@click.option("--name", default=None, help="Worker name in the logs (default: host and pid).")
@click.pass_obj
def worker(obj: Context, concurrency: int, tick_s: int, stalled_s: float, name: str | None) -> None:
    """Run a monitor worker on the shared job queue (PostgreSQL: SELLERGUARD_DATABASE_URL).

    Start as many as needed, on any machine that reaches the database; pair them with
    `serve --no-monitor` for the API."""
    import socket

    from monitor.queue import QueueError
    from server import monitoring

    obj.require_home()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "apprise", "procrastinate"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        queue = monitoring.queue_for(obj.config, tick_s=tick_s, stalled_s=stalled_s,
                                     pool_size=concurrency + 4)
    except QueueError as exc:
        raise click.ClickException(str(exc)) from None
    name = name or f"{socket.gethostname()}-{os.getpid()}"
    console.print(f"SellerGuard worker [bold]{name}[/bold] on {mdb.redact_url(obj.config['DATABASE'])} "
                  f"({concurrency} at once, due sources every {tick_s} s)")
    sys.stdout.flush()
    queue.run_worker(concurrency=concurrency, name=name, heartbeat_s=max(1.0, stalled_s / 6))


def _start_monitor(app):
    """Start the monitor's scheduler in this process (hook filled in by server.monitoring)."""
    from server import monitoring

    return monitoring.start(app)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command()
@click.option("--user", "user_name", default=None, help="User (default: the only user).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def pair(obj: Context, user_name: str | None, as_json: bool) -> None:
    """Print a single-use pairing code (10 minutes) for the browser extension."""
    from server.services import auth

    user = obj.user(user_name)
    code, expires = auth.create_pairing_code(obj.open_db(), obj.secret, user,
                                             obj.config["PAIRING_TTL_MINUTES"])
    emit({"code": code, "user": user.name, "expires_at": iso(expires)}, as_json,
         lambda d: console.print(f"Pairing code for {d['user']}: [bold green]{d['code']}[/bold green] "
                                 f"(single use, valid until {expires:%H:%M} UTC)"))


@main.group()
def user() -> None:
    """Users of this installation (each sees only their own accounts)."""


@user.command("add")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def user_add(obj: Context, name: str, as_json: bool) -> None:
    """Create a user."""
    from server.services import auth

    u = auth.create_user(obj.open_db(), name)
    emit({"id": u.id, "name": u.name}, as_json,
         lambda d: console.print(f"Created user {d['name']}. Next: sellerguard token create --user {d['name']}"))


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def user_list(obj: Context, as_json: bool) -> None:
    """List users."""
    from server.services import auth

    data = [{"id": u.id, "name": u.name} for u in auth.list_users(obj.open_db())]
    emit(data, as_json, lambda d: table("Users", ["id", "name"], [[u["id"], u["name"]] for u in d]))


@main.group()
def token() -> None:
    """API tokens."""


@token.command("create")
@click.option("--user", "user_name", default=None)
@click.option("--name", default="cli", show_default=True, help="A label for the token.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def token_create(obj: Context, user_name: str | None, name: str, as_json: bool) -> None:
    """Create an API token; it is shown once and stored only as a hash."""
    from server.services import auth

    u = obj.user(user_name)
    value = auth.create_token(obj.open_db(), u, name=name)
    emit({"token": value, "user": u.name, "name": name}, as_json,
         lambda d: console.print(f"Token for {d['user']} (shown once): [bold yellow]{d['token']}[/bold yellow]"))


from server.cli import accounts as _accounts  # noqa: E402  (registers commands)

main.add_command(_accounts.accounts)
main.add_command(_accounts.contacts)

from server.cli import status as _status  # noqa: E402

main.add_command(_status.status)

from monitor import cli as _monitor_cli  # noqa: E402

for _group in _monitor_cli.COMMANDS:
    main.add_command(_group)

from server.cli import verify as _verify  # noqa: E402

main.add_command(_verify.verify)
main.add_command(_verify.channels)
main.add_command(_verify.outbox)
