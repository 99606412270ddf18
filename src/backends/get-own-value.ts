/**
 * `record[key]` when the record itself holds `key`, else undefined: never a member of
 * `Object.prototype`. A lead's keys are refused at intake when they are prototype names, but a
 * mapper must not depend on that: `({})['constructor']` is `Object`, which would turn into a
 * vendor field named "function Object() { [native code] }".
 */
export function getOwnValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
