import { ProxyError } from '../proxy-error';

/** At most this much of `fields` (as JSON) goes back: about 30 problems. */
const MAX_FIELDS_BYTES = 2048;
/** A path is the caller's own key echoed back: kept short. */
const MAX_PATH_LENGTH = 80;

/**
 * The 400 `validation_failed` error for a list of problems (path → message), bounded in size:
 * long paths are cut and problems past ~2 KB are counted in the message instead of listed,
 * so an answer is never much larger than the request that caused it (a 31 KB body of unknown
 * keys used to get 130 KB back).
 */
export function toValidationError(problems: Readonly<Record<string, string>>): ProxyError {
  const fields: Record<string, string> = {};
  let size = 2;
  let left = 0;
  for (const [path, message] of Object.entries(problems)) {
    const key = path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH - 1)}…` : path;
    const cost = key.length + message.length + 6;
    if (left || size + cost > MAX_FIELDS_BYTES || Object.hasOwn(fields, key)) {
      left += Object.hasOwn(fields, key) ? 0 : 1;
      continue;
    }
    fields[key] = message;
    size += cost;
  }
  const more = left ? ` (${left} more not listed)` : '';
  return new ProxyError(400, 'validation_failed', `The submission has problems; see fields${more}.`, {
    fields,
  });
}
