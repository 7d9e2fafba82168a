// What every core operation is given instead of reaching for globals: the environment, a clock, the working
// directory, how the user can be reached, where diagnostics and auth events go and the credential cache. Built by
// make-context.ts only.
import type { AuditSink } from './audit/sink.ts';
import type { ResolvedConfig } from './config/model.ts';
import type { CacheStore } from './cache/store.ts';
import type { EnsuredLink } from './identity/ensure-chain.ts';
import type { Env } from './paths.ts';

/** Diagnostics sink. Never receives a secret: callers pass hosts, names and times only. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  verbose(message: string): void;
}

export interface Interaction {
  /** False with --no-browser, or where no browser can open (no DISPLAY on Linux, an SSH session without BROWSER). */
  browser: boolean;
  /** True when a person can answer: a terminal is attached and CI is not set. */
  human: boolean;
  /** --mfa-code: the current code of an MFA device, for the one link that needs it (never logged). */
  mfaCode?: string;
  /** --no-browser was given: not even a headless browser (ECR_AUTH_BROWSER_HEADLESS) is started. */
  noBrowser?: boolean;
}

export interface CoreContext {
  env: Env;
  cwd: string;
  now(): number;
  config: ResolvedConfig;
  /** Effective minimum validity: --min-validity, else settings.min_validity, else 15m. */
  minValidityMs: number;
  interaction: Interaction;
  log: Logger;
  /** Where auth events go; when absent, settings.audit_log decides (see audit/sink.ts). */
  audit?: AuditSink;
  /** The credential cache the environment points at. */
  store: CacheStore;
  /**
   * Set by ensureRegistries for the logins it runs concurrently: one ensureChain per chain (by its cache keys), so
   * the registries of one identity sign in once and a failed sign-in is not attempted again.
   */
  sharedChains?: Map<string, Promise<EnsuredLink>>;
}

/** A logger that drops everything: for tests and for the credential helper, whose stdout is protocol only. */
export const silentLogger: Logger = { info() {}, warn() {}, verbose() {} };
