/** A column's type as both schemas hold it: times and counts are integers (ms), flags booleans. */
export type CopyColumnType = 'text' | 'bigint' | 'integer' | 'boolean';

/** One row of a copied table, by column name, in those types. */
export type CopyRow = Record<string, string | number | boolean | null>;

/** A table `leadkit store copy` moves, with the columns both stores share. */
export interface CopyTable {
  name: CopyTableName;
  /** The unique key a row is known by in the target (its conflict target). */
  key: readonly string[];
  columns: Readonly<Record<string, CopyColumnType>>;
  /**
   * Columns only the PostgreSQL schema has, filled by the copy: `buffer_ms` of a booking,
   * the overlap rule the exclusion constraints read (postgres-migrations.ts, version 2).
   */
  derived?: Readonly<Record<string, CopyColumnType>>;
}

export type CopyTableName =
  | 'leads'
  | 'local_leads'
  | 'deliveries'
  | 'settings'
  | 'backend_state'
  | 'bookings'
  | 'tracking_events'
  | 'signals';

/**
 * Every table of durable state, in the order they are copied; read and written in the
 * source's insertion order (`seq`, else rowid), so the target numbers its `seq` the same way
 * and every newest-first listing stays as it was. Not copied: `schema_migrations` (the
 * target migrates itself) and PostgreSQL's `rate_gate_slots` (windows of a few seconds of
 * vendor calls, rebuilt as instances admit calls).
 */
export const COPY_TABLES: readonly CopyTable[] = [
  {
    name: 'settings',
    key: ['key'],
    columns: { key: 'text', value: 'text' },
  },
  {
    name: 'backend_state',
    key: ['backend', 'key'],
    columns: { backend: 'text', key: 'text', value: 'text', updated_at: 'bigint' },
  },
  {
    name: 'leads',
    key: ['id'],
    columns: {
      id: 'text',
      lead_ref: 'text',
      form: 'text',
      idempotency_key: 'text',
      body_hash: 'text',
      spam: 'text',
      created_at: 'bigint',
      data: 'text',
    },
  },
  {
    name: 'local_leads',
    key: ['backend', 'lead_id'],
    columns: { lead_id: 'text', backend: 'text', received_at: 'bigint' },
  },
  {
    name: 'bookings',
    key: ['id'],
    columns: {
      id: 'text',
      calendar: 'text',
      lead_id: 'text',
      idempotency_key: 'text',
      body_hash: 'text',
      status: 'text',
      start_at: 'bigint',
      end_at: 'bigint',
      updated_at: 'bigint',
      data: 'text',
    },
    derived: { buffer_ms: 'bigint' },
  },
  {
    name: 'deliveries',
    key: ['id'],
    columns: {
      id: 'text',
      lead_id: 'text',
      backend: 'text',
      kind: 'text',
      status: 'text',
      attempts: 'integer',
      started_attempts: 'integer',
      next_attempt_at: 'bigint',
      lease_until: 'bigint',
      lease_token: 'text',
      last_error: 'text',
      external_id: 'text',
      payload: 'text',
      created_at: 'bigint',
      age_from: 'bigint',
      updated_at: 'bigint',
    },
  },
  {
    name: 'tracking_events',
    key: ['id'],
    columns: {
      id: 'text',
      kind: 'text',
      email_id: 'text',
      lead_id: 'text',
      campaign: 'text',
      url: 'text',
      verdict: 'text',
      reason: 'text',
      source_hash: 'text',
      network: 'text',
      counted: 'boolean',
      occurred_at: 'bigint',
    },
  },
  {
    name: 'signals',
    key: ['id'],
    columns: {
      id: 'text',
      lead_id: 'text',
      type: 'text',
      detail: 'text',
      occurred_at: 'bigint',
      machine: 'boolean',
      source: 'text',
      event_id: 'text',
      created_at: 'bigint',
    },
  },
];
