import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getBackendDefinition, getBackendTypes } from '../../backends/registry';
import type { FieldDef } from '../../model/field';
import { parseRate, type RateSpec } from '../../model/rate';
import {
  type ConfigFile,
  configFileSchema,
  type FieldEntry,
  type FormConfig,
  formConfigSchema,
} from './config-schema';
import { DEFAULT_CONFIG } from './default-config';
import { FIELD_PRESETS } from './field-presets';
import { formatPath } from './format-path';
import { type ResolvedCalendar, resolveCalendar } from './resolve-calendar';
import { substituteEnv } from './substitute-env';

/** A form field after presets are expanded; `from` stands for a backend's own field list. */
export type ResolvedFieldEntry = { kind: 'field'; field: FieldDef } | { kind: 'from'; backend: string };

export interface ResolvedForm extends Omit<FormConfig, 'fields' | 'limits'> {
  id: string;
  fields: ResolvedFieldEntry[];
  limits: { perIp: RateSpec; perForm: RateSpec };
}

/** A config that passed every check, with defaults filled in. */
export interface ResolvedConfig extends Omit<ConfigFile, 'forms' | 'limits' | 'backends' | 'calendars'> {
  /** The file it came from, or null for the embedded default. */
  source: string | null;
  /** Directory that relative paths (the SQLite file) resolve against. */
  baseDir: string;
  limits: { perIp: RateSpec; perForm: RateSpec };
  backends: Record<string, { type: string } & Record<string, unknown>>;
  forms: Record<string, ResolvedForm>;
  calendars: Record<string, ResolvedCalendar>;
}

export type ConfigResult = { ok: true; config: ResolvedConfig } | { ok: false; problems: string[] };

const DEFAULT_LIMITS = { perIp: '30/min', perForm: '600/min' };

function toRate(text: string | undefined, fallback: string): RateSpec {
  return parseRate(text ?? fallback) ?? (parseRate(fallback) as RateSpec);
}

function resolveField(entry: Exclude<FieldEntry, string>, path: string, problems: string[]): FieldDef | null {
  const preset = FIELD_PRESETS[entry.name];
  const type = entry.type ?? preset?.type;
  const label = entry.label ?? preset?.label;
  if (!type || !label) {
    problems.push(`${path}: "${entry.name}" is not a preset, so it needs "type" and "label"`);
    return null;
  }
  const options = entry.options?.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  if (type === 'select' && !options?.length) {
    problems.push(`${path}: a select field needs "options"`);
    return null;
  }
  const field: FieldDef = { ...preset, ...entry, name: entry.name, type, label, options };
  if (!field.options) delete field.options;
  return field;
}

function resolveFields(
  formId: string,
  form: FormConfig,
  backends: Readonly<Record<string, unknown>>,
  problems: string[],
): ResolvedFieldEntry[] {
  const entries = typeof form.fields === 'string' ? [form.fields] : form.fields;
  const out: ResolvedFieldEntry[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const path = typeof form.fields === 'string' ? `forms.${formId}.fields` : `forms.${formId}.fields[${i}]`;
    if (typeof entry === 'string' && entry.startsWith('from:')) {
      const backend = entry.slice(5);
      if (!backends[backend]) problems.push(`${path}: unknown backend "${backend}"`);
      else out.push({ kind: 'from', backend });
      return;
    }
    const field =
      typeof entry === 'string' ? (FIELD_PRESETS[entry] ?? null) : resolveField(entry, path, problems);
    if (typeof entry === 'string' && !field) {
      problems.push(
        `${path}: unknown field preset "${entry}" (presets: ${Object.keys(FIELD_PRESETS).join(', ')})`,
      );
    }
    if (!field) return;
    if (seen.has(field.name)) problems.push(`${path}: field "${field.name}" appears twice`);
    seen.add(field.name);
    out.push({ kind: 'field', field });
  });
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema issue as one line: `path: message`, unknown keys one line each. */
function describeIssues(
  issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string; keys?: string[] }>,
  prefix: PropertyKey[],
  skip: ReadonlySet<string>,
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (skip.has(formatPath(path))) continue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) lines.push(`${formatPath([...path, key])}: unknown key`);
    } else {
      const missingValue = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      lines.push(`${formatPath(path)}: ${missingValue ? 'is required' : issue.message}`);
    }
  }
  return lines;
}

/**
 * The references between forms, backends and calendars, checked on the raw config so that
 * they are reported in the same run as schema problems elsewhere in the file.
 */
function checkReferences(raw: unknown, problems: string[]): void {
  const top = isRecord(raw) ? raw : {};
  const backends = isRecord(top.backends) ? top.backends : {};
  const forms = isRecord(top.forms) ? top.forms : {};
  const calendars = isRecord(top.calendars) ? top.calendars : {};
  for (const [formId, form] of Object.entries(forms)) {
    if (!isRecord(form)) continue;
    if (Array.isArray(form.deliver)) {
      form.deliver.forEach((name, i) => {
        if (typeof name === 'string' && !Object.hasOwn(backends, name)) {
          problems.push(`forms.${formId}.deliver[${i}]: unknown backend "${name}"`);
        }
      });
    }
    if (typeof form.booking === 'string' && !Object.hasOwn(calendars, form.booking)) {
      problems.push(`forms.${formId}.booking: unknown calendar "${form.booking}"`);
    }
    const parsedForm = formConfigSchema.safeParse(form);
    if (parsedForm.success) resolveFields(formId, parsedForm.data, backends, problems);
  }
  for (const [calId, calendar] of Object.entries(calendars)) {
    if (!isRecord(calendar)) continue;
    if (typeof calendar.backend === 'string' && !Object.hasOwn(backends, calendar.backend)) {
      problems.push(`calendars.${calId}.backend: unknown backend "${calendar.backend}"`);
    }
    if (typeof calendar.form === 'string' && !Object.hasOwn(forms, calendar.form)) {
      problems.push(`calendars.${calId}.form: unknown form "${calendar.form}"`);
    }
  }
}

/** An intake token may only submit leads, so it must not also be the admin token. */
function checkIntakeTokens(file: ConfigFile, problems: string[]): void {
  const lists: Array<[string, string[] | undefined]> = [
    ['intakeTokens', file.intakeTokens],
    ...Object.entries(file.forms).map(([id, form]): [string, string[] | undefined] => [
      `forms.${id}.intakeTokens`,
      form.intakeTokens,
    ]),
  ];
  for (const [path, tokens] of lists) {
    tokens?.forEach((token, i) => {
      if (token === file.adminToken) problems.push(`${path}[${i}]: must not be the admin token`);
    });
  }
}

/**
 * Checks a parsed config object: `${ENV}` substitution, the schema (unknown keys are
 * problems), each backend against its type's schema, and the references between forms,
 * backends and calendars. Every problem is reported with its path.
 */
export function parseConfig(
  raw: unknown,
  env: Record<string, string | undefined>,
  meta: { source: string | null; baseDir: string },
): ConfigResult {
  const problems: string[] = [];
  const substituted = substituteEnv(raw, env, problems);
  // A value whose variable is missing has one problem, the variable, not a follow-up one too.
  const missing = new Set(problems.map((p) => p.slice(0, p.indexOf(': '))));
  const parsed = configFileSchema.safeParse(substituted);
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, [], missing));
  // Backends are checked by their own type's schema even when the top level has problems,
  // so one run of check-config lists everything.
  const rawBackends = (substituted as { backends?: unknown })?.backends;
  const backends: ResolvedConfig['backends'] = {};
  if (rawBackends && typeof rawBackends === 'object' && !Array.isArray(rawBackends)) {
    for (const [name, backend] of Object.entries(rawBackends as Record<string, { type?: unknown }>)) {
      const type = typeof backend?.type === 'string' ? backend.type : undefined;
      const definition = type ? getBackendDefinition(type) : undefined;
      if (!definition) {
        if (type)
          problems.push(
            `backends.${name}.type: unknown backend type "${type}" (known: ${getBackendTypes().join(', ')})`,
          );
        continue;
      }
      const result = definition.configSchema.safeParse(backend);
      if (!result.success) {
        problems.push(...describeIssues(result.error.issues, ['backends', name], missing));
        continue;
      }
      backends[name] = result.data as ResolvedConfig['backends'][string];
    }
  }
  checkReferences(substituted, problems);
  if (!parsed.success || problems.length) return { ok: false, problems };
  const file = parsed.data;
  const forms: Record<string, ResolvedForm> = {};
  for (const [formId, form] of Object.entries(file.forms)) {
    const { fields, limits, ...rest } = form;
    forms[formId] = {
      ...rest,
      id: formId,
      // Already checked by checkReferences: no problems can come from here.
      fields: resolveFields(formId, form, file.backends, []),
      limits: {
        perIp: toRate(limits?.perIp ?? file.limits?.perIp, DEFAULT_LIMITS.perIp),
        perForm: toRate(limits?.perForm ?? file.limits?.perForm, DEFAULT_LIMITS.perForm),
      },
    };
  }
  checkIntakeTokens(file, problems);
  const calendars: Record<string, ResolvedCalendar> = {};
  for (const [calId, calendar] of Object.entries(file.calendars)) {
    const resolved = resolveCalendar(calId, calendar, backends, file.forms, problems);
    if (resolved) calendars[calId] = resolved;
    // LIO's confirm requires email (doc 003 §10): a booking without one could never be made.
    const email = resolved
      ? forms[resolved.form]?.fields.find((entry) => entry.kind === 'field' && entry.field.name === 'email')
      : undefined;
    if (
      resolved &&
      backends[resolved.backend]?.type === 'lio' &&
      !(email?.kind === 'field' && email.field.required)
    )
      problems.push(
        `forms.${resolved.form}.fields: calendar "${calId}" is on a LIO backend, whose confirm requires email: the form needs a required "email" field`,
      );
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    config: {
      ...file,
      ...meta,
      limits: {
        perIp: toRate(file.limits?.perIp, DEFAULT_LIMITS.perIp),
        perForm: toRate(file.limits?.perForm, DEFAULT_LIMITS.perForm),
      },
      backends,
      forms,
      calendars,
    },
  };
}

/**
 * Loads `leadkit.config.json` from a path (or the embedded default when `path` is null).
 * An unreadable file or malformed JSON is one problem naming the file.
 */
export function loadConfig(
  path: string | null,
  env: Record<string, string | undefined> = process.env,
): ConfigResult {
  if (path === null) return parseConfig(DEFAULT_CONFIG, env, { source: null, baseDir: process.cwd() });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problems: [
        `${path}: cannot read the config file (${code === 'ENOENT' ? 'no such file' : (code ?? 'unknown error')})`,
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${path}: not valid JSON (${(error as Error).message})`] };
  }
  return parseConfig(raw, env, { source: path, baseDir: dirname(resolve(path)) });
}
