/**
 * The leads page: lists what the `local` backend received through `GET /v1/admin/leads`,
 * with the admin token the visitor types in (kept in sessionStorage, never in the URL).
 * Lead data is shown with textContent only: it is visitor input and must not become markup.
 */
import type { CanonicalLead } from '../../src/model/lead';
import { ADMIN_TOKEN_KEY, byId, getAdmin } from '../admin-api';

const PAGE = 'leads';

interface LeadsPage {
  leads: CanonicalLead[];
  nextCursor: string | null;
}

const PAGE_SIZE = 25;

const tokenForm = byId<HTMLFormElement>('token-form', PAGE);
const tokenInput = byId<HTMLInputElement>('admin-token', PAGE);
const formInput = byId<HTMLInputElement>('form-filter', PAGE);
const statusLine = byId<HTMLParagraphElement>('status', PAGE);
const table = byId<HTMLTableElement>('leads', PAGE);
const moreButton = byId<HTMLButtonElement>('more', PAGE);
const tbody = table.tBodies[0] as HTMLTableSectionElement;
let nextCursor: string | null = null;

function cell(row: HTMLTableRowElement, text: string): void {
  const td = row.insertCell();
  td.textContent = text;
}

function describeTouch(touch: Record<string, string | undefined> | undefined): string {
  if (!touch) return '—';
  const source = [touch.utm_source, touch.utm_medium, touch.utm_campaign].filter(Boolean).join(' / ');
  return source || touch.referrer || touch.landingPage || '(direct)';
}

function renderLeads(leads: CanonicalLead[]): void {
  for (const lead of leads) {
    const row = tbody.insertRow();
    cell(row, new Date(lead.createdAt).toLocaleString());
    cell(row, lead.form);
    cell(
      row,
      Object.entries(lead.fields)
        .map(([name, value]) => `${name}: ${String(value)}`)
        .join('\n'),
    );
    cell(
      row,
      lead.consent ? `v${lead.consent.version}, ${lead.consent.granted ? 'granted' : 'refused'}` : '—',
    );
    cell(row, `${describeTouch(lead.attribution.first)} → ${describeTouch(lead.attribution.last)}`);
  }
  table.hidden = tbody.rows.length === 0;
}

async function loadLeads(reset: boolean): Promise<void> {
  const token = sessionStorage.getItem(ADMIN_TOKEN_KEY);
  if (!token) {
    statusLine.textContent = 'Type the admin token first.';
    return;
  }
  if (reset) {
    tbody.replaceChildren();
    nextCursor = null;
  }
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (formInput.value.trim()) query.set('form', formInput.value.trim());
  if (nextCursor) query.set('cursor', nextCursor);
  statusLine.textContent = 'Loading…';
  const answer = await getAdmin<LeadsPage>(`/v1/admin/leads?${query}`, token);
  if ('problem' in answer) {
    statusLine.textContent = answer.problem;
    return;
  }
  renderLeads(answer.body.leads);
  nextCursor = answer.body.nextCursor;
  moreButton.hidden = !nextCursor;
  statusLine.textContent =
    tbody.rows.length === 0
      ? 'No leads yet. Submit one of the demo forms.'
      : `${tbody.rows.length} lead(s) shown.`;
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (tokenInput.value) sessionStorage.setItem(ADMIN_TOKEN_KEY, tokenInput.value);
  tokenInput.value = '';
  void loadLeads(true);
});
byId<HTMLButtonElement>('forget-token', PAGE).addEventListener('click', () => {
  sessionStorage.removeItem(ADMIN_TOKEN_KEY);
  tbody.replaceChildren();
  table.hidden = true;
  moreButton.hidden = true;
  statusLine.textContent = 'Token forgotten.';
});
moreButton.addEventListener('click', () => void loadLeads(false));

if (sessionStorage.getItem(ADMIN_TOKEN_KEY)) {
  tokenInput.required = false;
  void loadLeads(true);
}
