import { RATE_GATE_DDL } from './postgres-rate-gate';

/** One versioned schema change, applied in its own transaction. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema, applied in order by `migratePostgres` under an advisory lock. Never
 * edit a released entry: append the next version (a feature with its own table adds its
 * entry here). Times are bigint milliseconds since the epoch, as the Store interface speaks
 * them; the bookings' ranges are derived from them for the exclusion constraints.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'leads, outbox, settings, backend state',
    // next_attempt_at is when an entry is due: for pending, the next attempt; for in_flight,
    // the end of its lease. The partial index holds only entries that can still be claimed,
    // in due order, so a claim reads the few rows at its head however many were delivered.
    sql: `
      CREATE TABLE leads (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        lead_ref text NOT NULL,
        form text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        body_hash text NOT NULL,
        spam text,
        created_at bigint NOT NULL,
        data text NOT NULL
      );
      CREATE INDEX leads_form ON leads (form, seq);
      CREATE TABLE local_leads (
        lead_id text NOT NULL,
        backend text NOT NULL,
        received_at bigint NOT NULL,
        PRIMARY KEY (backend, lead_id)
      );
      CREATE TABLE deliveries (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        lead_id text NOT NULL,
        backend text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'in_flight', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        started_attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint,
        lease_until bigint,
        lease_token text,
        last_error text,
        external_id text,
        payload text,
        created_at bigint NOT NULL,
        age_from bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX deliveries_due ON deliveries (backend, next_attempt_at)
        WHERE status IN ('pending', 'in_flight');
      CREATE INDEX deliveries_status ON deliveries (status, created_at);
      CREATE INDEX deliveries_lead ON deliveries (lead_id, backend);
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE backend_state (
        backend text NOT NULL,
        key text NOT NULL,
        value text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (backend, key)
      );
    `,
  },
  {
    version: 2,
    name: 'bookings that cannot overlap',
    // Two exclusion constraints, checked by the database whatever instance writes:
    //
    // - bookings_no_overlap: two confirmed bookings of one calendar never share a moment.
    // - bookings_keep_buffer: among bookings made under the same buffer, each is stored as
    //   [start, end + buffer), so two of them conflict exactly when the gap between them is
    //   under the buffer (A before B: B.start < A.end + buffer), which is the rule the store
    //   checks. Comparing buffer_ms with = keeps bookings made under another buffer (the
    //   calendar's bufferMinutes was changed) out of each other's way: they are held apart
    //   by the first constraint, and by the check the store runs before its insert.
    //
    // buffer_ms is null for a booking made without the rule (a vendor's calendar decides):
    // such rows take part in neither constraint. The check constraint bounds a booking under
    // the rule to a day, as the Store interface does.
    sql: `
      CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE TABLE bookings (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        calendar text NOT NULL,
        lead_id text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        body_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
        start_at bigint NOT NULL,
        end_at bigint NOT NULL,
        buffer_ms bigint CHECK (buffer_ms >= 0),
        updated_at bigint NOT NULL,
        data text NOT NULL,
        booked tstzrange GENERATED ALWAYS AS
          (tstzrange(to_timestamp(start_at / 1000.0), to_timestamp(end_at / 1000.0), '[)')) STORED,
        guarded tstzrange GENERATED ALWAYS AS
          (tstzrange(to_timestamp(start_at / 1000.0), to_timestamp((end_at + coalesce(buffer_ms, 0)) / 1000.0), '[)')) STORED,
        CHECK (buffer_ms IS NULL OR (end_at > start_at AND end_at - start_at <= 86400000)),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (calendar WITH =, booked WITH &&)
          WHERE (status = 'confirmed' AND buffer_ms IS NOT NULL),
        CONSTRAINT bookings_keep_buffer EXCLUDE USING gist (calendar WITH =, buffer_ms WITH =, guarded WITH &&)
          WHERE (status = 'confirmed' AND buffer_ms IS NOT NULL)
      );
      CREATE INDEX bookings_busy ON bookings (calendar, start_at) WHERE status = 'confirmed';
    `,
  },
  {
    version: 3,
    name: 'tracking events and intent signals',
    // Client addresses are never stored: source_hash is keyed, network truncated (docs/tracking.md).
    // The ids are derived (a replayed request, a racing third open): their uniqueness is what
    // keeps a signal single when two instances record at once.
    sql: `
      CREATE TABLE tracking_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        kind text NOT NULL,
        email_id text NOT NULL,
        lead_id text NOT NULL,
        campaign text,
        url text,
        verdict text NOT NULL,
        reason text NOT NULL,
        source_hash text NOT NULL,
        network text NOT NULL,
        counted boolean NOT NULL,
        occurred_at bigint NOT NULL
      );
      CREATE INDEX tracking_events_email ON tracking_events (email_id, occurred_at);
      CREATE TABLE signals (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        lead_id text NOT NULL,
        type text NOT NULL,
        detail text NOT NULL,
        occurred_at bigint NOT NULL,
        machine boolean NOT NULL,
        source text NOT NULL,
        event_id text,
        created_at bigint NOT NULL
      );
      CREATE INDEX signals_lead ON signals (lead_id, seq);
    `,
  },
  {
    version: 4,
    name: 'vendor rate limits shared by every instance',
    // One ring of slots per rate key (postgres-rate-gate.ts), admitted on the database clock.
    sql: RATE_GATE_DDL,
  },
];
