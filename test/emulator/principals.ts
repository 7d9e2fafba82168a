// Who holds which AWS keys: the ambient IAM user and every temporary credential the emulator issued.
import { secretAccessKey, sessionToken, stableId, temporaryAccessKeyId } from './random.ts';
import type { AmbientKeys } from './types.ts';

/** A key pair the emulator knows, with the identity STS GetCallerIdentity reports for it. */
export interface Principal {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials: requests must carry it as X-Amz-Security-Token. */
  sessionToken?: string;
  arn: string;
  account: string;
  userId: string;
  /** Epoch ms after which the credentials are expired; absent for the IAM user. */
  expiresAt?: number;
  /** True for role sessions (SSO or AssumeRole): chaining from them caps DurationSeconds at 1 h. */
  roleSession: boolean;
  /** For a GetSessionToken session: the IAM user it belongs to (its MFA devices are the user's). */
  userArn?: string;
  /** True for a session made with an MFA code. */
  mfa?: boolean;
}

/** Parses `arn:aws:iam::<acct>:role[/path]/<name>` into account and role name. */
export function parseRoleArn(arn: string): { account: string; roleName: string } | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return match ? { account: match[1]!, roleName: match[2]! } : undefined;
}

/** The registry of key pairs; `onSecret` sees every secret it creates. */
export class PrincipalRegistry {
  readonly #byKey = new Map<string, Principal>();
  readonly #onSecret: (secret: string) => void;

  constructor(ambient: AmbientKeys, onSecret: (secret: string) => void) {
    this.#onSecret = onSecret;
    const account = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(ambient.arn)?.[1] ?? '000000000000';
    this.#byKey.set(ambient.accessKeyId, {
      accessKeyId: ambient.accessKeyId,
      secretAccessKey: ambient.secretAccessKey,
      arn: ambient.arn,
      account,
      userId: `AIDA${stableId(ambient.arn)}`,
      roleSession: false,
    });
    onSecret(ambient.secretAccessKey);
  }

  /** The principal holding `accessKeyId`, if any. */
  get(accessKeyId: string): Principal | undefined {
    return this.#byKey.get(accessKeyId);
  }

  /** Issues a GetSessionToken session of IAM user `user` (GetCallerIdentity still names the user). */
  issueUserSession(user: Principal, expiresAt: number, mfa: boolean): Principal {
    const principal: Principal = {
      accessKeyId: temporaryAccessKeyId(),
      secretAccessKey: secretAccessKey(),
      sessionToken: sessionToken(),
      arn: user.arn,
      account: user.account,
      userId: user.userId,
      expiresAt,
      roleSession: false,
      userArn: user.arn,
      mfa,
    };
    this.#byKey.set(principal.accessKeyId, principal);
    this.#onSecret(principal.secretAccessKey);
    this.#onSecret(principal.sessionToken!);
    return principal;
  }

  /** Issues temporary credentials for a session of role `roleName` in `account`. */
  issueRoleSession(account: string, roleName: string, sessionName: string, expiresAt: number): Principal {
    const roleId = `AROA${stableId(`${account}:${roleName}`)}`;
    const principal: Principal = {
      accessKeyId: temporaryAccessKeyId(),
      secretAccessKey: secretAccessKey(),
      sessionToken: sessionToken(),
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      account,
      userId: `${roleId}:${sessionName}`,
      expiresAt,
      roleSession: true,
    };
    this.#byKey.set(principal.accessKeyId, principal);
    this.#onSecret(principal.secretAccessKey);
    this.#onSecret(principal.sessionToken!);
    return principal;
  }
}
