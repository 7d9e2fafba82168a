// The data the orchestration path takes and returns, shared by every entry point.
import type { AwsCredentials } from './credentials.ts';
import type { EcrAuthError } from './errors.ts';

export type CredentialSource = 'cache' | 'refreshed' | 'login' | 'ambient' | 'keys';

export interface IdentitySession {
  /** Identity (or credential provider) name; undefined for the bare ambient chain. */
  identity: string | undefined;
  credentials: AwsCredentials;
  region: string | undefined;
  source: CredentialSource;
}

export interface RegistryRequest {
  /** Integration names to run. */
  integrations?: string[];
  /** Run every integration whose via is this identity (or the default identity when nothing else is named). */
  identity?: string;
  /** Ad-hoc registry hosts, logged in with `identity` or the ambient chain. */
  registries?: string[];
  /** Only integrations with auto_provision true (what `login` runs). */
  autoProvisionOnly?: boolean;
}

/** One credential an integration materialized (a registry login, a kubeconfig context, a package-registry token). */
export interface RegistryLogin {
  /** What it is, for the ✓ line: "ECR login" when absent. */
  what?: string;
  /** What it serves: a registry host, a kubeconfig context, a package-registry endpoint. */
  host: string;
  integration?: string;
  identity: string | undefined;
  region: string;
  /** Epoch ms. */
  expiresAt: number;
  source: 'cache' | 'fetched';
  /** Where its client finds it: "auths", "store:<helper>", "helper" for Docker; a file path for the others. */
  storedIn: string;
}

export interface RegistryFailure {
  host: string;
  integration?: string;
  error: EcrAuthError;
}

export interface RegistryOutcome {
  logins: RegistryLogin[];
  failures: RegistryFailure[];
}

export interface PasswordRequest {
  integration?: string;
  registry?: string;
  identity?: string;
}

export interface StatusEntry {
  kind: 'identity' | 'registry' | 'sso-session' | 'integration';
  name: string;
  valid: boolean;
  /** Epoch ms, when known. */
  expiresAt?: number;
  /** Where it is stored: a file path, "docker:auths", "docker:store:<helper>"... */
  storedIn?: string;
}

export interface LogoutRequest {
  identity?: string;
  all?: boolean;
}

/** Whose integration credentials `logout` removes: one subject's (undefined = the bare ambient chain), or all. */
export type LogoutScope = { subject: string | undefined } | { all: true };
