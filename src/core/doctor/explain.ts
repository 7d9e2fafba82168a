// `doctor --explain "..."`: the error text Docker, the AWS CLI or a CI log printed, mapped to the doctor check that
// finds its cause and the usual fix. Pure: a table of patterns, first match wins.

/** The checks doctor runs, in order. */
export type CheckId = 'config' | 'identity' | 'clock' | 'token' | 'docker' | 'registry';

export interface Explanation {
  check: CheckId;
  meaning: string;
  fix: string;
}

const RULES: ReadonlyArray<{ pattern: RegExp } & Explanation> = [
  {
    pattern: /authorization token has expired|token has expired|reauthenticate and try again/i,
    check: 'token',
    meaning: 'Docker sent an ECR token that is past its 12 hours (or the clock is off).',
    fix: 'run `ecr-auth ecr-login` (or `exec --keep-fresh` for long jobs, or settings.docker.mode: helper so Docker asks ecr-auth each time)',
  },
  {
    pattern: /credentials not found in native keychain|error getting credentials|docker-credential-[\w.-]+.*(exit status|not found in \$PATH|executable file not found)|error storing credentials/i,
    check: 'docker',
    meaning: 'Docker asked a credential helper (credsStore / credHelpers) and it failed or had nothing for this registry.',
    fix: 'see the docker check: install the helper named in the Docker config, unlock its store, or run `ecr-auth ecr-login` so the login is stored where Docker looks',
  },
  {
    pattern: /no basic auth credentials|unauthorized: authentication required|401 unauthorized|pull access denied|requested access to the resource is denied/i,
    check: 'docker',
    meaning: 'Docker sent no credential, or one the registry does not know, for this host: no login, a login in another Docker config (DOCKER_CONFIG, sudo), or one shadowed by credsStore/credHelpers.',
    fix: 'see the docker check: it names the config Docker reads and what shadows the login; then `ecr-auth ecr-login`',
  },
  {
    pattern: /AccessDeniedException|not authorized to perform: ecr:|ecr:GetAuthorizationToken|ecr-public:GetAuthorizationToken|sts:GetServiceBearerToken/i,
    check: 'identity',
    meaning: "The identity's role lacks the ECR permission (ecr:GetAuthorizationToken, or ecr:BatchGetImage / ecr:InitiateLayerUpload for the repository).",
    fix: "grant the role ecr:GetAuthorizationToken (and the repository's pull/push actions), or use another identity with --identity",
  },
  {
    pattern: /RequestTimeTooSkewed|Signature expired|clock skew|InvalidSignatureException.*(time|date)|certificate has expired or is not yet valid|x509: certificate has expired or is not yet valid/i,
    check: 'clock',
    meaning: "The machine's clock differs from AWS's: signatures are refused and expiries misjudged.",
    fix: 'sync the clock (timedatectl set-ntp true, or restart the VM/WSL instance whose clock drifted)',
  },
  {
    pattern: /x509|certificate signed by unknown authority|tls: failed to verify|SSL|self[- ]signed certificate/i,
    check: 'registry',
    meaning: 'The TLS connection to the registry (or an intercepting proxy) is not trusted.',
    fix: "add the proxy's CA to the system trust store (and NODE_EXTRA_CA_CERTS for ecr-auth), or set NO_PROXY for *.amazonaws.com",
  },
  {
    pattern: /dial tcp|i\/o timeout|connection refused|no such host|TLS handshake timeout|proxyconnect|ETIMEDOUT|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|network is unreachable/i,
    check: 'registry',
    meaning: 'The registry (or AWS) cannot be reached from here: network, DNS, firewall or proxy settings.',
    fix: 'see the registry check: it names the proxy Docker would use (HTTPS_PROXY / NO_PROXY, proxies in config.json); allow *.dkr.ecr.<region>.amazonaws.com through it',
  },
  {
    pattern: /E_SSO_LOGIN_REQUIRED|E_SSO_EXPIRED|UnauthorizedException|Session token not found or invalid|The SSO session associated with this profile has expired|Token has expired and refresh failed|ExpiredToken|security token included in the request is expired|InvalidClientTokenId|UnrecognizedClientException/i,
    check: 'identity',
    meaning: "The identity's AWS session (SSO sign-in or role credentials) is missing or expired.",
    fix: 'run `ecr-auth login` (in CI: check the identity provider, e.g. the OIDC role, is configured)',
  },
  {
    pattern: /E_CONFIG|ecr-auth\.config|is not a duration|unknown (identity|integration|provider)/i,
    check: 'config',
    meaning: 'The ecr-auth config does not load.',
    fix: 'run `ecr-auth validate` and fix what it names',
  },
];

/** The check an error text points at, or undefined when the text is not recognised. */
export function explainError(text: string): Explanation | undefined {
  const rule = RULES.find((r) => r.pattern.test(text));
  return rule ? { check: rule.check, meaning: rule.meaning, fix: rule.fix } : undefined;
}
