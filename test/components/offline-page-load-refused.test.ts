// @vitest-environment jsdom
/**
 * A page load that finds an old queue: a submission past the queue's maximum age is deleted
 * without being sent, and one the proxy refuses for good (a 4xx other than 408/429) leaves
 * the browser too, with `leadkit:error` on `document` so the page can tell the visitor.
 * (Its own file: `defineLeadForm` flushes once per page load, i.e. once per module.)
 */
import { expect, it } from 'vitest';
import { enqueueSubmission, MAX_QUEUE_AGE_MS } from '../../src/client/offline-queue';
import { defineLeadForm } from '../../widgets/lead-form/define';
import { LeadFormElement } from '../../widgets/lead-form/lead-form';
import { createFakeProxy, createTestDeps, json } from './fake-proxy';

it('deletes an expired submission unsent and a refused one with leadkit:error', async () => {
  const proxy = createFakeProxy({
    leadReplies: [json(400, { error: { code: 'validation_failed', message: 'Check the fields.' } })],
  });
  const { deps } = createTestDeps(proxy.fetch);
  const queued = (id: string, savedAt: number) => ({
    endpoint: 'https://leads.example.com',
    form: 'demo',
    submission: { submissionId: id, fields: { name: 'Jane', email: `${id}@example.com` } },
    savedAt,
  });
  enqueueSubmission(queued('refused', deps.now()), deps);
  enqueueSubmission(queued('expired', deps.now() - MAX_QUEUE_AGE_MS - 1000), { ...deps, now: () => 0 });
  expect(deps.storage?.getItem('leadkit:queue')).toContain('expired@example.com');

  LeadFormElement.createDeps = () => deps;
  const error = new Promise<CustomEvent>((resolve) =>
    document.addEventListener('leadkit:error', (e) => resolve(e as CustomEvent), { once: true }),
  );
  defineLeadForm();
  expect((await error).detail).toEqual({
    code: 'validation_failed',
    message: 'Check the fields.',
    form: 'demo',
  });
  expect(proxy.posts().map((p) => p.headers['idempotency-key'])).toEqual(['refused']);
  expect(deps.storage?.getItem('leadkit:queue')).toBe('[]');
});
