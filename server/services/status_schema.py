"""What keeps ``GET /status`` cheap (namespace ``server.status``). A released step is never
edited: add a new one.

Everything here is kept by triggers, not by calls in the services: no write path (API, CLI,
import, the monitor, a future service) can forget it, and it changes in the same transaction as
the write that caused it.

- ``data_versions``: one counter per user, bumped by every write to a table whose rows
  ``/status`` or ``/alerts`` show (accounts, contacts, alerts, alert deliveries, channels, users).
  Policies are shared by every user: their writes bump the row of ``user_id`` 0, which every
  ETag includes.
- ``contacts.check_error``: the message of the first error-severity warning of the contact's
  checks (NULL when there is none), so no request decodes the checks JSON to count.
- ``contacts.step_base``: the contact's next step ignoring holds (``fix_contact`` |
  ``verify_locally`` | ``verify_on_amazon`` | NULL), the rules of
  ``server.services.status.contact_next_step`` (a plain column, not a generated one: SQLite reads
  an index on a virtual column from the table, and the counts must come from the index alone).
- ``accounts.next_code``: the account's next step (``add_emergency_contact`` or its first
  contact's step not on hold, in role order; NULL when nothing is left) and
  ``accounts.hold_ends``: the last day of its earliest running hold. Holds end with the calendar,
  not with a write: ``status.refresh_ended_holds`` recomputes the accounts whose ``hold_ends``
  has passed before a status is built. ``n_contacts``, ``n_verified``, ``n_pending``: the
  account's contacts, those with nothing left to do, those with a step (holds excluded).
- ``user_summary``: per user, the sums of those columns and the accounts by next step, kept by
  triggers on ``accounts`` from each row's old and new values: the counts of ``/status`` are one
  row, whatever the number of accounts.
"""

_BUMP = ("INSERT INTO data_versions (user_id, version) VALUES ({uid}, 1) "
         "ON CONFLICT (user_id) DO UPDATE SET version = version + 1;")

# tables whose rows carry user_id and change what /status or /alerts shows
_USER_TABLES = ("accounts", "contacts", "alerts", "alert_deliveries", "channels")

_ROLE_ORDER = "CASE k.role WHEN 'emergency' THEN 0 WHEN 'primary' THEN 1 ELSE 2 END"


def account_summary_sets(account: str, today: str = "date('now')") -> str:
    """``SET`` clause recomputing ``next_code`` and ``hold_ends`` of the account ``account``
    (an SQL expression: ``NEW.account_id``, ``accounts.id``)."""
    return f"""next_code = CASE
            WHEN NOT EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = {account}
                             AND k.role = 'emergency' AND k.kind = 'phone')
              OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = {account}
                             AND k.role = 'emergency' AND k.kind = 'email')
            THEN 'add_emergency_contact'
            ELSE (SELECT k.step_base FROM contacts k WHERE k.account_id = {account}
                  AND k.step_base IS NOT NULL AND (k.on_hold_until IS NULL OR k.on_hold_until < {today})
                  ORDER BY {_ROLE_ORDER}, k.id LIMIT 1) END,
        hold_ends = (SELECT MIN(k.on_hold_until) FROM contacts k WHERE k.account_id = {account}
                     AND k.on_hold_until >= {today}),
        n_contacts = (SELECT COUNT(*) FROM contacts k WHERE k.account_id = {account}),
        n_verified = (SELECT COUNT(*) FROM contacts k WHERE k.account_id = {account}
                      AND k.step_base IS NULL AND (k.on_hold_until IS NULL OR k.on_hold_until < {today})),
        n_pending = (SELECT COUNT(*) FROM contacts k WHERE k.account_id = {account}
                     AND k.step_base IS NOT NULL AND (k.on_hold_until IS NULL OR k.on_hold_until < {today}))"""


SUMMARY_COLUMNS = ("accounts", "contacts", "verified", "pending", "held_accounts", "fix_contact",
                   "add_emergency_contact", "verify_locally", "verify_on_amazon")


def _contribution(ref: str, sign: str) -> str:
    """The upsert adding (sign '+') or removing ('-') one account row's share of its user's summary."""
    values = [f"{sign}1", f"{sign}{ref}.n_contacts", f"{sign}{ref}.n_verified", f"{sign}{ref}.n_pending",
              f"{sign}({ref}.hold_ends IS NOT NULL)"] + [
        f"{sign}({ref}.next_code IS '{code}')" for code in SUMMARY_COLUMNS[5:]]
    sets = ", ".join(f"{c} = {c} + excluded.{c}" for c in SUMMARY_COLUMNS)
    return (f"INSERT INTO user_summary (user_id, {', '.join(SUMMARY_COLUMNS)}) "
            f"VALUES ({ref}.user_id, {', '.join(values)}) ON CONFLICT (user_id) DO UPDATE SET {sets};")


_USER_SUMMARY_TRIGGERS = "\n".join((
    f"CREATE TRIGGER accounts_summary_insert AFTER INSERT ON accounts BEGIN {_contribution('NEW', '+')} END;",
    f"CREATE TRIGGER accounts_summary_delete AFTER DELETE ON accounts BEGIN {_contribution('OLD', '-')} END;",
    "CREATE TRIGGER accounts_summary_update AFTER UPDATE OF next_code, hold_ends, n_contacts, n_verified, "
    f"n_pending, user_id ON accounts BEGIN {_contribution('OLD', '-')} {_contribution('NEW', '+')} END;",
))


def _version_triggers() -> str:
    out = []
    for table in _USER_TABLES:
        for event, ref in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            out.append(f"CREATE TRIGGER dv_{table}_{event.lower()} AFTER {event} ON {table} "
                       f"BEGIN {_BUMP.format(uid=ref + '.user_id')} END;")
        # an update that moves a row to another user bumps the old owner too
        out.append(f"CREATE TRIGGER dv_{table}_move AFTER UPDATE OF user_id ON {table} "
                   f"WHEN OLD.user_id IS NOT NEW.user_id BEGIN {_BUMP.format(uid='OLD.user_id')} END;")
    out.append(f"CREATE TRIGGER dv_users_update AFTER UPDATE ON users BEGIN {_BUMP.format(uid='NEW.id')} END;")
    for event in ("INSERT", "UPDATE", "DELETE"):
        out.append(f"CREATE TRIGGER dv_policies_{event.lower()} AFTER {event} ON policies "
                   f"BEGIN {_BUMP.format(uid='0')} END;")
    return "\n".join(out)


def _one_line(sql: str) -> str:
    return " ".join(sql.split())


_CHECK_ERROR = ("(SELECT json_extract(w.value, '$.message') FROM json_each({ref}.checks, '$.warnings') w "
                "WHERE json_extract(w.value, '$.severity') = 'error' ORDER BY w.key LIMIT 1)")

def _step_base(check_error: str, ref: str) -> str:
    return (f"CASE WHEN {check_error} IS NOT NULL THEN 'fix_contact' "
            f"WHEN {ref}.local_status != 'verified' THEN 'verify_locally' "
            f"WHEN {ref}.amazon_status != 'verified' THEN 'verify_on_amazon' END")


_SET_STEP = (f"UPDATE contacts SET check_error = {_CHECK_ERROR.format(ref='NEW')}, "
             f"step_base = {_step_base(_CHECK_ERROR.format(ref='NEW'), 'NEW')} WHERE id = NEW.id;")

# Each write ends in exactly one recomputation of the account: the step triggers set step_base,
# and setting step_base (or a hold, role, kind) fires contacts_summary_update.
_SUMMARY_TRIGGERS = "\n".join(_one_line(t) for t in (
    f"CREATE TRIGGER contacts_step_insert AFTER INSERT ON contacts BEGIN {_SET_STEP} END;",
    f"CREATE TRIGGER contacts_step_update AFTER UPDATE OF checks, local_status, amazon_status "
    f"ON contacts BEGIN {_SET_STEP} END;",
    f"CREATE TRIGGER contacts_summary_update AFTER UPDATE OF step_base, on_hold_until, role, kind, "
    f"account_id ON contacts BEGIN UPDATE accounts SET {account_summary_sets('accounts.id')} "
    f"WHERE id IN (NEW.account_id, OLD.account_id); END;",
    f"CREATE TRIGGER contacts_summary_delete AFTER DELETE ON contacts BEGIN "
    f"UPDATE accounts SET {account_summary_sets('accounts.id')} WHERE id = OLD.account_id; END;",
))

# --- PostgreSQL: the same columns and the same rules, kept by trigger functions -------------
# (PostgreSQL runs a trigger's statements in a function; a BEFORE trigger sets the contact's
# step in the row being written instead of updating it again, and "UPDATE OF" lists the same
# columns as SQLite's triggers, so the same writes cause the same recomputations.)

PG_TODAY = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')"

_PG_CHECK_ERROR = """CREATE FUNCTION sg_check_error(checks TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT w ->> 'message' FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(checks::jsonb -> 'warnings') = 'array' THEN checks::jsonb -> 'warnings'
             ELSE '[]'::jsonb END) WITH ORDINALITY AS t(w, n)
    WHERE w ->> 'severity' = 'error' ORDER BY n LIMIT 1 $$;
CREATE FUNCTION sg_step_base(check_error TEXT, local_status TEXT, amazon_status TEXT)
    RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN check_error IS NOT NULL THEN 'fix_contact'
                WHEN local_status != 'verified' THEN 'verify_locally'
                WHEN amazon_status != 'verified' THEN 'verify_on_amazon' END $$;"""


def _pg_summary_values(ref: str) -> str:
    flags = [f"s * ({ref}.hold_ends IS NOT NULL)::int"] + [
        f"s * ({ref}.next_code IS NOT DISTINCT FROM '{code}')::int" for code in SUMMARY_COLUMNS[5:]]
    return ", ".join([f"{ref}.user_id", "s", f"s * {ref}.n_contacts", f"s * {ref}.n_verified",
                      f"s * {ref}.n_pending", *flags])


_PG_FUNCTIONS = f"""{_PG_CHECK_ERROR}
CREATE FUNCTION sg_bump(uid BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO data_versions AS d (user_id, version) VALUES (uid, 1)
    ON CONFLICT (user_id) DO UPDATE SET version = d.version + 1 $$;
CREATE FUNCTION sg_dv_user_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM sg_bump(OLD.user_id);
    ELSE
        PERFORM sg_bump(NEW.user_id);
        IF TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN
            PERFORM sg_bump(OLD.user_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION sg_dv_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM sg_bump(NEW.id); RETURN NULL; END $$;
CREATE FUNCTION sg_dv_policies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM sg_bump(0); RETURN NULL; END $$;
CREATE FUNCTION sg_contact_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.check_error := sg_check_error(NEW.checks);
    NEW.step_base := sg_step_base(NEW.check_error, NEW.local_status, NEW.amazon_status);
    RETURN NEW;
END $$;
CREATE FUNCTION sg_account_refresh(aid BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE accounts SET {account_summary_sets('accounts.id', PG_TODAY)} WHERE id = aid $$;
CREATE FUNCTION sg_contact_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM sg_account_refresh(OLD.account_id);
    ELSE
        PERFORM sg_account_refresh(NEW.account_id);
        IF TG_OP = 'UPDATE' AND OLD.account_id IS DISTINCT FROM NEW.account_id THEN
            PERFORM sg_account_refresh(OLD.account_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION sg_summary_add(a accounts, s INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO user_summary AS u (user_id, {', '.join(SUMMARY_COLUMNS)})
    VALUES ({_pg_summary_values('a')})
    ON CONFLICT (user_id) DO UPDATE SET {', '.join(f"{c} = u.{c} + excluded.{c}" for c in SUMMARY_COLUMNS)} $$;
CREATE FUNCTION sg_user_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM sg_summary_add(OLD, -1); END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM sg_summary_add(NEW, 1); END IF;
    RETURN NULL;
END $$;"""


def _pg_triggers() -> str:
    out = [f"CREATE TRIGGER dv_{t} AFTER INSERT OR UPDATE OR DELETE ON {t} FOR EACH ROW "
           "EXECUTE FUNCTION sg_dv_user_row();" for t in _USER_TABLES]
    out += [
        "CREATE TRIGGER dv_users_update AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION sg_dv_users();",
        "CREATE TRIGGER dv_policies AFTER INSERT OR UPDATE OR DELETE ON policies FOR EACH ROW "
        "EXECUTE FUNCTION sg_dv_policies();",
        "CREATE TRIGGER contacts_step BEFORE INSERT OR UPDATE OF checks, local_status, amazon_status "
        "ON contacts FOR EACH ROW EXECUTE FUNCTION sg_contact_step();",
        "CREATE TRIGGER contacts_summary AFTER INSERT OR DELETE OR UPDATE OF checks, local_status, "
        "amazon_status, step_base, on_hold_until, role, kind, account_id ON contacts FOR EACH ROW "
        "EXECUTE FUNCTION sg_contact_summary();",
        "CREATE TRIGGER accounts_summary AFTER INSERT OR DELETE OR UPDATE OF next_code, hold_ends, "
        "n_contacts, n_verified, n_pending, user_id ON accounts FOR EACH ROW "
        "EXECUTE FUNCTION sg_user_summary();",
    ]
    return "\n".join(out)


_PG_STEP = f"""
    CREATE TABLE data_versions (
        user_id BIGINT PRIMARY KEY,
        version BIGINT NOT NULL
    );
    ALTER TABLE contacts ADD COLUMN check_error TEXT;
    ALTER TABLE contacts ADD COLUMN step_base TEXT;
    ALTER TABLE accounts ADD COLUMN next_code TEXT DEFAULT 'add_emergency_contact';
    ALTER TABLE accounts ADD COLUMN hold_ends TEXT;
    ALTER TABLE accounts ADD COLUMN n_contacts BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN n_verified BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN n_pending BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN needs_action BIGINT
        GENERATED ALWAYS AS (CASE WHEN next_code IS NOT NULL THEN 1 ELSE 0 END) STORED;
    CREATE TABLE user_summary (
        user_id BIGINT PRIMARY KEY,
        {' '.join(c + ' BIGINT NOT NULL DEFAULT 0,' for c in SUMMARY_COLUMNS)[:-1]}
    );
    {_PG_FUNCTIONS}
    UPDATE contacts SET check_error = sg_check_error(checks);
    UPDATE contacts SET step_base = sg_step_base(check_error, local_status, amazon_status);
    CREATE INDEX contacts_user_step ON contacts(user_id, step_base, on_hold_until);
    CREATE INDEX contacts_user_value ON contacts(user_id, value, account_id);
    UPDATE accounts SET {account_summary_sets('accounts.id', PG_TODAY)};
    CREATE INDEX accounts_user_action ON accounts(user_id, needs_action DESC, id);
    INSERT INTO user_summary (user_id, {', '.join(SUMMARY_COLUMNS)})
        SELECT user_id, COUNT(*), SUM(n_contacts), SUM(n_verified), SUM(n_pending), COUNT(hold_ends),
               {', '.join(f"SUM(CASE WHEN next_code = '{c}' THEN 1 ELSE 0 END)" for c in SUMMARY_COLUMNS[5:])}
        FROM accounts GROUP BY user_id;
    CREATE INDEX accounts_user_hold ON accounts(user_id, hold_ends) WHERE hold_ends IS NOT NULL;
    {_pg_triggers()}
"""

_SQLITE_STEP = f"""
    CREATE TABLE data_versions (
        user_id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL
    );
    ALTER TABLE contacts ADD COLUMN check_error TEXT;
    ALTER TABLE contacts ADD COLUMN step_base TEXT;
    UPDATE contacts SET check_error = {_CHECK_ERROR.format(ref='contacts')};
    UPDATE contacts SET step_base = {_step_base('contacts.check_error', 'contacts')};
    CREATE INDEX contacts_user_step ON contacts(user_id, step_base, on_hold_until);
    CREATE INDEX contacts_user_value ON contacts(user_id, value, account_id);
    ALTER TABLE accounts ADD COLUMN next_code TEXT DEFAULT 'add_emergency_contact';
    ALTER TABLE accounts ADD COLUMN hold_ends TEXT;
    ALTER TABLE accounts ADD COLUMN n_contacts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN n_verified INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN n_pending INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN needs_action INTEGER GENERATED ALWAYS AS (next_code IS NOT NULL) VIRTUAL;
    UPDATE accounts SET {account_summary_sets('accounts.id')};
    CREATE INDEX accounts_user_action ON accounts(user_id, needs_action DESC, id);
    CREATE TABLE user_summary (
        user_id INTEGER PRIMARY KEY,
        {' '.join(c + ' INTEGER NOT NULL DEFAULT 0,' for c in SUMMARY_COLUMNS)[:-1]}
    );
    INSERT INTO user_summary (user_id, {', '.join(SUMMARY_COLUMNS)})
        SELECT user_id, COUNT(*), SUM(n_contacts), SUM(n_verified), SUM(n_pending), COUNT(hold_ends),
               {', '.join(f"SUM(next_code IS '{c}')" for c in SUMMARY_COLUMNS[5:])}
        FROM accounts GROUP BY user_id;
    CREATE INDEX accounts_user_hold ON accounts(user_id, hold_ends) WHERE hold_ends IS NOT NULL;
    {_SUMMARY_TRIGGERS}
    {_USER_SUMMARY_TRIGGERS}
    {_version_triggers()}
    """

STEPS: list = [{"sqlite": _SQLITE_STEP, "postgresql": _PG_STEP}]

