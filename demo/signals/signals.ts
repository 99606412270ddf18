/**
 * The signals page: says whether this browser is a known lead (`window.LeadKit`), and lists
 * the signals in the proxy's store through `GET /v1/admin/signals`, with the admin token the
 * visitor types in (kept in sessionStorage, shared with the leads page, never in the URL).
 * Signal data is shown with textContent only: a detail is page input and must not become markup.
 */
import type { LeadKitApi } from '../../src/client/leadkit-api';
import type { SignalEventData } from '../../src/model/signal';

interface SignalsPage {
  signals: Array<SignalEventData & { source: 'email' | 'page' }>;
  nextCursor: string | null;
}

const TOKEN_KEY = 'leadkit-demo-admin-token';
const REFRESH_MS = 3_000;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the signals page`);
  return element as T;
}

const leadStatus = byId<HTMLParagraphElement>('lead-status');
const tokenForm = byId<HTMLFormElement>('token-form');
const tokenInput = byId<HTMLInputElement>('admin-token');
const statusLine = byId<HTMLParagraphElement>('status');
const table = byId<HTMLTableElement>('signals');
const tbody = table.tBodies[0] as HTMLTableSectionElement;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function showLeadStatus(): void {
  const leadkit = (window as { LeadKit?: LeadKitApi }).LeadKit;
  const privacy = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  leadStatus.textContent = privacy
    ? 'Your browser sends Global Privacy Control: this page sends no signals.'
    : leadkit?.getLeadRef()
      ? 'This browser is a known lead: signals are sent.'
      : 'Not a known lead yet: signals wait on this page until you send the form.';
}

function renderSignals(signals: SignalsPage['signals']): void {
  tbody.replaceChildren();
  for (const signal of signals) {
    const row = tbody.insertRow();
    for (const text of [
      new Date(signal.occurredAt).toLocaleString(),
      signal.type,
      signal.leadId,
      Object.keys(signal.detail).length ? JSON.stringify(signal.detail) : '—',
      signal.source === 'email' ? `email${signal.machine ? ' (image proxy)' : ''}` : 'page',
    ])
      row.insertCell().textContent = text;
  }
  table.hidden = signals.length === 0;
}

async function loadSignals(): Promise<void> {
  clearTimeout(refreshTimer);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    statusLine.textContent = 'Type the admin token to see the store.';
    return;
  }
  try {
    const response = await fetch('/v1/admin/signals?limit=50', {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 401 || response.status === 403) {
      statusLine.textContent = 'The proxy refused that token.';
      return;
    }
    if (!response.ok) {
      statusLine.textContent = `The proxy answered ${response.status}.`;
    } else {
      const page = (await response.json()) as SignalsPage;
      renderSignals(page.signals);
      statusLine.textContent = page.signals.length
        ? `${page.signals.length} signal(s), newest first.`
        : 'No signals yet. Send the form, then click a button above.';
    }
  } catch {
    statusLine.textContent = 'Could not reach the proxy.';
  }
  refreshTimer = setTimeout(() => void loadSignals(), REFRESH_MS);
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (tokenInput.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
  tokenInput.value = '';
  void loadSignals();
});
byId<HTMLButtonElement>('forget-token').addEventListener('click', () => {
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(TOKEN_KEY);
  tbody.replaceChildren();
  table.hidden = true;
  statusLine.textContent = 'Token forgotten.';
});
document.addEventListener('leadkit:success', showLeadStatus);

showLeadStatus();
if (sessionStorage.getItem(TOKEN_KEY)) {
  tokenInput.required = false;
  void loadSignals();
}
