/**
 * Versioned schema changes, applied in order at start (`Store.migrate`). Never edit a
 * released entry: add the next one.
 */
export const SQLITE_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'leads, outbox, settings, backend state',
    sql: `
      CREATE TABLE leads (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        lead_ref TEXT NOT NULL,
        form TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        body_hash TEXT NOT NULL,
        spam TEXT,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX leads_form ON leads (form, seq);
      CREATE TABLE local_leads (
        lead_id TEXT NOT NULL,
        backend TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (backend, lead_id)
      );
      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        lead_id TEXT NOT NULL,
        backend TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        lease_until INTEGER,
        lease_token TEXT,
        last_error TEXT,
        external_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- next_attempt_at is when an entry is due: for pending, the next attempt; for in_flight,
      -- the end of its lease. One index then serves the claim and the next-due query.
      CREATE INDEX deliveries_due ON deliveries (backend, status, next_attempt_at);
      CREATE INDEX deliveries_status ON deliveries (status, created_at);
      CREATE INDEX deliveries_lead ON deliveries (lead_id);
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE backend_state (
        backend TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (backend, key)
      );
    `,
  },
  {
    version: 2,
    name: 'attempt numbers that survive a replay; age counted from the last replay',
    // attempts counts against retry.maxAttempts (restarts on a replay, a 429 gives its one
    // back); started_attempts numbers every attempt ever started, so a backend can tell a
    // redelivery. age_from is where retry.maxAgeHours counts from.
    sql: `
      ALTER TABLE deliveries ADD COLUMN started_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE deliveries ADD COLUMN age_from INTEGER NOT NULL DEFAULT 0;
      UPDATE deliveries SET started_attempts = attempts, age_from = created_at;
    `,
  },
  {
    version: 3,
    name: 'bookings; booking events in the outbox',
    // start_at/end_at (ms) are what the overlap check reads; data is the whole StoredBooking.
    // A delivery's payload is a booking event's data as it stood when the event happened
    // (a later reschedule must not change what booking.created said).
    sql: `
      CREATE TABLE bookings (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        calendar TEXT NOT NULL,
        lead_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        body_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX bookings_busy ON bookings (calendar, status, start_at);
      ALTER TABLE deliveries ADD COLUMN payload TEXT;
    `,
  },
  {
    version: 4,
    name: 'tracking events and intent signals',
    // Client addresses are never stored: source_hash is keyed, network truncated (docs/tracking.md).
    sql: `
      CREATE TABLE tracking_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        email_id TEXT NOT NULL,
        lead_id TEXT NOT NULL,
        campaign TEXT,
        url TEXT,
        verdict TEXT NOT NULL,
        reason TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        network TEXT NOT NULL,
        counted INTEGER NOT NULL,
        occurred_at INTEGER NOT NULL
      );
      CREATE INDEX tracking_events_email ON tracking_events (email_id, occurred_at);
      CREATE TABLE signals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        lead_id TEXT NOT NULL,
        type TEXT NOT NULL,
        detail TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        machine INTEGER NOT NULL,
        source TEXT NOT NULL,
        event_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX signals_lead ON signals (lead_id, seq);
    `,
  },
];
