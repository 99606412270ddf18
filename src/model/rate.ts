/** A rate: `count` per `windowMs`. */
export interface RateSpec {
  count: number;
  windowMs: number;
}

const UNITS: Record<string, number> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000 };

/**
 * Parses `"<count>/<window>"` where the window is `s`, `min`, `h` or a number of seconds
 * (`"12/6s"`, CONTRACT §5). Returns null for anything else.
 *
 * @example parseRate('120/min') // { count: 120, windowMs: 60000 }
 */
export function parseRate(text: string): RateSpec | null {
  const match = /^\s*(\d+)\s*\/\s*(\d*(?:\.\d+)?)\s*(s|sec|min|m|h)?\s*$/.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const amount = match[2] === '' ? 1 : Number(match[2]);
  const unit = match[3] ?? (match[2] === '' ? undefined : 's');
  if (!unit || !(count > 0) || !(amount > 0)) return null;
  return { count, windowMs: Math.round(amount * (UNITS[unit] ?? 1000)) };
}
