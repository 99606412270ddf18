import * as z from 'zod/mini';
import { type FieldDef, fieldDefSchema } from '../../model/field';
import type { BackendLogger, BackendStateStore } from '../backend';

/** What leadkit keeps of `GET …/schema`: the form fields behind `"from:qvoo"`, and every lead `fieldKey`. */
export interface QvooWorkspaceSchema {
  formFields: FieldDef[];
  /** Every `leadFields[].fieldKey`, also those that cannot be form fields: what `fields` may carry. */
  fieldKeys: string[];
}

/** The workspace's schema, served from a cache that survives restarts and Qvoo outages. */
export interface QvooSchemaCache {
  /**
   * The fields: fresh from the cache; stale from the cache while a background refresh
   * runs; fetched now only when there is no copy at all (and then a Qvoo failure throws).
   */
  get(signal: AbortSignal): Promise<QvooWorkspaceSchema>;
  /** Stops a background refresh in flight. */
  close(): void;
}

export interface QvooSchemaCacheOptions {
  /** Fetches and maps `GET …/schema`; throws an Error (without secrets) when it cannot. */
  load(signal: AbortSignal): Promise<QvooWorkspaceSchema>;
  state: BackendStateStore;
  stateKey: string;
  /** A copy younger than this is served without asking Qvoo. */
  ttlMs: number;
  now: () => Date;
  logger: BackendLogger;
}

// A copy saved before `fieldKeys` was kept does not parse and is fetched anew.
const savedSchema = z.object({
  fetchedAt: z.number(),
  formFields: z.array(fieldDefSchema),
  fieldKeys: z.array(z.string()),
});
type SavedSchema = z.infer<typeof savedSchema>;

/** A failed background refresh is not tried again sooner than this, so an outage is not hammered. */
const MIN_RETRY_MS = 30_000;

/**
 * Stale-while-revalidate over `GET …/schema`. The last good copy is kept in memory and in
 * the backend state, so a form with `"from:qvoo"` still renders while Qvoo is down, and
 * after a restart before Qvoo is back. Deliveries read the same copy for the `fieldKey`s a
 * lead's `fields` may carry.
 */
export function createQvooSchemaCache(options: QvooSchemaCacheOptions): QvooSchemaCache {
  let entry: SavedSchema | null = null;
  let stateRead = false;
  let inFlight: Promise<QvooWorkspaceSchema> | null = null;
  let lastFailureAt = Number.NEGATIVE_INFINITY;
  const background = new AbortController();

  const readState = async (): Promise<void> => {
    if (stateRead) return;
    stateRead = true;
    try {
      const text = await options.state.get(options.stateKey);
      const parsed = text ? savedSchema.safeParse(JSON.parse(text)) : null;
      if (parsed?.success && !entry) entry = parsed.data;
    } catch (error) {
      options.logger.warn(
        { err: (error as Error)?.message },
        'qvoo: the saved schema copy could not be read',
      );
    }
  };

  const refresh = (signal: AbortSignal): Promise<QvooWorkspaceSchema> => {
    inFlight ??= (async () => {
      try {
        const schema = await options.load(signal);
        entry = { fetchedAt: options.now().getTime(), ...schema };
        try {
          await options.state.set(options.stateKey, JSON.stringify(entry));
        } catch (error) {
          options.logger.warn({ err: (error as Error)?.message }, 'qvoo: the schema copy could not be saved');
        }
        return schema;
      } catch (error) {
        lastFailureAt = options.now().getTime();
        throw error;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };

  return {
    async get(signal) {
      await readState();
      if (!entry) return refresh(signal);
      const at = options.now().getTime();
      const stale = at - entry.fetchedAt >= options.ttlMs;
      if (stale && !inFlight && !background.signal.aborted && at - lastFailureAt >= MIN_RETRY_MS) {
        refresh(background.signal).catch((error: unknown) => {
          options.logger.warn(
            { err: (error as Error)?.message, ageMs: at - (entry?.fetchedAt ?? at) },
            'qvoo: schema refresh failed; serving the last good copy',
          );
        });
      }
      return { formFields: entry.formFields, fieldKeys: entry.fieldKeys };
    },
    close() {
      background.abort();
    },
  };
}
