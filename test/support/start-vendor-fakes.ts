import { type LeadcenterFake, startLeadcenterFake } from '../fakes/leadcenter-fake';
import { type LioFake, startLioFake } from '../fakes/lio-fake';
import { type QualifybaseFake, startQualifybaseFake } from '../fakes/qualifybase-fake';
import { type QvooFake, startQvooFake } from '../fakes/qvoo-fake';
import { type SquadStackFake, startSquadStackFake } from '../fakes/squadstack-fake';

/** The five vendor fakes, running on 127.0.0.1. */
export interface VendorFakes {
  qualifybase: QualifybaseFake;
  lio: LioFake;
  qvoo: QvooFake;
  squadstack: SquadStackFake;
  leadcenter: LeadcenterFake;
  /** 429 answers per fake so far. */
  rateLimited(): Record<VendorName, number>;
  /**
   * A `backends` config section with one backend per fake (named after its vendor), each
   * with the same rate as its fake plus `common` (timeouts, concurrency, retry) and any
   * per-vendor `overrides` (a wrong key, say).
   */
  backendsConfig(
    common?: Record<string, unknown>,
    overrides?: Partial<Record<VendorName, Record<string, unknown>>>,
  ): Record<VendorName, Record<string, unknown>>;
  close(): Promise<void>;
}

const QVOO_LEAD_ID_FIELD = {
  fieldKey: 'leadkit_lead_id',
  displayName: 'leadkit lead id',
  type: 'text',
  required: false,
  isCustom: true,
  options: [],
};

export const VENDOR_NAMES = ['qualifybase', 'lio', 'qvoo', 'squadstack', 'leadcenter'] as const;
export type VendorName = (typeof VENDOR_NAMES)[number];

/**
 * Starts all five fakes with one rate (`count` requests per sliding `windowMs`), as every
 * vendor counts it, so a test can scale the documented per-minute limits down.
 */
export async function startVendorFakes(rate: { count: number; windowMs: number }): Promise<VendorFakes> {
  const [qualifybase, lio, qvoo, squadstack, leadcenter] = await Promise.all([
    startQualifybaseFake({ rateLimit: rate }),
    startLioFake({ rateLimit: rate }),
    // The workspace has a custom lead field for leadkit's lead id, so exactly-once counts can read it.
    startQvooFake({ rateLimit: rate, leadFields: [QVOO_LEAD_ID_FIELD] }),
    startSquadStackFake({ rateLimit: rate }),
    startLeadcenterFake({ rateLimit: rate }),
  ]);
  const rateLimit = `${rate.count}/${rate.windowMs / 1000}s`;
  return {
    qualifybase,
    lio,
    qvoo,
    squadstack,
    leadcenter,
    rateLimited: () => ({
      qualifybase: qualifybase.stats.rateLimited,
      lio: lio.rateLimited,
      qvoo: qvoo.rateLimited,
      squadstack: squadstack.rateLimited,
      leadcenter: leadcenter.stats.rateLimited,
    }),
    backendsConfig(common = {}, overrides = {}) {
      const base = { rateLimit, ...common };
      return {
        qualifybase: {
          type: 'qualifybase',
          baseUrl: qualifybase.url,
          apiKey: qualifybase.apiKey,
          ...base,
          ...overrides.qualifybase,
        },
        lio: { type: 'lio', baseUrl: lio.url, apiKey: lio.apiKey, ...base, ...overrides.lio },
        qvoo: {
          type: 'qvoo',
          baseUrl: qvoo.url,
          workspaceId: qvoo.workspaceId,
          apiKey: qvoo.apiKey,
          ...base,
          ...overrides.qvoo,
        },
        squadstack: {
          type: 'squadstack',
          baseUrl: squadstack.baseUrl,
          refId: squadstack.refId,
          token: squadstack.token,
          ...base,
          ...overrides.squadstack,
        },
        leadcenter: {
          type: 'leadcenter',
          baseUrl: leadcenter.url,
          token: leadcenter.token,
          ...base,
          ...overrides.leadcenter,
        },
      };
    },
    async close() {
      await Promise.all([
        qualifybase.close(),
        lio.close(),
        qvoo.close(),
        squadstack.close(),
        leadcenter.close(),
      ]);
    },
  };
}
