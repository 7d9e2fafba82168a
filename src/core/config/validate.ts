// The pure check of a config document: raw value in, ResolvedConfig (or every error) out, plus warnings.
// No I/O: load.ts reads files and calls this; tests and Deno call it directly.
import { tryParseDuration } from '../duration.ts';
import { didYouMean } from './closest.ts';
import { isRecord, parseSection, parseStrict } from './entries.ts';
import { expansionProblem, MAX_EXPANDED_VALUES } from './expanded-size.ts';
import type { ConfigIssue } from './issues.ts';
import { IssueList, formatIssue, joinPath, showValue } from './issues.ts';
import { IDENTITY_KINDS, INTEGRATION_KINDS, PROVIDER_KINDS } from './kinds.ts';
import type { ResolvedConfig, Settings } from './model.ts';
import { DEFAULT_SETTINGS } from './model.ts';
import { resolveGraph } from './resolve.ts';
import { settingsSchema } from './schema.ts';

export type { ConfigIssue } from './issues.ts';

/** What validateConfig found: the config when there is no error, and every error and warning. */
export interface ValidationResult {
  config?: ResolvedConfig;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

const SECTIONS = ['providers', 'identities', 'integrations', 'settings'];
/** Keys of an Atmos `auth:` block that ecr-auth has no use for: a warning, never an error. */
const ATMOS_AUTH_KEYS = ['logs', 'keyring', 'realm', 'console'];
const EXPECTED_DOCUMENT = 'an object with providers, identities, integrations and settings (optionally under auth:)';

function unwrap(raw: unknown, issues: IssueList): { doc: Record<string, unknown>; base: string } | undefined {
  if (raw === undefined || raw === null) {
    issues.error('', 'the config is empty', EXPECTED_DOCUMENT);
    return undefined;
  }
  if (!isRecord(raw)) {
    issues.error('', `got ${showValue(raw)}`, EXPECTED_DOCUMENT);
    return undefined;
  }
  if (!('auth' in raw)) return { doc: raw, base: '' };
  for (const key of Object.keys(raw)) {
    if (key !== 'auth') issues.warn(joinPath('', key), 'is outside auth: and is ignored');
  }
  if (!isRecord(raw.auth)) {
    issues.error('auth', `got ${showValue(raw.auth)}`, 'an object with providers, identities, integrations and settings');
    return undefined;
  }
  return { doc: raw.auth, base: 'auth' };
}

function checkTopLevelKeys(doc: Record<string, unknown>, base: string, issues: IssueList): void {
  for (const key of Object.keys(doc)) {
    if (SECTIONS.includes(key)) continue;
    if (ATMOS_AUTH_KEYS.includes(key)) issues.warn(joinPath(base, key), 'is an Atmos setting that ecr-auth does not use: ignored');
    else issues.warn(joinPath(base, key), `is not used by ecr-auth and is ignored${didYouMean(key, SECTIONS)}`);
  }
}

function parseSettings(raw: unknown, base: string, issues: IssueList): Settings {
  if (raw === undefined || raw === null) return structuredClone(DEFAULT_SETTINGS);
  const parsed = parseStrict(settingsSchema, raw, joinPath(base, 'settings'), issues);
  const minValidity = parsed?.min_validity;
  return {
    minValidityMs: minValidity === undefined ? DEFAULT_SETTINGS.minValidityMs : tryParseDuration(minValidity)!,
    docker: { mode: parsed?.docker?.mode ?? DEFAULT_SETTINGS.docker.mode },
    ...(parsed?.audit_log === undefined ? {} : { auditLog: parsed.audit_log }),
  };
}

/**
 * Checks a config document (as parsed from YAML/JSON/JS, optionally wrapped in `auth:`) and resolves it.
 * Pure: `source` is only recorded in the result. `config` is set exactly when `errors` is empty.
 */
export function validateConfig(raw: unknown, source?: string): ValidationResult {
  const issues = new IssueList();
  const expansion = expansionProblem(raw);
  if (expansion !== undefined) {
    issues.error('', expansion.kind === 'cycle'
      ? 'the config holds a value inside itself (a YAML alias to its own anchor, or a cyclic object)'
      : `the config expands to more than ${MAX_EXPANDED_VALUES} values (YAML aliases repeating anchors: an alias bomb?)`,
    'a config without recursive or repeatedly nested YAML aliases');
    return { errors: issues.errors, warnings: issues.warnings };
  }
  const unwrapped = unwrap(raw, issues);
  if (unwrapped === undefined) return { errors: issues.errors, warnings: issues.warnings };
  const { doc, base } = unwrapped;
  checkTopLevelKeys(doc, base, issues);
  const graph = {
    providers: parseSection('providers', doc.providers, base, PROVIDER_KINDS, issues),
    identities: parseSection('identities', doc.identities, base, IDENTITY_KINDS, issues),
    integrations: parseSection('integrations', doc.integrations, base, INTEGRATION_KINDS, issues),
  };
  const settings = parseSettings(doc.settings, base, issues);
  const decided = resolveGraph(graph, base, issues);
  if (issues.errors.length > 0) return { errors: issues.errors, warnings: issues.warnings };
  const config: ResolvedConfig = {
    ...(source === undefined ? {} : { source }),
    providers: graph.providers.entries,
    identities: graph.identities.entries,
    integrations: graph.integrations.entries, // null-prototype records (names.ts)
    settings,
    ...(decided.defaultIdentity === undefined ? {} : { defaultIdentity: decided.defaultIdentity }),
    ...(decided.defaultIdentities === undefined ? {} : { defaultIdentities: decided.defaultIdentities }),
    ...(decided.setAside.length === 0 ? {} : { setAside: decided.setAside }),
    warnings: issues.warnings.map(formatIssue),
  };
  return { config, errors: [], warnings: issues.warnings };
}
