/** @jsxImportSource react */
import { useCallback, useState } from 'react';
import { LeadForm } from './lead-form';
import { MountedLeadForm } from './mounted-lead-form';
import { type Route, useHashRoute } from './use-hash-route';

const LOCALES = ['en', 'de', 'es', 'fr', 'ar'] as const;
const THEMES = ['light', 'dark', 'minimal'] as const;
const LINKS: { route: Route; href: string; label: string }[] = [
  { route: 'home', href: '#/', label: 'Home' },
  { route: 'contact', href: '#/contact', label: 'Contact (JSX)' },
  { route: 'quote', href: '#/quote', label: 'Quote (mount API)' },
];
const MAX_LOG = 8;

/**
 * The demo SPA: the form lives on two routes and is mounted and unmounted as the visitor
 * navigates; the locale and theme pickers change its props while it is mounted; its events
 * are listed below it.
 */
export function App() {
  const route = useHashRoute();
  const [locale, setLocale] = useState<string>('en');
  const [theme, setTheme] = useState<string>('light');
  const [log, setLog] = useState<string[]>([]);
  const onEvent = useCallback((type: string, detail: unknown) => {
    const line = detail === undefined || detail === null ? type : `${type} ${JSON.stringify(detail)}`;
    setLog((lines) => [line, ...lines].slice(0, MAX_LOG));
  }, []);

  return (
    <>
      <header>
        <p>
          <a href="/">← All demos</a>
        </p>
        <h1>Acme SaaS</h1>
        <nav className="spa-nav" aria-label="App">
          <ul>
            {LINKS.map((link) => (
              <li key={link.route}>
                <a href={link.href} aria-current={route === link.route ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="toolbar">
          <label htmlFor="spa-locale">Language</label>
          <select id="spa-locale" value={locale} onChange={(event) => setLocale(event.target.value)}>
            {LOCALES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <label htmlFor="spa-theme">Theme</label>
          <select id="spa-theme" value={theme} onChange={(event) => setTheme(event.target.value)}>
            {THEMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </header>
      <main>
        {route === 'home' && (
          <section>
            <h2>Welcome</h2>
            <p>Open “Contact” or “Quote”: the form is created on the way in and removed on the way out.</p>
          </section>
        )}
        {route === 'contact' && (
          <section>
            <h2>Contact us</h2>
            <LeadForm endpoint="/" form="demo" locale={locale} theme={theme} onEvent={onEvent} />
          </section>
        )}
        {route === 'quote' && (
          <section>
            <h2>Ask for a quote</h2>
            <MountedLeadForm endpoint="/" form="demo" locale={locale} theme={theme} onEvent={onEvent} />
          </section>
        )}
        <h2>Events</h2>
        <div role="log" aria-label="Events from the form">
          <ul className="log">
            {log.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the log is append-only and never reordered
              <li key={index}>{line}</li>
            ))}
          </ul>
        </div>
      </main>
    </>
  );
}
