/**
 * The script-tag entry (`dist/leadkit.js`, an IIFE): loading it registers every element and
 * exposes `window.LeadKit` (CONTRACT §1, §3). This is the one module with side effects on
 * purpose, so it is listed in package.json `sideEffects`.
 */
import { getPageSignals, LeadKit } from './client/leadkit-api';
import { define } from './define-all';

declare global {
  interface Window {
    LeadKit?: typeof LeadKit;
  }
}

// A page that includes the script twice keeps the first copy's API object, so listeners and
// queued signals that the page already handed to it are not lost.
if (!window.LeadKit) window.LeadKit = LeadKit;
// The script usually comes from the proxy itself (GET /leadkit.js): its directory is where
// signals go when neither LeadKit.configure nor a leadkit element names an endpoint.
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src;
if (scriptSrc) getPageSignals().setEndpoint(new URL('.', scriptSrc).href, true);
try {
  define();
} catch (error) {
  // Widget code never throws into the host page (STYLE.md): a registry clash, e.g. another
  // library that took the tag name, is reported where the page can listen for it.
  document.dispatchEvent(
    new CustomEvent('leadkit:error', {
      bubbles: true,
      composed: true,
      detail: { code: 'define_failed', message: error instanceof Error ? error.message : String(error) },
    }),
  );
}
