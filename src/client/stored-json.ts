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

/**
 * Removes every key that starts with `prefix`; false when storage refused (it is then left
 * as it was). Storage that is missing or blocked holds nothing, so that is true.
 */
export function removeStoredKeys(getStorage: () => Storage | undefined, prefix: string): boolean {
  try {
    const storage = getStorage();
    if (!storage) return true;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    return true;
  } catch {
    // Reading `localStorage` itself throws where the page may not use it: nothing kept there.
    return false;
  }
}
