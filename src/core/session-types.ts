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
  /** The identity's `env:` entries (Atmos), set for the commands run with it. */
  env?: Array<{ key: string; value: string }>;
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
  /** Say what would be removed, and remove nothing. */
  dryRun?: boolean;
}

/** What `whoami` reports, from the caches only. */
export interface WhoamiReport {
  identity: string | null;
  kind: string;
  /** Names from the root provider to the identity. */
  chain: string[];
  /** True when cached credentials are valid now (ambient: when the environment names a credential source). */
  signedIn: boolean;
  /** Where the answer comes from: our cache, the environment (ambient chain), or nothing cached. */
  source: 'cache' | 'environment' | 'none';
  account?: string;
  accountName?: string;
  role?: string;
  roleArn?: string;
  region?: string;
  profile?: string;
  /** Epoch ms. */
  expiresAt?: number;
  storedIn?: string;
  ssoSession?: { provider: string; expiresAt: number; valid: boolean };
}

/** What signing in to a provider itself (`login --provider`) gave. */
export interface ProviderSession {
  provider: string;
  kind: string;
  source: CredentialSource;
  /** Epoch ms. */
  expiresAt?: number;
}

/** Whose integration credentials `logout` removes: one subject's (undefined = the bare ambient chain), or all. */
/** Whose entries a logout removes; with dryRun, each kind only lists what it would remove. */
export type LogoutScope = ({ subject: string | undefined } | { all: true }) & { dryRun?: boolean };
