/**
 * The signals page: says whether this browser is a known lead (`window.LeadKit`), and lists
 * the signals in the proxy's store through `GET /v1/admin/signals`, with the admin token the
 * visitor types in (kept in sessionStorage, shared with the leads page, never in the URL).
 * Signal data is shown with textContent only: a detail is page input and must not become markup.
 */
import type { LeadKitApi } from '../../src/client/leadkit-api';
import type { SignalEventData } from '../../src/model/signal';
import { ADMIN_TOKEN_KEY, byId, getAdmin } from '../admin-api';

const PAGE = 'signals';

interface SignalsPage {
  signals: Array<SignalEventData & { source: 'email' | 'page' }>;
  nextCursor: string | null;
}

const REFRESH_MS = 3_000;

const leadStatus = byId<HTMLParagraphElement>('lead-status', PAGE);
const tokenForm = byId<HTMLFormElement>('token-form', PAGE);
const tokenInput = byId<HTMLInputElement>('admin-token', PAGE);
const statusLine = byId<HTMLParagraphElement>('status', PAGE);
const table = byId<HTMLTableElement>('signals', PAGE);
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
  const token = sessionStorage.getItem(ADMIN_TOKEN_KEY);
  if (!token) {
    statusLine.textContent = 'Type the admin token to see the store.';
    return;
  }
  const answer = await getAdmin<SignalsPage>('/v1/admin/signals?limit=50', token);
  if ('problem' in answer) {
    statusLine.textContent = answer.problem;
    // A refused token stays refused: ask again only when one is typed.
    if (answer.refused) return;
  } else {
    renderSignals(answer.body.signals);
    statusLine.textContent = answer.body.signals.length
      ? `${answer.body.signals.length} signal(s), newest first.`
      : 'No signals yet. Send the form, then click a button above.';
  }
  refreshTimer = setTimeout(() => void loadSignals(), REFRESH_MS);
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (tokenInput.value) sessionStorage.setItem(ADMIN_TOKEN_KEY, tokenInput.value);
  tokenInput.value = '';
  void loadSignals();
});
byId<HTMLButtonElement>('forget-token', PAGE).addEventListener('click', () => {
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(ADMIN_TOKEN_KEY);
  tbody.replaceChildren();
  table.hidden = true;
  statusLine.textContent = 'Token forgotten.';
});
document.addEventListener('leadkit:success', showLeadStatus);

showLeadStatus();
if (sessionStorage.getItem(ADMIN_TOKEN_KEY)) {
  tokenInput.required = false;
  void loadSignals();
}
