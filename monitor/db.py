"""The database seam: the one module that knows which database it talks to.

Every package writes its SQL once, in the subset SQLite 3.35+ and PostgreSQL 13+ share (``?``
or ``:name`` placeholders, ``INSERT ... ON CONFLICT DO NOTHING``, ``RETURNING id``, ``COALESCE``,
qualified columns in upserts, aliased sub-selects) and talks to a :class:`Database`:

- :func:`connect` opens the embedded SQLite file (the default, nothing to install) or, when
  ``SELLERGUARD_DATABASE_URL=postgresql://…`` is set (or the target is such an address),
  PostgreSQL through psycopg 3. The dialect translates placeholders and DDL; nothing else in the
  code base names a dialect, except the schema steps that must (triggers), which give one text
  per dialect.
- Rows are :class:`Row`: a tuple that also answers ``row["column"]``, ``keys()`` and ``dict(row)``.
- Connections run in autocommit mode; writers group their statements in :func:`transaction`.
  On SQLite it takes the write lock up front (``BEGIN IMMEDIATE``) so that two writers queue on
  the busy timeout instead of failing with "database is locked"; on PostgreSQL it takes the same
  single writer lock (a transaction-scoped advisory lock), so read-then-write code keeps the
  meaning it has on SQLite across processes and machines. Nested calls become savepoints.
- :func:`migrate` applies each package's versioned steps (a step is never edited once released:
  a new version is a new step, so an existing database never loses data), each in its own
  transaction, recorded in ``schema_migrations`` — the same steps on both engines.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 10_000
URL_ENV = "SELLERGUARD_DATABASE_URL"
# the key of the transaction-scoped advisory lock that serialises writers on PostgreSQL
WRITE_LOCK_KEY = 0x5E11E6


class DatabaseError(RuntimeError):
    """The database refused a statement or could not be reached (dialect-neutral)."""


class IntegrityError(DatabaseError):
    """A constraint (unique, foreign key, check, not null) refused a write."""


class MigrationError(RuntimeError):
    """A migration step failed; the database is left at the previous version."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, seconds precision — the one timestamp format we store."""
    if dt is None:
        return None
    return dt.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- rows -----------------------------------------------------------------------------------

class Row(tuple):
    """One result row: positional like a tuple, and by column name like a mapping."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)

    def get(self, key: str, default: Any = None) -> Any:
        i = self._index.get(key)
        return default if i is None else tuple.__getitem__(self, i)

    def as_dict(self) -> dict:
        return dict(zip(self._index, self))


@functools.lru_cache(maxsize=1024)
def _row_type(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})


class Cursor:
    """The result of :meth:`Database.execute`; rows come back as :class:`Row`."""

    __slots__ = ("_cur", "_type", "rowcount", "description")

    def __init__(self, cur, rowcount: int | None = None) -> None:
        self._cur = cur
        self.description = cur.description
        self.rowcount = cur.rowcount if rowcount is None else rowcount
        self._type = _row_type(tuple(d[0] for d in cur.description)) if cur.description else None

    def fetchone(self) -> Row | None:
        if self._type is None:
            return None
        found = self._cur.fetchone()
        return None if found is None else self._type(found)

    def fetchall(self) -> list[Row]:
        if self._type is None:
            return []
        t = self._type
        return [t(r) for r in self._cur.fetchall()]

    def __iter__(self) -> Iterator[Row]:
        if self._type is None:
            return iter(())
        t = self._type
        return (t(r) for r in self._cur)


# --- dialects -------------------------------------------------------------------------------

class Dialect:
    """What differs between engines: connecting, placeholders, DDL types, the write lock."""

    name = ""
    begin = "BEGIN"

    def translate(self, sql: str, has_params: bool) -> str:
        return sql

    def translate_ddl(self, sql: str) -> str:
        return sql


class SQLite(Dialect):
    name = "sqlite"
    begin = "BEGIN IMMEDIATE"

    def connect(self, path: str):
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn


# a placeholder, or a string/identifier/comment/cast that must be copied as it is
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|::|%|\?|(?<![:\w]):([A-Za-z_]\w*)""")
_DDL = [
    (re.compile(r"\bid INTEGER PRIMARY KEY\b"), "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bifnull\(", re.IGNORECASE), "COALESCE("),
]


class PostgreSQL(Dialect):
    name = "postgresql"
    begin = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"

    def connect(self, url: str):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise DatabaseError("PostgreSQL needs psycopg: pip install 'sellerguard[postgres]'") from exc
        try:
            conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot connect to PostgreSQL: {_redact(str(exc))}") from exc
        conn.adapters.register_dumper(bool, _bool_dumper())
        conn.execute("SET TIME ZONE 'UTC'")
        return conn

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one dialect object per process
    def translate(self, sql: str, has_params: bool) -> str:
        if not has_params:  # psycopg sends a statement without parameters as it is
            return sql

        def sub(m: re.Match) -> str:
            tok = m.group(0)
            if tok == "?":
                return "%s"
            if tok == "%":
                return "%%"
            if m.group(1):
                return f"%({m.group(1)})s"
            return tok.replace("%", "%%")  # psycopg reads '%' inside literals too

        return _TOKENS.sub(sub, sql)

    def translate_ddl(self, sql: str) -> str:
        for pattern, repl in _DDL:
            sql = pattern.sub(repl, sql)
        return sql


@functools.lru_cache(maxsize=1)
def _bool_dumper():
    """Python booleans are stored as 0/1 integers on both engines (SQLite has no boolean)."""
    import psycopg
    from psycopg.adapt import Dumper

    class BoolAsInt(Dumper):
        oid = psycopg.postgres.types["int8"].oid

        def dump(self, obj):
            return b"1" if obj else b"0"

    return BoolAsInt


def _redact(text: str) -> str:
    """Never print a database password: ``postgresql://user:secret@host`` → ``user:***@host``."""
    return re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1***@", re.sub(r"password=\S+", "password=***", text))


def redact_url(url: str) -> str:
    return _redact(str(url))


def is_url(target: str | Path | None) -> bool:
    return str(target or "").startswith(("postgresql://", "postgres://"))


# --- the database ---------------------------------------------------------------------------

class Database:
    """One connection to the database, whichever engine it is."""

    def __init__(self, dialect: Dialect, conn, target: str) -> None:
        self.dialect = dialect
        self.raw = conn
        self.target = target
        self._sqlite = dialect.name == "sqlite"
        if not self._sqlite:
            import psycopg

            self._errors = (psycopg.Error,)
            self._integrity = (psycopg.IntegrityError,)
        else:
            self._errors = (sqlite3.Error,)
            self._integrity = (sqlite3.IntegrityError,)

    @property
    def name(self) -> str:
        return self.dialect.name

    def execute(self, sql: str, params: Sequence | dict | None = None) -> Cursor:
        """Run one statement (placeholders ``?`` or ``:name``)."""
        try:
            if self._sqlite:
                return Cursor(self.raw.execute(sql, params if params is not None else ()))
            has = bool(params)
            cur = self.raw.execute(self.dialect.translate(sql, has), params if has else None)
            return Cursor(cur)
        except self._integrity as exc:
            raise IntegrityError(str(exc)) from exc
        except self._errors as exc:
            raise DatabaseError(_redact(str(exc))) from exc

    def scalar(self, sql: str, params: Sequence | dict | None = None) -> Any:
        """The first column of the first row (a COUNT, an id from RETURNING), or None."""
        found = self.execute(sql, params).fetchone()
        return None if found is None else tuple.__getitem__(found, 0)

    def executemany(self, sql: str, seq: Iterable[Sequence | dict]) -> int:
        try:
            if self._sqlite:
                return self.raw.executemany(sql, seq).rowcount
            with self.raw.cursor() as cur:
                cur.executemany(self.dialect.translate(sql, True), list(seq))
                return cur.rowcount
        except self._integrity as exc:
            raise IntegrityError(str(exc)) from exc
        except self._errors as exc:
            raise DatabaseError(_redact(str(exc))) from exc

    def script(self, sql: str) -> None:
        """Run several statements without parameters (migrations)."""
        for statement in _statements(sql) if self._sqlite else [sql]:
            self.execute(statement)

    def insert(self, table: str, values: dict, *, or_ignore: bool = False) -> int | None:
        """INSERT one row; returns its ``id`` (None when the table has none, or when
        ``or_ignore`` skipped a duplicate)."""
        cols = list(values)
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        if or_ignore:
            sql += " ON CONFLICT DO NOTHING"
        found = self.execute(f"{sql} RETURNING *", [values[c] for c in cols]).fetchone()
        return None if found is None else found.get("id")

    def sync_ids(self, table: str) -> None:
        """After rows were written with explicit ids, let the next generated id follow them."""
        if not self._sqlite:
            self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")

    @property
    def in_transaction(self) -> bool:
        if self._sqlite:
            return self.raw.in_transaction
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    def table_columns(self, table: str) -> list[str]:
        """The column names of ``table`` (in order)."""
        if self._sqlite:
            return [r[1] for r in self.execute(f"PRAGMA table_info({table})")]
        return [r[0] for r in self.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", [table])]

    def tables(self) -> list[str]:
        if self._sqlite:
            return [r[0] for r in self.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [r[0] for r in self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "ORDER BY table_name")]


_DIALECTS = {"sqlite": SQLite(), "postgresql": PostgreSQL()}


def url_from_env() -> str | None:
    return os.environ.get(URL_ENV) or None


def connect(target: str | Path | None = None) -> Database:
    """Open the database: ``SELLERGUARD_DATABASE_URL`` when set, else ``target`` — a PostgreSQL
    address or the SQLite file (opened in WAL mode with a busy timeout and foreign keys on)."""
    url = url_from_env()
    if url or is_url(target):
        url = url or str(target)
        if not is_url(url):
            raise DatabaseError(f"{URL_ENV} must be a postgresql:// address")
        dialect = _DIALECTS["postgresql"]
        return Database(dialect, dialect.connect(url), url)
    if target is None:
        raise DatabaseError("no database: give a file or set " + URL_ENV)
    dialect = _DIALECTS["sqlite"]
    return Database(dialect, dialect.connect(str(target)), str(target))


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One write transaction; nested calls become savepoints."""
    if db.in_transaction:
        name = f"sp_{id(object())}"
        db.raw.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            db.raw.execute(f"ROLLBACK TO SAVEPOINT {name}")
            db.raw.execute(f"RELEASE SAVEPOINT {name}")
            raise
        db.raw.execute(f"RELEASE SAVEPOINT {name}")
        return
    try:
        db.raw.execute(db.dialect.begin)
    except db._errors as exc:
        raise DatabaseError(_redact(str(exc))) from exc
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.raw.execute("COMMIT")


# --- migrations -----------------------------------------------------------------------------

# a step: SQL for both engines, SQL per engine ({"sqlite": ..., "postgresql": ...}), or a function
Step = str | dict | Callable[[Database], None]


def _statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows the grammar)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if buf.strip():
        raise MigrationError(f"incomplete SQL statement: {buf.strip()[:80]}")


_migrations_ready: set[tuple[int, str]] = set()
_lock = threading.Lock()


def _ensure_migrations_table(db: Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " namespace TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
        " PRIMARY KEY (namespace, version))"
    )


def current_version(db: Database, namespace: str) -> int:
    _ensure_migrations_table(db)
    row = db.execute(
        "SELECT MAX(version) FROM schema_migrations WHERE namespace = ?", [namespace]
    ).fetchone()
    return row[0] or 0


def _apply(db: Database, step: Step) -> None:
    if callable(step):
        step(db)
        return
    if isinstance(step, dict):
        sql = step[db.name]
    else:
        sql = db.dialect.translate_ddl(step)
    db.script(sql)


def migrate(db: Database, namespace: str, steps: Sequence[Step]) -> int:
    """Apply the steps of ``namespace`` not yet applied; returns the new version.

    Several processes may start at once: the version is read again inside the step's write
    transaction, so a step another process applied meanwhile is not applied twice."""
    version = current_version(db, namespace)
    if version > len(steps):
        raise MigrationError(
            f"database has {namespace} version {version}, this program knows {len(steps)}: "
            "upgrade SellerGuard instead of downgrading the database"
        )
    while version < len(steps):
        number = version + 1
        try:
            with transaction(db):
                version = current_version(db, namespace)
                if version >= number:
                    continue
                _apply(db, steps[number - 1])
                db.execute(
                    "INSERT INTO schema_migrations (namespace, version, applied_at) VALUES (?, ?, ?)",
                    [namespace, number, iso(utcnow())],
                )
                version = number
        except DatabaseError as exc:
            raise MigrationError(f"{namespace} migration {number} failed: {exc}") from exc
    return version
