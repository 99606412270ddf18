/** @jsxImportSource react */
/**
 * The React 19 demo app. It imports leadkit's ES module entry (an app writes
 * `import { define } from 'leadkit'`; the demo uses the source tree) and registers the
 * elements before the first render.
 */

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { define } from '../../src/index';
import { App } from './app';

define();
const container = document.getElementById('app');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
