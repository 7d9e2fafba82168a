// Public types of the AWS emulator: the options a test passes in and the handle it gets back.
import type { CodeartifactTokenRecord } from './codeartifact.ts';
import type { EksClusterFixture } from './eks.ts';

/** Every operation the emulator answers, as counted by `calls(op)`. */
export type OpName =
  | 'sso-oidc:RegisterClient'
  | 'sso-oidc:StartDeviceAuthorization'
  | 'sso-oidc:CreateToken'
  | 'sso-oidc:Authorize'
  | 'sso-oidc:VerifyDevice'
  | 'sso:GetRoleCredentials'
  | 'sso:ListAccounts'
  | 'sso:ListAccountRoles'
  | 'sso:Logout'
  | 'sts:AssumeRole'
  | 'sts:AssumeRoleWithWebIdentity'
  | 'sts:AssumeRoleWithSAML'
  | 'sts:GetSessionToken'
  | 'idp:LoginPage'
  | 'idp:SignIn'
  | 'sts:GetCallerIdentity'
  | 'ecr:GetAuthorizationToken'
  | 'ecr-public:GetAuthorizationToken'
  | 'eks:DescribeCluster'
  | 'codeartifact:GetAuthorizationToken'
  | 'codeartifact:GetRepositoryEndpoint'
  | 'github:IdToken';

/** One AWS account of the SSO fixture and the permission sets (role names) assigned in it. */
export interface AccountFixture {
  id: string;
  name: string;
  email?: string;
  roles: string[];
}

/** A virtual MFA device of an IAM user: its serial (ARN) and base32 TOTP secret. */
export interface MfaDevice {
  serial: string;
  secret: string;
  /** The IAM user it belongs to. */
  userArn: string;
}

/** A role the stand-in IdP grants, reached through an IAM SAML provider the emulator's IAM trusts. */
export interface SamlRoleGrant {
  roleArn: string;
  principalArn: string;
}

/** A long-lived key pair the emulator treats as an IAM user (the "ambient" AWS chain in tests). */
export interface AmbientKeys {
  accessKeyId: string;
  secretAccessKey: string;
  arn: string;
}

/** What a custom ECR password generator is told about the request. */
export interface EcrPasswordContext {
  region: string;
  principalArn: string;
  accessKeyId: string;
  public: boolean;
}

/** An injected failure; `times` undefined means until `clearFaults()`. */
export type Fault =
  | { type: 'throttle'; times: number }
  | { type: 'server-error'; times?: number }
  | { type: 'access-denied'; times?: number }
  | { type: 'slow'; ms: number; times?: number }
  /** Answered once `until` settles: a test releases held calls when it has seen what it waits for (no timing). */
  | { type: 'hold'; until: Promise<unknown>; times?: number }
  | { type: 'drop'; times?: number }
  /** Answers with exactly this status and body (a malformed or oversized answer, a proxy's error page...). */
  | { type: 'answer'; status: number; body: string; contentType?: string; times?: number }
  /** Answers as usual, with the body passed through `edit` first (a field AWS would never send). */
  | { type: 'mangle'; edit: (body: string) => string; times?: number };

/** Options of `startEmulator`; every field is optional. */
export interface EmulatorOptions {
  /** Port to listen on (127.0.0.1); 0 picks a free one. */
  port?: number;
  /** The emulator's notion of "now" in epoch ms: drives every expiry it issues and the Date header. */
  clock?: () => number;
  accounts?: AccountFixture[];
  /** Largest page ListAccounts / ListAccountRoles return (a smaller maxResults wins). */
  accountsPageSize?: number;
  /** A device code is approved (or denied, see `authorize`) after this many CreateToken polls; Infinity = manual. */
  autoApproveAfterPolls?: number;
  /** Device-flow polling interval in seconds; polling faster gets SlowDownException (0 disables). */
  deviceInterval?: number;
  deviceExpiresIn?: number;
  ssoAccessTokenTtlSeconds?: number;
  roleCredentialsTtlSeconds?: number;
  ecrTokenTtlSeconds?: number;
  ecrPassword?: (ctx: EcrPasswordContext) => string;
  /** What the "user" answers in the browser (GET /authorize, the device page, auto-approval). */
  authorize?: 'approve' | 'deny';
  ambient?: AmbientKeys;
  githubRequestToken?: string;
  /** Virtual MFA devices (default: one for the ambient IAM user). */
  mfaDevices?: MfaDevice[];
  /** Roles whose trust policy requires MFA in AssumeRole. */
  mfaRequiredRoles?: string[];
  /** The roles the stand-in SAML IdP grants its user (and IAM trusts). */
  samlRoles?: SamlRoleGrant[];
  /** The stand-in IdP's one user. */
  samlUser?: { username: string; password: string };
  /** Reject SigV4 requests whose X-Amz-Date is further than this from the clock (off when undefined). */
  maxSignatureSkewSeconds?: number;
}

/** One request the emulator answered (faulted ones included). */
export interface CallLogEntry {
  op: OpName;
  /** Emulator clock, epoch ms. */
  time: number;
  /** Signing region from the SigV4 credential scope, when the request was signed. */
  region?: string;
  /** ARN of the signing principal, when known. */
  principal?: string;
}

/** One ECR / ECR Public password the emulator issued. */
export interface EcrPasswordRecord {
  region: string;
  password: string;
  principalArn: string;
  public: boolean;
  expiresAt: Date;
}

/** The AWS CLI's `~/.aws/sso/cache/<sha1>.json` document. */
export interface SsoCacheEntry {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken: string;
}

/** A running emulator. */
export interface Emulator {
  readonly url: string;
  readonly port: number;
  /** AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_{ECR,ECR_PUBLIC,SSO,SSO_OIDC,STS}, all = url. */
  readonly env: Record<string, string>;
  /** ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN for the GitHub OIDC stand-in. */
  readonly githubEnv: Record<string, string>;
  readonly ambient: AmbientKeys;
  readonly callLog: readonly CallLogEntry[];
  calls(op?: OpName): number;
  resetCalls(): void;
  fault(op: OpName, fault: Fault): void;
  clearFaults(): void;
  setAuthorize(mode: 'approve' | 'deny'): void;
  revokeSsoSessions(): void;
  expireSsoAccessTokens(): void;
  mintSsoSession(input?: { startUrl?: string; region?: string }): SsoCacheEntry;
  approveDevice(userCode: string): void;
  secrets(): string[];
  ecrPasswords(): EcrPasswordRecord[];
  principalOf(accessKeyId: string): string | undefined;
  /** The stand-in IdP: its AWS application URL (with ?autofill=1 the page signs its user in by itself), user and grants. */
  readonly saml: { url: string; autofillUrl: string; user: { username: string; password: string }; roles: SamlRoleGrant[] };
  /** Issues an assertion the way the IdP would after a sign-in (for assertion_command tests). */
  issueSamlAssertion(options?: { roles?: SamlRoleGrant[]; ttlSeconds?: number; audience?: string }): string;
  /** The current code of an MFA device (default: the ambient user's), at the emulator clock. */
  mfaCode(serial?: string, offsetSteps?: number): string;
  readonly mfaDevices: MfaDevice[];
  /** Registers an EKS cluster that DescribeCluster answers for (in its region). */
  addEksCluster(cluster: EksClusterFixture): void;
  /** Every CodeArtifact token issued, oldest first. */
  codeartifactTokens(): CodeartifactTokenRecord[];
  stop(): Promise<void>;
}
