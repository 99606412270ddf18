/** A half-open span of time `[start, end)` between two instants. */
export interface Interval {
  start: Date;
  end: Date;
}
