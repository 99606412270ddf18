import { useSyncExternalStore } from 'react';

/** The app's routes. Hash routing, so any static server (and the proxy) serves every route. */
export type Route = 'home' | 'contact' | 'quote';

const ROUTES: readonly Route[] = ['home', 'contact', 'quote'];

function readRoute(): Route {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, re-rendering on `hashchange`. */
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, readRoute, () => 'home');
}
