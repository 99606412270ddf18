import type { BookingEventType } from './booking';

/** Where an outbox entry stands (CONTRACT §4). */
export const DELIVERY_STATUSES = ['pending', 'in_flight', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * What an outbox entry carries to its backend: a lead (every backend), a booking event
 * (only backends with `deliverEvent`, the webhook), or an intent signal (only backends with
 * `deliverSignal`: LIO and the webhook).
 */
export type DeliveryKind = 'lead' | BookingEventType | 'signal';

/** An outbox entry as the admin API and the CLI show it. */
export interface DeliveryView {
  id: string;
  leadId: string;
  backend: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  updatedAt: string;
  externalId?: string | null;
}
