"""The whole SQLite schema, in one place. Times are epoch seconds (floats) of the injectable clock."""

from __future__ import annotations

SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS brokers (
    id INTEGER PRIMARY KEY,
    makler_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    address TEXT NOT NULL,
    api_key_hash TEXT NOT NULL UNIQUE,
    sender_authenticated INTEGER NOT NULL DEFAULT 1,
    seed INTEGER,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS app_settings (
    broker_id INTEGER NOT NULL REFERENCES brokers(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('android', 'ios')),
    min_app_version TEXT NOT NULL,
    min_os_version TEXT NOT NULL,
    PRIMARY KEY (broker_id, platform)
);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    broker_id INTEGER NOT NULL REFERENCES brokers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'firma')),
    email TEXT
);
CREATE TABLE IF NOT EXISTS contracts (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    insurer TEXT NOT NULL,
    line TEXT NOT NULL,
    premium TEXT NOT NULL,
    documents TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT,
    email_norm TEXT,
    kundenportal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS contacts_by_email ON contacts (email_norm);
CREATE TABLE IF NOT EXISTS externals (
    id INTEGER PRIMARY KEY,
    broker_id INTEGER NOT NULL REFERENCES brokers(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    email_norm TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('eingeladen', 'aktiv', 'deaktiviert')),
    password_hash TEXT,
    invited_at REAL NOT NULL,
    password_proved INTEGER NOT NULL DEFAULT 0,  -- a world file's password of an invited account came
                                                 -- from a registration opened from the invitation link
    UNIQUE (broker_id, email_norm)
);
CREATE TABLE IF NOT EXISTS links (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'confirmation', 'reset')),
    external_id INTEGER NOT NULL REFERENCES externals(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL,
    used_at REAL,
    password_hash TEXT,  -- a registration's password, applied only when its own link confirms it
    proved INTEGER NOT NULL DEFAULT 0  -- that registration carried the invitation link's secret
);
-- The newest registration per address, whatever the address's state (invited or not, active,
-- deactivated). It never grants anything: a login with its password (when that is not the
-- account's own) answers 403 account_not_confirmed for every address alike, so registering and
-- logging in cannot tell which addresses a broker invited (OWASP ASVS 6.3.8).
CREATE TABLE IF NOT EXISTS registrations (
    broker_id INTEGER NOT NULL REFERENCES brokers(id) ON DELETE CASCADE,
    email_norm TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    registered_at REAL NOT NULL,
    PRIMARY KEY (broker_id, email_norm)
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    external_id INTEGER NOT NULL REFERENCES externals(id) ON DELETE CASCADE,
    access_hash TEXT NOT NULL UNIQUE,
    access_expires REAL NOT NULL,
    refresh_expires REAL NOT NULL,
    revoked_at REAL,
    platform TEXT NOT NULL,
    app_version TEXT NOT NULL,
    scope TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    used_at REAL
);
CREATE TABLE IF NOT EXISTS mail_providers (
    name TEXT PRIMARY KEY,
    domains TEXT NOT NULL,
    spam_folder TEXT NOT NULL,
    strict INTEGER NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    broker_id INTEGER REFERENCES brokers(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    recipient_norm TEXT NOT NULL,
    sender TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    links TEXT NOT NULL,
    folder TEXT NOT NULL,
    sent_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_recipient ON messages (recipient_norm);
-- Browsers that signed in to the Makler-Konsole (device cookies, simulator/backend/web/sign_in.py).
CREATE TABLE IF NOT EXISTS konsole_devices (
    token_hash TEXT PRIMARY KEY,
    broker_id INTEGER NOT NULL REFERENCES brokers(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start REAL NOT NULL,
    locked_until REAL NOT NULL DEFAULT 0,
    refused TEXT
);
"""

# Tables whose CHECK constraints changed after a file database may already exist: (table, a text the
# current definition holds). Such a table is rebuilt with the current definition, its rows kept.
REBUILDS = (("links", "'invitation'"),)
# Columns added after a file database may already exist: (table, column, declaration).
MIGRATIONS = (
    ("links", "password_hash", "TEXT"),
    ("links", "proved", "INTEGER NOT NULL DEFAULT 0"),
    ("externals", "password_proved", "INTEGER NOT NULL DEFAULT 0"),
    ("throttle", "refused", "TEXT"),
)
