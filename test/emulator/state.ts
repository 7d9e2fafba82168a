// The whole mutable state of one emulator, shared by every handler.
import type { IncomingHttpHeaders } from 'node:http';
import { CallRecorder } from './calls.ts';
import type { ResolvedOptions } from './fixture.ts';
import { PrincipalRegistry } from './principals.ts';
import { SsoStore } from './sso-store.ts';
import { SsoTokens } from './sso-tokens.ts';
import { MfaDevices } from './mfa.ts';
import type { EcrPasswordRecord } from './types.ts';
import type { CodeartifactTokenRecord } from './codeartifact.ts';
import type { EksClusterFixture } from './eks.ts';

/** One incoming request, body already read. */
export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/** State of one emulator: options, issued credentials, tokens, the call log and faults. */
export class EmulatorState {
  readonly options: ResolvedOptions;
  readonly principals: PrincipalRegistry;
  readonly sso: SsoStore;
  readonly tokens: SsoTokens;
  readonly calls = new CallRecorder();
  readonly ecrPasswords: EcrPasswordRecord[] = [];
  /** EKS clusters by `region|name`. */
  readonly eksClusters = new Map<string, EksClusterFixture>();
  readonly codeartifactTokens: CodeartifactTokenRecord[] = [];
  /** GitHub OIDC tokens issued by /_github/token, which AssumeRoleWithWebIdentity accepts. */
  readonly githubTokens = new Set<string>();
  /** SAML assertions issued by the stand-in IdP (by Response ID), which AssumeRoleWithSAML trusts. */
  readonly samlAssertions = new Map<string, { id: string }>();
  readonly mfa: MfaDevices;
  readonly #secrets = new Set<string>();
  authorize: 'approve' | 'deny';
  /** Base URL once listening (http://127.0.0.1:PORT). */
  url = '';

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.authorize = options.authorize;
    const onSecret = (secret: string) => this.addSecret(secret);
    this.principals = new PrincipalRegistry(options.ambient, onSecret);
    this.sso = new SsoStore(onSecret);
    this.tokens = new SsoTokens(onSecret);
    onSecret(options.githubRequestToken);
    this.mfa = new MfaDevices(options.mfaDevices);
    onSecret(options.samlUser.password);
  }

  /** The emulator clock, epoch ms. */
  now(): number {
    return this.options.clock();
  }

  /** Remembers a secret for leak scans. */
  addSecret(secret: string): void {
    this.#secrets.add(secret);
  }

  secrets(): string[] {
    return [...this.#secrets];
  }
}
