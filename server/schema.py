"""Tables owned by the server package. A released step is never edited: add a new one."""

MIGRATIONS: list[str] = [
    # 1: users, tokens, pairing codes, accounts, contacts, the audit trail
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
    );
    CREATE INDEX tokens_user ON tokens(user_id);
    CREATE TABLE pairing_codes (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
    );
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        merchant_id TEXT,
        marketplaces TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX accounts_user ON accounts(user_id, id);
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
        role TEXT NOT NULL CHECK (role IN ('emergency', 'primary', 'other')),
        value TEXT NOT NULL,
        checks TEXT NOT NULL DEFAULT '{}',
        local_status TEXT NOT NULL DEFAULT 'unverified',
        local_verified_at TEXT,
        amazon_status TEXT NOT NULL DEFAULT 'unknown',
        amazon_status_source TEXT,
        amazon_status_at TEXT,
        on_hold_until TEXT,
        hold_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX contacts_account ON contacts(account_id, id);
    CREATE INDEX contacts_user ON contacts(user_id, id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        subject_type TEXT,
        subject_id INTEGER,
        data TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX events_user ON events(user_id, id);
    """,
]
