"""Tables of local verification (namespace ``server.verification``). A released step is never
edited: add a new one.

- ``verifications``: one per attempt to prove a contact receives codes. The code exists only as
  ``code_hash`` (HMAC-SHA256 keyed with the installation secret over ``"v<id>:<code>"``), cleared
  once the verification leaves ``pending``; the emailed link token only as ``link_hash``.
- ``verification_sends``: every send (for the per-destination and per-country-code hourly limits).
- ``verification_failures``: every wrong code (for the daily cap per contact across verifications;
  keyed by the destination so deleting and re-adding a contact does not reset it).
- ``outbox``: the development delivery sink. It stores the full destination and the message text
  (which contains the code) on purpose, because reading it is how a developer gets the code when
  no provider is configured; it is only used when the user has no channel for the purpose.
- ``hold_reminders``: one row per (contact, hold end) reminded, so reminders are sent once.
"""

STEPS: list[str] = [
    """
    CREATE TABLE verifications (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
        destination TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'en',
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
            ('pending', 'approved', 'expired', 'canceled', 'max_attempts_reached', 'failed')),
        code_hash TEXT,
        link_hash TEXT UNIQUE,
        attempts INTEGER NOT NULL DEFAULT 0,
        sends INTEGER NOT NULL DEFAULT 0,
        last_sent_at TEXT,
        next_resend_at TEXT,
        expires_at TEXT NOT NULL,
        locked_until TEXT,
        failure_reason TEXT,
        delivered_via TEXT,
        channel_ids TEXT NOT NULL DEFAULT '[]',
        warning TEXT,
        override_checks INTEGER NOT NULL DEFAULT 0,
        approved_at TEXT,
        approved_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX verifications_contact ON verifications(contact_id, status);
    CREATE INDEX verifications_user ON verifications(user_id, id);
    CREATE TABLE verification_sends (
        id INTEGER PRIMARY KEY,
        verification_id INTEGER NOT NULL REFERENCES verifications(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        destination TEXT NOT NULL,
        country_code TEXT,
        at TEXT NOT NULL,
        ok INTEGER,
        via TEXT,
        error TEXT
    );
    CREATE INDEX verification_sends_dest ON verification_sends(user_id, destination, at);
    CREATE INDEX verification_sends_cc ON verification_sends(user_id, country_code, at);
    CREATE TABLE verification_failures (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        verification_id INTEGER REFERENCES verifications(id) ON DELETE SET NULL,
        destination TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX verification_failures_dest ON verification_failures(user_id, destination, at);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        destination TEXT NOT NULL,
        subject TEXT,
        body TEXT NOT NULL,
        verification_id INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE INDEX outbox_user ON outbox(user_id, id);
    CREATE TABLE hold_reminders (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        hold_until TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        result TEXT,
        UNIQUE (contact_id, hold_until)
    );
    """,
]
