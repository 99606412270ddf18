/**
 * Everything the browser runtime takes from the outside world. The widgets use
 * `getBrowserDeps()`; tests pass fakes so time, network and storage are under their control.
 */
export interface ClientDeps {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Undefined where storage is blocked (Safari private mode, sandboxed iframes, cookies off). */
  storage: Storage | undefined;
  now: () => number;
  random: () => number;
  randomUUID: () => string;
  /** Resolves after `ms`, or rejects at once when `signal` aborts (so no timer outlives its owner). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  isOnline: () => boolean;
}

/** Waits `ms` unless `signal` aborts first; the timer is cleared either way. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `localStorage` if the page may use it, else undefined (reading it can throw). */
export function getLocalStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    const probe = '__leadkit_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

// RFC 4122 v4 from getRandomValues, for the rare page that is not a secure context
// (plain http on a LAN), where crypto.randomUUID is missing.
function fallbackUUID(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The real browser implementations. */
export function getBrowserDeps(): ClientDeps {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    storage: getLocalStorage(),
    now: () => Date.now(),
    random: Math.random,
    randomUUID: () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : fallbackUUID()),
    sleep,
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
  };
}
