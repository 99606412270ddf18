/**
 * Finds secrets and backend URLs in dist/: every file that ships must be free of the API keys,
 * tokens and vendor base URLs that appear in any config (example configs, test configs, fakes,
 * the embedded defaults) and of strings shaped like live secrets (`whsec_…`, `qbk_live_…`).
 * A hit names the file, the kind and where the value came from — never the value itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A forbidden value found in a dist file. */
export interface DistLeak {
  file: string;
  kind: string;
  /** Where the value was learnt (a config or test file), or "pattern" for shape matches. */
  source: string;
}

interface KnownValue {
  value: string;
  kind: string;
  source: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.leadkit', 'test-results', 'coverage']);
/** Folders whose files hold configs, fakes and backend code: where secrets and backend URLs live. */
const CONFIG_DIRS = ['src/backends', 'src/proxy', 'test', 'examples', 'bench'];
const SECRET_KEYS = /^(apiKey|api_key|token|secret|password|adminToken|clientSecret|client_secret|bearer)$/i;
const URL_KEYS = /^(baseUrl|url|webhookUrl|tokenUrl|authUrl)$/i;
/** `key: 'value'` / `"key": "value"` in TS or JSON sources. */
const ASSIGNMENT = /["']?([A-Za-z_]+)["']?\s*:\s*(["'`])([^"'`\n]{4,300})\2/g;
/** Shapes of live secrets, whatever file they come from. */
const SECRET_SHAPES: { kind: string; pattern: RegExp }[] = [
  { kind: 'webhook signing secret (whsec_)', pattern: /whsec_[A-Za-z0-9+/=]{8,}/ },
  { kind: 'QualifyBase live key (qbk_live_)', pattern: /qbk_live_[A-Za-z0-9_]{6,}/ },
  { kind: 'QualifyBase test key (qbk_test_)', pattern: /qbk_test_[A-Za-z0-9_]{6,}/ },
  { kind: 'private key block', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

function listFiles(dir: string, accept: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = `${dir}/${name}`;
    if (statSync(path).isDirectory()) listFiles(path, accept, out);
    else if (accept(path)) out.push(path);
  }
  return out;
}

function isLoopback(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Every secret value and backend URL written in a config, fake or backend source. */
export function collectKnownValues(): KnownValue[] {
  const sources = [
    ...CONFIG_DIRS.flatMap((dir) =>
      listFiles(`${root}${dir}`, (path) => /\.(ts|tsx|json|mjs|js)$/.test(path)),
    ),
    ...readdirSync(root)
      .filter((name) => /^leadkit\.config.*\.json$|\.config\.example\.json$/.test(name))
      .map((name) => `${root}${name}`),
  ];
  const known: KnownValue[] = [];
  for (const path of sources) {
    const text = readFileSync(path, 'utf8');
    const source = path.slice(root.length);
    for (const match of text.matchAll(ASSIGNMENT)) {
      const [, key = '', , value = ''] = match;
      // `${ENV}` placeholders and template literals are not values; '…' marks elided examples.
      if (value.includes('${') || value.includes('…')) continue;
      if (SECRET_KEYS.test(key) && value.length >= 8 && !/\s/.test(value)) {
        known.push({ value, kind: `${key} value`, source });
      } else if (URL_KEYS.test(key) && /^https?:\/\/[^/]/.test(value) && !isLoopback(value)) {
        // Loopback URLs are the test servers' own addresses, not a backend anyone could call.
        known.push({ value: value.replace(/\/+$/, ''), kind: `${key} (backend URL)`, source });
      }
    }
  }
  return known;
}

/** Block comments and whole-line `//` comments (a `//` after code may be inside a URL string). */
function withoutComments(js: string): string {
  return js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Scans every file under dist/ for known values and secret shapes. */
export function findDistLeaks(distDir = `${root}dist`): DistLeak[] {
  const known = collectKnownValues();
  const leaks: DistLeak[] = [];
  for (const path of listFiles(distDir, (file) => /\.(js|mjs|cjs|css|html|map|ts|json|txt)$/.test(file))) {
    const text = readFileSync(path, 'utf8');
    const file = path.slice(root.length);
    // The proxy's JavaScript and declarations (dist/proxy/, the @leadkit/proxy package) keep
    // their doc comments, which name example hosts and token shapes; values are looked for in
    // their code alone.
    const commented = file.startsWith('dist/proxy/') && (file.endsWith('.js') || file.endsWith('.d.ts'));
    const code = commented ? withoutComments(text) : text;
    for (const { value, kind, source } of known) {
      if (code.includes(value)) leaks.push({ file, kind, source });
    }
    for (const { kind, pattern } of SECRET_SHAPES) {
      if (pattern.test(text)) leaks.push({ file, kind, source: 'pattern' });
    }
  }
  return leaks;
}
