"""One polling cycle: pick due sources, fetch and parse them concurrently, store what is new,
analyse it, merge policies, deliver alerts.

Fetching and parsing touch no database and run on a pool of ``MonitorConfig.workers`` threads,
fed one source at a time and at most one request per host at a time (the other sources of a busy
host wait their turn within the cycle; a source's parsing overlaps its host's next request); everything that writes runs on the caller's thread, one
transaction per source: the new items *and* the source's new state (ETag, Last-Modified, health)
commit together, so a process killed at any point either kept both or neither — it never
remembers an ETag for items it did not store. Analysis is a durable queue (``items.analyzed_at IS NULL``),
drained in batches each cycle within a time budget, and alerts are written to an outbox, so a
restart picks up where the killed process stopped.

A fetch that does not finish within ``fetch.deadline + fetch_grace`` is recorded as hung and the
cycle goes on without it (its thread is a daemon and cannot keep the process alive; a new worker
takes its place).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from monitor import alerts as alerts_mod
from monitor import items as items_mod
from monitor import policies as policies_mod
from monitor.config import Hooks, MonitorConfig
from monitor.db import iso, transaction, utcnow
from monitor.errors import MonitorError
from monitor.fetch import DeadlineExceeded, Fetcher, FetchError, HostBusy, backoff, jittered
from monitor.redact import redact_text, redact_url
from monitor.sources import Context, Entry, ParseError, build
from monitor.sources import state as kind_state
from monitor.store import loads, rows, row, update

log = logging.getLogger(__name__)

ANALYSIS_BATCH = 500        # items read per batch (each item is still its own transaction)
SKIPPED_RETRY_S = 60.0      # a source skipped because its host was busy is due again after this
FETCHED = object()          # a worker's word that a source's request is over (parsing follows)


@dataclass
class Outcome:
    """What fetching and parsing one source produced (no database involved)."""

    entries: list[Entry] | None = None
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None
    error: MonitorError | None = None
    state: dict | None = None          # the kind's new state (etag/last_modified for HTTP kinds)
    warnings: list[str] = field(default_factory=list)   # partial faults of a good retrieval


@dataclass
class PollResult:
    source_id: int
    name: str
    state: str
    entries: int = 0
    new_items: int = 0
    changed_items: int = 0
    status: int | None = None
    error: str | None = None
    next_poll_at: str | None = None


@dataclass
class Summary:
    sources: int = 0
    ok: int = 0
    not_modified: int = 0
    failing: int = 0
    blocked: int = 0
    empty_selector: int = 0
    skipped: int = 0
    new_items: int = 0
    analyzed: int = 0
    policies_new: int = 0
    policies_updated: int = 0
    alerts: int = 0
    delivered: int = 0
    delivery_failures: int = 0
    errors: list[str] = field(default_factory=list)
    results: list[PollResult] = field(default_factory=list)

    def add(self, r: PollResult) -> None:
        self.results.append(r)
        self.sources += 1
        self.new_items += r.new_items
        if r.state == "partial":
            self.ok += 1
        elif r.state in ("ok", "not_modified", "failing", "blocked", "empty_selector", "skipped"):
            setattr(self, r.state, getattr(self, r.state) + 1)

    def to_dict(self) -> dict:
        return asdict(self)


def fetch_and_parse(source: dict, fetcher: Fetcher, *, etag: str | None = None,
                    last_modified: str | None = None, state: dict | None = None,
                    config: MonitorConfig | None = None,
                    fetched: Callable[[], None] | None = None) -> Outcome:
    """Retrieve one source through its kind (``retrieve(state)``: HTTP kinds fetch and parse,
    ``imap`` reads the mailbox); never raises for source faults. ``state`` is the kind's stored
    state (``source["kind_state"]`` when not given); ``etag``/``last_modified`` are the HTTP
    validators (kept as separate columns). ``fetched()`` is called when the HTTP kinds' one
    request is over, before they parse."""
    try:
        kind = build(source)
        if state is None:
            state = _kind_state(source)
        state = {**state, "etag": etag, "last_modified": last_modified}
        entries, new_state = kind.retrieve(state, Context(fetcher=fetcher, config=config,
                                                          fetched=fetched))
        new_state = dict(new_state or {})
        return Outcome(entries=entries, etag=new_state.pop("etag", None),
                       last_modified=new_state.pop("last_modified", None), status=kind.status,
                       state=new_state, warnings=list(kind.warnings))
    except (FetchError, ParseError) as exc:
        return Outcome(error=exc, status=getattr(exc, "status", None))
    except MonitorError as exc:
        return Outcome(error=exc)
    except Exception as exc:  # a parser bug is this source's fault, not the cycle's
        log.exception("source %s: unexpected error", source.get("id"))
        return Outcome(error=ParseError(f"unexpected {type(exc).__name__}: {exc}"))


def _kind_state(source: dict) -> dict:
    raw = source.get("kind_state")
    if isinstance(raw, dict):
        return dict(raw)
    try:
        return dict(loads(raw, {}) or {})
    except (ValueError, TypeError):
        return {}


def ensure_state(db, source_id: int) -> None:
    db.execute("INSERT INTO source_state (source_id) VALUES (?) ON CONFLICT DO NOTHING", [source_id])


def record(db, source: dict, outcome: Outcome, *, config: MonitorConfig | None = None,
           hooks: Hooks | None = None, now: datetime | None = None) -> PollResult:
    """Store the outcome of one poll: items, state and health, in one transaction."""
    config = config or MonitorConfig()
    now_dt = now or utcnow()
    now_s = iso(now_dt)
    result = PollResult(source_id=source["id"], name=source["name"], state="ok",
                        status=outcome.status)
    with transaction(db):
        ensure_state(db, source["id"])
        st = row(db, "SELECT * FROM source_state WHERE source_id = ?", [source["id"]])
        values: dict = {"last_checked_at": now_s, "lease_until": None,
                        "last_status": outcome.status}
        err = outcome.error
        if isinstance(err, HostBusy):
            # not the source's fault: no failure counted, state and last status kept, and it is
            # due again shortly
            result.state = "skipped"
            result.error = str(err)
            del values["last_status"]
            values["next_poll_at"] = iso(now_dt + timedelta(seconds=SKIPPED_RETRY_S))
            update(db, "source_state", source["id"], values, pk_col="source_id")
            result.next_poll_at = values["next_poll_at"]
            return result
        interval = source["interval_s"]
        if err is None or getattr(err, "state", "") == "not_modified":
            if err is None:
                new_ids, changed = items_mod.store_entries(db, source, outcome.entries or [],
                                                           now_s)
                result.entries = len(outcome.entries or [])
                result.new_items, result.changed_items = len(new_ids), changed
                values.update(etag=outcome.etag, last_modified=outcome.last_modified,
                              items_total=st["items_total"] + len(new_ids))
                if outcome.state:
                    kind_state.save(db, source["id"], outcome.state, now_s)
                build(source).store(db, source, outcome.entries or [], now_s)
                result.state = "partial" if outcome.warnings else "ok"
            else:
                result.state = "not_modified"
            values.update(state=result.state, last_success_at=now_s,
                          last_error="; ".join(outcome.warnings)[:1000] or None,
                          consecutive_failures=0,
                          next_poll_at=iso(now_dt + timedelta(
                              seconds=jittered(interval, config.jitter))))
            if st["broken"]:
                values["broken"] = 0
                _health_alert(db, source, "recovered", st["outages"], None, hooks, now_s)
        else:
            failures = st["consecutive_failures"] + 1
            result.state = getattr(err, "state", "failing")
            result.error = str(err)
            wait = backoff(failures, interval, max(config.backoff_cap, interval))
            retry_after = getattr(err, "retry_after", None)
            if retry_after:
                wait = max(wait, retry_after)
            values.update(state=result.state, last_error=str(err)[:1000],
                          consecutive_failures=failures,
                          next_poll_at=iso(now_dt + timedelta(seconds=wait)))
            if failures >= config.health_threshold and not st["broken"]:
                values["broken"] = 1
                values["outages"] = st["outages"] + 1
                _health_alert(db, source, "broken", st["outages"] + 1, values, hooks, now_s)
        result.next_poll_at = values["next_poll_at"]
        update(db, "source_state", source["id"], values, pk_col="source_id")
    return result


_STATE_TEXT = {
    "failing": "fails", "blocked": "blocks us (403/429/captcha)",
    "empty_selector": "no longer matches its selectors", "not_modified": "is quiet",
}


def _health_alert(db, source: dict, what: str, outage: int, values: dict | None,
                  hooks: Hooks | None, now_s: str) -> None:
    for uid in policies_mod.recipients_for_source(db, source, hooks):
        if what == "broken":
            state = values["state"]
            title = f"Source broken: {source['name']} {_STATE_TEXT.get(state, state)}"
            body = (f"The source {source['name']!r} ({redact_url(source['url'], all_extras=False)})"
                    f" {_STATE_TEXT.get(state, state)}"
                    f" after {values['consecutive_failures']} attempt(s).\n"
                    f"Last error: {redact_text(values['last_error'])}\n"
                    "Announcements from it may be missed until it recovers; you will get one "
                    "message when it does.")
        else:
            title = f"Source recovered: {source['name']}"
            body = (f"The source {source['name']!r} "
                    f"({redact_url(source['url'], all_extras=False)}) works again.")
        alerts_mod.raise_alert(db, user_id=uid, kind=f"source_{what}",
                               key=f"source:{source['id']}:{what}:{outage}:u{uid}", title=title,
                               body=body, source_id=source["id"], now=now_s)


def due_sources(db, now: datetime | None = None, *, all: bool = False,  # noqa: A002
                source_id: int | None = None) -> list[dict]:
    """The enabled sources due at ``now`` (all of them with ``all``; only ``source_id`` with it)."""
    now_s = iso(now or utcnow())
    db.execute("INSERT INTO source_state (source_id) SELECT id FROM sources WHERE "
               + ("true" if source_id is None else "id = ?") + " ON CONFLICT DO NOTHING",
               [] if source_id is None else [source_id])
    sql = """SELECT s.*, st.etag, st.last_modified, ks.state AS kind_state FROM sources s
             JOIN source_state st ON st.source_id = s.id
             LEFT JOIN source_kind_state ks ON ks.source_id = s.id WHERE s.enabled = 1"""
    params: list = []
    if source_id is not None:
        sql += " AND s.id = ?"
        params.append(source_id)
    if not all:
        sql += " AND (st.next_poll_at IS NULL OR st.next_poll_at <= ?)"
        params.append(now_s)
    return rows(db, sql + " ORDER BY COALESCE(st.next_poll_at, ''), s.id", params)


def claim(db, source_id: int, now: datetime, lease_s: float) -> bool:
    """Lease a source for this process so a second monitor does not poll it at the same time."""
    now_s = iso(now)
    with transaction(db):
        ensure_state(db, source_id)
        cur = db.execute("""UPDATE source_state SET lease_until = ? WHERE source_id = ?
                            AND (lease_until IS NULL OR lease_until < ?)""",
                         [iso(now + timedelta(seconds=lease_s)), source_id, now_s])
    return cur.rowcount == 1


def release(db, source_id: int) -> None:
    """Give up a source's lease (its holder died; see :meth:`monitor.queue.Queue.retry_stalled`)."""
    with transaction(db):
        db.execute("UPDATE source_state SET lease_until = NULL WHERE source_id = ?", [source_id])


def poll_source(db, source: dict, *, fetcher: Fetcher | None = None,
                config: MonitorConfig | None = None, hooks: Hooks | None = None,
                conditional: bool = True) -> PollResult:
    """Fetch, parse and record one source on this thread."""
    config = config or MonitorConfig()
    own = fetcher is None
    fetcher = fetcher or Fetcher(config.fetch)
    try:
        st = row(db, "SELECT etag, last_modified FROM source_state WHERE source_id = ?",
                 [source["id"]]) or {}
        outcome = fetch_and_parse(
            source, fetcher, etag=st.get("etag") if conditional else None,
            last_modified=st.get("last_modified") if conditional else None,
            state=kind_state.load(db, source["id"]), config=config)
        return record(db, source, outcome, config=config, hooks=hooks)
    finally:
        if own:
            fetcher.close()


def run_once(db, *, all: bool = False, progress: Callable[[PollResult], None] | None = None,  # noqa: A002
             config: MonitorConfig | None = None, hooks: Hooks | None = None,
             analyzer: Callable[[dict], dict] | None = None, fetcher: Fetcher | None = None,
             sender=None, deliver: bool = True, on_start: Callable[[int], None] | None = None,
             analysis_budget: float | None = None) -> Summary:
    """Poll due sources (every enabled source with ``all``) once, then analyse, merge and
    deliver. ``on_start(n)`` is told how many sources will be polled, ``progress(result)`` is
    called after each. Analysis drains the queue in batches for up to ``analysis_budget``
    seconds (default ``config.analysis_budget``)."""
    config = config or MonitorConfig()
    summary = Summary()
    now = utcnow()
    due = [s for s in due_sources(db, now, all=all) if claim(db, s["id"], now, config.lease_s)]
    if on_start:
        on_start(len(due))
    own = fetcher is None
    fetcher = fetcher or Fetcher(config.fetch)
    try:
        for source, outcome in _fetch_all(due, fetcher, config):
            try:
                result = record(db, source, outcome, config=config, hooks=hooks)
            except Exception as exc:  # keep the other sources going
                log.exception("recording source %s failed", source["id"])
                summary.errors.append(f"source {source['id']}: {exc}")
                continue
            summary.add(result)
            if progress:
                progress(result)
    finally:
        if own:
            fetcher.close()
    analyze_pending(db, summary, analyzer=analyzer, hooks=hooks,
                    budget=analysis_budget if analysis_budget is not None
                    else config.analysis_budget)
    summary.alerts += db.scalar(
        "SELECT COUNT(*) FROM alerts WHERE created_at >= ? AND kind LIKE 'source_%'",
        [iso(now)])
    if deliver:
        d = alerts_mod.deliver_pending(db, config=config, sender=sender)
        summary.delivered, summary.delivery_failures = d.sent, d.failed
    return summary


def analyze_pending(db, summary: Summary, *, analyzer=None, hooks: Hooks | None = None,
                    budget: float = MonitorConfig.analysis_budget, batch: int = ANALYSIS_BATCH) -> None:
    """Analyse queued items batch after batch until none is left or ``budget`` seconds have
    passed (at least one item is analysed per call, so a backlog always moves). Each item is its
    own transaction: a process killed here loses nothing, the rest simply stays queued."""
    deadline = time.monotonic() + max(0.0, budget)
    after = 0
    while True:
        try:
            stats = policies_mod.process_pending(db, analyzer=analyzer, hooks=hooks, limit=batch,
                                                 deadline=deadline, after_id=after)
        except ImportError as exc:
            summary.errors.append(f"analysis unavailable, items stay queued: {exc}")
            return
        summary.analyzed += stats.analyzed
        summary.policies_new += stats.policies_new
        summary.policies_updated += stats.policies_updated
        summary.alerts += stats.alerts
        summary.errors += stats.errors
        if not stats.seen or stats.stopped or time.monotonic() >= deadline:
            return
        after = stats.last_id


def host_key(source: dict) -> str:
    """The host a source is fetched from, as the fetcher's per-host lock names it (host:port);
    a URL without one gets a key of its own (it fails on its own, fast)."""
    try:
        netloc = urlsplit(source.get("url") or "").netloc.lower()
    except ValueError:
        netloc = ""
    return netloc or f"#source-{source['id']}"


def _fetch_all(sources: list[dict], fetcher: Fetcher, config: MonitorConfig):
    """Yield (source, Outcome) for every source as fetches finish.

    At most ``config.workers`` fetches run at once, on a pool of that many daemon threads fed
    one source at a time (so 5,000 due sources cost ``workers`` threads, not 5,000). Sources are
    handed out per host: a host's next source goes out only when its previous request has ended
    (the HTTP kinds say so before they parse, so one source's parsing overlaps the next one's
    request; a kind that does not say so holds its host until its whole retrieval is over),
    so one request per host at a time holds without a worker ever waiting on a host lock, and a
    slow source delays the other sources of its host without making them lose their turn — they
    are all polled in this cycle.

    A fetch running longer than ``fetch.deadline + fetch_grace`` is given up as hung: its
    outcome is ``DeadlineExceeded``, its thread is left behind (a daemon, retired once it
    returns) and a fresh worker takes its place. The abandoned request may still hold its host,
    so that host's remaining sources are reported ``HostBusy`` (recorded "skipped": polled again
    shortly, not counted as failing) — as they are when the host was held by someone else for a
    whole deadline, or when one of its requests timed out (so a dead host costs a cycle one
    deadline, not one per source). Not a ``ThreadPoolExecutor``: its workers are joined at interpreter exit, so
    a hung fetch could keep the process alive, and a stuck worker cannot be replaced.
    """
    if not sources:
        return
    size = max(1, min(config.workers, len(sources)))
    limit = config.fetch.deadline + config.fetch_grace
    tasks: queue.SimpleQueue = queue.SimpleQueue()
    results: queue.SimpleQueue = queue.SimpleQueue()
    lock = threading.Lock()
    started: dict[int, tuple[float, int]] = {}      # source id -> (monotonic start, worker no)
    retired: set[int] = set()                       # workers whose fetch was abandoned
    workers_alive = [0]

    def work(no: int) -> None:
        while True:
            src = tasks.get()
            if src is None:
                return
            with lock:
                started[src["id"]] = (time.monotonic(), no)
            try:
                outcome = fetch_and_parse(src, fetcher, etag=src.get("etag"),
                                          last_modified=src.get("last_modified"),
                                          config=config,
                                          fetched=lambda sid=src["id"]: results.put((sid, FETCHED)))
            except BaseException as exc:  # noqa: BLE001 - fetch_and_parse never raises; be sure
                outcome = Outcome(error=MonitorError(f"{type(exc).__name__}: {exc}"))
            results.put((src["id"], outcome))
            with lock:
                started.pop(src["id"], None)
                if no in retired:
                    return

    def spawn() -> None:
        workers_alive[0] += 1
        no = workers_alive[0]
        threading.Thread(target=work, args=(no,), name=f"monitor-fetch-{no}",
                         daemon=True).start()

    by_id = {s["id"]: s for s in sources}
    waiting: dict[str, deque] = {}
    for s in sources:
        waiting.setdefault(host_key(s), deque()).append(s)
    ready: deque[str] = deque(waiting)              # hosts with sources waiting, none in flight
    in_flight: dict[int, str] = {}                  # source id -> host
    released: set[int] = set()                      # in flight, request over, parsing
    remaining = len(sources)

    def host_done(host: str, why: str | None):
        """The host's fetch ended; with ``why`` the rest of its sources are skipped."""
        rest = waiting.get(host)
        if why is not None:
            while rest:
                yield rest.popleft(), Outcome(error=HostBusy(why))
        elif rest:
            ready.append(host)

    for _ in range(size):
        spawn()
    try:
        while remaining:
            while ready and len(in_flight) < size:
                host = ready.popleft()
                src = waiting[host].popleft()
                in_flight[src["id"]] = host
                tasks.put(src)
            try:
                sid, outcome = results.get(timeout=0.25)
            except queue.Empty:
                now = time.monotonic()
                with lock:
                    hung = [(sid, started[sid][1]) for sid in in_flight
                            if sid in started and now - started[sid][0] > limit]
                    retired.update(no for _sid, no in hung)
                for sid, _no in hung:
                    host = in_flight.pop(sid)
                    spawn()  # the hung worker keeps its thread; the pool keeps its size
                    remaining -= 1
                    yield by_id[sid], Outcome(error=DeadlineExceeded(
                        f"fetch hung for more than {limit:g} s and was abandoned"))
                    if sid in released:  # hung parsing: its request, and host, were done
                        released.discard(sid)
                        continue
                    for item in host_done(host, f"{host}: an earlier request to this host hung "
                                                f"and was abandoned; polled again shortly"):
                        remaining -= 1
                        yield item
                continue
            if sid not in in_flight:  # an abandoned fetch that ended after all
                continue
            if outcome is FETCHED:
                # its request is over and it is being parsed: the host's next source may go
                # (still one request per host at a time; the worker stays taken)
                if sid not in released:
                    released.add(sid)
                    for _ in host_done(in_flight[sid], None):  # only queues the host again
                        pass
                continue
            host = in_flight.pop(sid)
            remaining -= 1
            yield by_id[sid], outcome
            if sid in released:  # the host went on when the request was over
                released.discard(sid)
                continue
            why = None
            if isinstance(outcome.error, HostBusy):
                why = f"{host}: busy with another request for a whole deadline; polled again shortly"
            elif isinstance(outcome.error, DeadlineExceeded):
                # a host that let a request time out would make each of its other sources wait
                # a whole deadline in turn: they wait for a later cycle instead
                why = f"{host}: an earlier request to this host timed out; polled again shortly"
            for item in host_done(host, why):
                remaining -= 1
                yield item
    finally:
        for _ in range(size):  # idle workers exit; busy ones exit after their fetch
            tasks.put(None)
