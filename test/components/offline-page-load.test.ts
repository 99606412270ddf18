// @vitest-environment jsdom
import { expect, it } from 'vitest';
import { enqueueSubmission } from '../../src/client/offline-queue';
import { defineLeadForm } from '../../widgets/lead-form/define';
import { LeadFormElement } from '../../widgets/lead-form/lead-form';
import { createFakeProxy, createTestDeps } from './fake-proxy';

it('resends what an earlier page queued on the next page load, once, under the same key', async () => {
  const proxy = createFakeProxy();
  const { deps } = createTestDeps(proxy.fetch);
  const submission = {
    submissionId: '0b7c6f1e-3c1a-4c39-9a53-2f4f1d8a9e21',
    fields: { name: 'Jane', email: 'jane@example.com' },
  };
  enqueueSubmission(
    { endpoint: 'https://leads.example.com', form: 'demo', submission, savedAt: deps.now() },
    deps,
  );
  LeadFormElement.createDeps = () => deps;
  const success = new Promise<CustomEvent>((resolve) =>
    document.addEventListener('leadkit:success', (e) => resolve(e as CustomEvent), { once: true }),
  );
  defineLeadForm();
  defineLeadForm(); // a second copy of the script does not send it again
  expect((await success).detail).toEqual({ leadId: 'lead-1', form: 'demo', queued: true });
  expect(proxy.posts()).toHaveLength(1);
  expect(proxy.posts()[0]?.headers['idempotency-key']).toBe(submission.submissionId);
  expect(deps.storage?.getItem('leadkit:queue')).toBe('[]');
  expect(deps.storage?.getItem('leadkit:attribution')).toContain('landingPage');
});
