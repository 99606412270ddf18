/**
 * A controller that also aborts when `parent` does — how one element's lifetime reaches
 * every request, timer and listener it starts. The link to the parent is removed as soon
 * as the child aborts, so short-lived children do not pile up listeners on a long-lived
 * parent.
 */
export function createLinkedController(parent: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (parent?.aborted) controller.abort(parent.reason);
  else
    parent?.addEventListener('abort', () => controller.abort(parent.reason), {
      once: true,
      signal: controller.signal,
    });
  return controller;
}
