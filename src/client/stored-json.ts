/** Reads a JSON value from storage; anything missing, blocked or corrupt reads as undefined. */
export function readStoredJson(storage: Storage | undefined, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a JSON value; returns false when storage is blocked or full. */
export function writeStoredJson(storage: Storage | undefined, key: string, value: unknown): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
