import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../test/components/fake-proxy';
import { createLeadRef, parseLeadRef } from '../proxy/security/lead-ref';
import { readLeadRef, storeLeadRef } from './lead-ref';

const SECRET = 'client-test-secret-0123456789';

describe('the stored lead reference', () => {
  it('keeps every reference the proxy mints, exactly as minted', () => {
    for (const leadId of [crypto.randomUUID(), crypto.randomUUID(), 'lead-1']) {
      const deps = { storage: createMemoryStorage() };
      const ref = createLeadRef(leadId, SECRET);
      expect(storeLeadRef(ref, deps)).toBe(true);
      expect(deps.storage.getItem('leadkit:lead-ref')).toBe(JSON.stringify(ref));
      expect(readLeadRef(deps)).toBe(ref);
      expect(parseLeadRef(readLeadRef(deps) as string, SECRET)).toBe(leadId);
    }
  });

  it('refuses junk and never reads back junk someone put in storage', () => {
    const deps = { storage: createMemoryStorage() };
    const good = createLeadRef(crypto.randomUUID(), SECRET);
    storeLeadRef(good, deps);
    for (const junk of ['', ' ', '<script>', 'a b', 'x'.repeat(600), 'ref"', 'a/b', 'é']) {
      expect(storeLeadRef(junk, deps)).toBe(false);
      expect(readLeadRef(deps)).toBe(good);
    }
    deps.storage.setItem('leadkit:lead-ref', JSON.stringify('<img onerror=x>'));
    expect(readLeadRef(deps)).toBeUndefined();
    deps.storage.setItem('leadkit:lead-ref', '{not json');
    expect(readLeadRef(deps)).toBeUndefined();
  });

  it('is not kept where storage is blocked', () => {
    expect(storeLeadRef(createLeadRef('lead-1', SECRET), { storage: undefined })).toBe(false);
    expect(readLeadRef({ storage: undefined })).toBeUndefined();
  });
});
