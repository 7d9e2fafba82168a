// The resolved configuration: what the rest of the core works with once a config file has been validated.
// Names are free-form strings ("dev/ecr/primary", "team.admin"); every `via` reference here points at an
// entry that exists and the graph has no cycle (resolve.ts guarantees both).

export type DockerMode = 'auto' | 'auths' | 'store' | 'helper';
export type SsoFlow = 'pkce' | 'device';

/** IAM Identity Center (AWS SSO): yields an SSO access token, not AWS credentials. */
export interface SsoProvider {
  kind: 'aws/iam-identity-center';
  name: string;
  region: string;
  startUrl: string;
  /** sso-session name; when set the token cache file is sha1(sessionName), shared with the AWS CLI. */
  sessionName?: string;
  /** undefined = pkce where a browser can open, device otherwise. */
  flow?: SsoFlow;
  scopes: string[];
}

/** The standard AWS credential chain (env, profile, web identity, ECS, IMDS). */
export interface AmbientProvider {
  kind: 'aws/ambient';
  name: string;
  region?: string;
  profile?: string;
}

/**
 * GitHub Actions OIDC token exchanged with AssumeRoleWithWebIdentity: for roleArn here, or (as Atmos writes it) for
 * the role of an aws/assume-role identity that goes via this provider.
 */
export interface GithubOidcProvider {
  kind: 'github/oidc';
  name: string;
  /** STS region of the exchange; us-east-1 (Atmos's default) when the config names none. */
  region: string;
  roleArn?: string;
  audience: string;
  sessionName?: string;
  durationSeconds?: number;
}

/** A command: one string for the shell, or argv run without one. */
export type Command = string | string[];

/**
 * A corporate SAML IdP: the assertion it posts to the AWS sign-in page (captured in a browser, or printed by
 * assertionCommand) is exchanged with AssumeRoleWithSAML. Without roleArn, the role comes from --saml-role, the
 * only role of the assertion, a choice on the terminal, or (Atmos-style) the aws/assume-role identity going via it.
 */
export interface SamlProvider {
  kind: 'aws/saml';
  name: string;
  url: string;
  region: string;
  roleArn?: string;
  idpArn?: string;
  durationSeconds?: number;
  assertionCommand?: Command;
}

export type Provider = SsoProvider | AmbientProvider | GithubOidcProvider | SamlProvider;

export type Via = { provider: string } | { identity: string };
/** An account by id (its name, when also given, kept for display) or by name (resolved with ListAccounts). */
export type AccountRef = { id: string; name?: string } | { name: string };

/** One variable of an identity's `env:`, set for the commands run with that identity. */
export interface EnvEntry {
  key: string;
  value: string;
}

export interface PermissionSetIdentity {
  kind: 'aws/permission-set';
  name: string;
  via: { provider: string };
  permissionSet: string;
  account: AccountRef;
  /** Region for the identity's environment (AWS_REGION); defaults to the provider's region. */
  region?: string;
  default: boolean;
  /** The identity's `env:` entries (absent when none). */
  env?: EnvEntry[];
}

export interface AssumeRoleIdentity {
  kind: 'aws/assume-role';
  name: string;
  via: Via;
  roleArn: string;
  externalId?: string;
  durationSeconds?: number;
  sessionName?: string;
  /** MFA device: its code goes into AssumeRole. */
  mfaSerial?: string;
  mfaCommand?: Command;
  region?: string;
  default: boolean;
  /** The identity's `env:` entries (absent when none). */
  env?: EnvEntry[];
}

/**
 * The standard AWS credential chain as an identity (Atmos `aws/ambient`, or its cloud-agnostic `ambient`): env
 * keys, profile, web identity (IRSA), ECS, IMDS. A root: it has no `via`, and others may chain from it.
 */
export interface AmbientIdentity {
  kind: 'aws/ambient';
  name: string;
  /** 'ambient' when the config wrote Atmos's cloud-agnostic kind. */
  written?: 'ambient';
  region?: string;
  profile?: string;
  default: boolean;
  /** The identity's `env:` entries (absent when none). */
  env?: EnvEntry[];
  via?: undefined;
}

/** An entry of an out-of-scope kind, or one that depends on such an entry: warned about and left out of the config. */
export interface SetAsideEntry {
  section: 'providers' | 'identities' | 'integrations';
  name: string;
  kind: string;
  /** Why: the kind itself, or the entry it depends on. */
  reason: string;
}

/** An IAM user's long-lived keys, from the config or a shared-credentials profile; with mfaSerial, an MFA session. */
export interface UserIdentity {
  kind: 'aws/user';
  name: string;
  /** A root identity: its credentials come from no provider. */
  via?: undefined;
  /** undefined: none configured (Atmos keeps them in its keyring): using the identity fails with what to give. */
  keys?: { accessKeyId: string; secretAccessKey: string } | { profile: string };
  mfaSerial?: string;
  mfaCommand?: Command;
  /** GetSessionToken DurationSeconds with MFA (default 12 h). */
  durationSeconds: number;
  region?: string;
  default: boolean;
  /** The identity's `env:` entries (absent when none). */
  env?: EnvEntry[];
}

export type Identity = PermissionSetIdentity | AssumeRoleIdentity | UserIdentity | AmbientIdentity;

/** An integration: the model of one integration kind (each kind module declares its own; see integrations/). */
export type { Integration } from '../integrations/index.ts';
export type { EcrIntegration } from '../integrations/ecr.ts';
export type { EcrPublicIntegration } from '../integrations/ecr-public.ts';

export interface Settings {
  /** Reuse a cached credential only when it stays valid at least this long. */
  minValidityMs: number;
  docker: { mode: DockerMode };
  /** settings.audit_log as written: where auth events are appended (resolved by auditLogPath in core/audit/sink.ts). */
  auditLog?: string;
}

import type { Integration } from '../integrations/index.ts';

export interface ResolvedConfig {
  /** Absolute path of the file it came from; undefined for a config built in memory. */
  source?: string;
  providers: Record<string, Provider>;
  identities: Record<string, Identity>;
  integrations: Record<string, Integration>;
  settings: Settings;
  /** The only identity, or the one marked default: true; undefined when there is no single choice. */
  defaultIdentity?: string;
  /** Set when several identities are marked default: true (a terminal asks which; elsewhere it is an error). */
  defaultIdentities?: string[];
  /** Entries left out: Atmos kinds ecr-auth does not support, and what depends on them. */
  setAside?: SetAsideEntry[];
  /** Things worth telling the user that do not stop the config from working. */
  warnings: string[];
}

/** Defaults applied when the config leaves settings out. */
export const DEFAULT_SETTINGS: Settings = { minValidityMs: 15 * 60_000, docker: { mode: 'auto' } };
