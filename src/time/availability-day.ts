/** One slot as the API shows it: ISO 8601 instants with the offset of the requested zone. */
export interface AvailabilitySlot {
  /** e.g. `2026-03-29T03:00:00+02:00` */
  start: string;
  end: string;
}

/** The slots of one date in the requested zone (CONTRACT §4 availability `days`). */
export interface AvailabilityDay {
  /** `YYYY-MM-DD` in the requested zone. */
  date: string;
  /** Strictly increasing by start. */
  slots: AvailabilitySlot[];
}
