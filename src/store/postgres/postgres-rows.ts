/** Paging as the PostgreSQL store reads it. */
/** A page cursor is the last row's seq; anything else reads as "from the start". */
export function parseCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const seq = Number(cursor);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}
