/**
 * The leads page: lists what the `local` backend received through `GET /v1/admin/leads`,
 * with the admin token the visitor types in (kept in sessionStorage, never in the URL).
 * Lead data is shown with textContent only: it is visitor input and must not become markup.
 */
import type { CanonicalLead } from '../../src/model/lead';

interface LeadsPage {
  leads: CanonicalLead[];
  nextCursor: string | null;
}

const TOKEN_KEY = 'leadkit-demo-admin-token';
const PAGE_SIZE = 25;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the leads page`);
  return element as T;
}

const tokenForm = byId<HTMLFormElement>('token-form');
const tokenInput = byId<HTMLInputElement>('admin-token');
const formInput = byId<HTMLInputElement>('form-filter');
const statusLine = byId<HTMLParagraphElement>('status');
const table = byId<HTMLTableElement>('leads');
const moreButton = byId<HTMLButtonElement>('more');
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
  const token = sessionStorage.getItem(TOKEN_KEY);
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
  try {
    const response = await fetch(`/v1/admin/leads?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 401 || response.status === 403) {
      statusLine.textContent = 'The proxy refused that token.';
      return;
    }
    if (!response.ok) {
      statusLine.textContent = `The proxy answered ${response.status}.`;
      return;
    }
    const page = (await response.json()) as LeadsPage;
    renderLeads(page.leads);
    nextCursor = page.nextCursor;
    moreButton.hidden = !nextCursor;
    statusLine.textContent =
      tbody.rows.length === 0
        ? 'No leads yet. Submit one of the demo forms.'
        : `${tbody.rows.length} lead(s) shown.`;
  } catch {
    statusLine.textContent = 'Could not reach the proxy.';
  }
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (tokenInput.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
  tokenInput.value = '';
  void loadLeads(true);
});
byId<HTMLButtonElement>('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  tbody.replaceChildren();
  table.hidden = true;
  moreButton.hidden = true;
  statusLine.textContent = 'Token forgotten.';
});
moreButton.addEventListener('click', () => void loadLeads(false));

if (sessionStorage.getItem(TOKEN_KEY)) {
  tokenInput.required = false;
  void loadLeads(true);
}
