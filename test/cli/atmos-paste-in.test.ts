// An Atmos `auth:` block pasted in as it is, run through the real CLI (in-process) and the real session against the
// AWS emulator: the ECR integration beside out-of-scope entries (an azure/ provider, aws/assume-root with !env, a
// gcp/ integration; aws/saml, aws/user and aws/eks have kinds of their own since issues 13 and 14) still logs
// in; the set-aside names say why when asked for; identity env lists reach env and exec; an aws/ambient identity
// (IRSA / instance profile) chains into aws/assume-role; assume-role straight off SSO fails the way Atmos does.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { DEFAULT_AMBIENT, DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeCliHome, type CliHome } from '../safety/support/cli-home.ts';

const ATMOS = `# pasted from an atmos.yaml
auth:
  logs: { level: Info }
  providers:
    company-sso:
      kind: aws/iam-identity-center
      region: us-east-1
      start_url: ${DEFAULT_START_URL}
      auto_provision_identities: true
    okta:
      kind: azure/cli
      region: us-east-1
      url: https://acme.okta.com/app/amazon_aws/abc/sso/saml
    gha:
      kind: github/oidc
      spec: { audience: sts.amazonaws.com }
  identities:
    dev-admin:
      kind: aws/permission-set
      default: true
      via: { provider: company-sso }
      principal:
        name: AdministratorAccess
        account: { name: dev, id: "123456789012" }
      env:
        - key: TEAM
          value: platform
        - key: AWS_PROFILE
          value: dev-admin
    emergency:
      kind: aws/assume-root
      credentials:
        access_key_id: !env EMERGENCY_AWS_ACCESS_KEY_ID
        secret_access_key: !env EMERGENCY_AWS_SECRET_ACCESS_KEY
    saml-admin:
      kind: aws/assume-role
      via: { provider: okta }
      principal: { assume_role: "arn:aws:iam::123456789012:role/Admin" }
    pod:
      kind: aws/ambient
      principal: { region: us-west-2 }
    pod-deployer:
      kind: aws/assume-role
      via: { identity: pod }
      principal: { assume_role: "arn:aws:iam::111111111111:role/Deploy", region: eu-west-1 }
    sso-role:
      kind: aws/assume-role
      via: { provider: company-sso }
      principal: { assume_role: "arn:aws:iam::123456789012:role/Direct" }
    ci:
      kind: aws/assume-role
      via: { provider: gha }
      principal: { assume_role: "arn:aws:iam::111111111111:role/Deploy" }
  integrations:
    dev/ecr:
      kind: aws/ecr
      via: { identity: dev-admin }
      spec: { registry: { account_id: "123456789012", region: us-east-2 } }
    saml/ecr:
      kind: aws/ecr
      via: { identity: saml-admin }
      spec: { registry: { account_id: "123456789012", region: us-west-2 } }
    dev/eks:
      kind: gcp/gke
      via: { identity: dev-admin }
      spec: { cluster: { name: dev, region: us-east-2 } }
`;

const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
let emulator: Emulator;
let world: CliHome;

/** Runs the CLI; with `answer`, as on a terminal (a person types `answer`), else as in CI. */
async function run(argv: string[], env: Record<string, string> = {}, answer?: string) {
  let stdout = '';
  let stderr = '';
  const tty = answer !== undefined;
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from(tty ? [answer] : []),
    env: { ...world.env, ...(tty ? {} : { CI: 'true' }), ...env },
    cwd: world.cwd,
    isTTY: { stdin: tty, stdout: tty, stderr: tty },
    platform: 'linux',
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  world = await makeCliHome(emulator);
  await world.writeConfig(ATMOS);
  await world.seedSso();
  return () => world.cleanup();
});

describe('an Atmos auth: block with out-of-scope entries', () => {
  it('validates: what is set aside is listed with why, and the github/oidc provider prints no undefined', async () => {
    const { code, stdout } = await run(['validate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Set aside \(5\)/);
    expect(stdout).toMatch(/identities\.saml-admin\s+aws\/assume-role\s+depends on provider 'okta' \(azure\/cli\)/);
    expect(stdout).toMatch(/integrations\.saml\/ecr\s+aws\/ecr\s+depends on identity 'saml-admin'/);
    expect(stdout).toMatch(/integrations\.dev\/eks\s+gcp\/gke\s+gcp\/gke is not supported/);
    expect(stdout).toMatch(/gha\s+github\/oidc\s+us-east-1 {2}token only/);
    expect(stdout).toMatch(/AdministratorAccess in dev \(123456789012\)/);
    expect(stdout).not.toContain('undefined');
    const json = JSON.parse((await run(['validate', '--json'])).stdout);
    expect(json.setAside.map((e: { name: string }) => e.name).sort()).toEqual(['dev/eks', 'emergency', 'okta', 'saml-admin', 'saml/ecr']);
  });

  it('the ECR integration beside them logs Docker in against the emulator', async () => {
    const { code, stdout, stderr } = await run(['ecr-login', 'dev/ecr']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`✓ ECR login: ${HOST}`);
    const docker = JSON.parse(await readFile(world.dockerConfigPath, 'utf8'));
    const password = emulator.ecrPasswords().at(-1)!.password;
    expect(Buffer.from(docker.auths[HOST].auth, 'base64').toString()).toBe(`AWS:${password}`);
    // the account was given by id and name: the id is used, no ListAccounts needed
    expect(emulator.calls('sso:ListAccounts')).toBe(0);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
  });

  it('login of the default identity runs its registries; the set-aside integration is not among them', async () => {
    const { code, stdout } = await run(['login']);
    expect(code).toBe(0);
    expect(stdout).toContain(`✓ ECR login: ${HOST}`);
    expect(stdout).not.toContain('us-west-2');
  });

  it('a set-aside name says it is set aside and why (exit 2)', async () => {
    const integration = await run(['ecr-login', 'saml/ecr']);
    expect(integration.code).toBe(2);
    expect(integration.stderr).toMatch(/integration 'saml\/ecr' is set aside: depends on identity 'saml-admin'/);
    const identity = await run(['login', 'emergency']);
    expect(identity.code).toBe(2);
    expect(identity.stderr).toMatch(/identity 'emergency' is set aside: aws\/assume-root is not supported by ecr-auth/);
  });

  it("the identity's env list reaches env and exec (it sets AWS_PROFILE beside the keys, never the keys)", async () => {
    const env = await run(['env', '--format', 'dotenv']);
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toMatch(/^TEAM=platform$/m);
    expect(env.stdout).toMatch(/^AWS_PROFILE=dev-admin$/m);
    expect(env.stdout).toMatch(/^AWS_ACCESS_KEY_ID=ASIA/m);
    const exec = await run(['exec', '--', 'sh', '-c', 'test "$TEAM/$AWS_PROFILE" = platform/dev-admin || exit 7']);
    expect(exec.code, exec.stderr).toBe(0);
  });

  it('an aws/ambient identity (IRSA, instance profile) chains into aws/assume-role; principal.region is the STS region and AWS_REGION', async () => {
    const ambient = { AWS_ACCESS_KEY_ID: DEFAULT_AMBIENT.accessKeyId, AWS_SECRET_ACCESS_KEY: DEFAULT_AMBIENT.secretAccessKey };
    const direct = await run(['env', '--identity', 'pod', '--format', 'json'], ambient);
    expect(direct.code, direct.stderr).toBe(0);
    expect(JSON.parse(direct.stdout)).toMatchObject({ AWS_ACCESS_KEY_ID: DEFAULT_AMBIENT.accessKeyId, AWS_REGION: 'us-west-2' });
    const chained = await run(['env', '--identity', 'pod-deployer', '--format', 'json'], ambient);
    expect(chained.code, chained.stderr).toBe(0);
    expect(JSON.parse(chained.stdout)).toMatchObject({ AWS_REGION: 'eu-west-1' });
    expect(emulator.calls('sts:AssumeRole')).toBe(1);
  });

  it('assume-role straight off the SSO provider fails as in Atmos, saying why and what to write instead (no AWS call)', async () => {
    const { code, stderr } = await run(['env', '--identity', 'sso-role']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/straight from the IAM Identity Center provider "company-sso", which cannot work/);
    expect(stderr).toMatch(/aws\/permission-set identity via "company-sso"/);
    expect(emulator.calls('sts:AssumeRole')).toBe(0);
  });
});

describe('Atmos flags and commands', () => {
  it('ecr-login takes -i, repeatable -r and --public', async () => {
    const west = '123456789012.dkr.ecr.us-west-2.amazonaws.com';
    const { code, stdout, stderr } = await run(['ecr-login', '-i', 'dev-admin', '-r', HOST, '-r', west, '--public']);
    expect(code, stderr).toBe(0);
    for (const host of [HOST, west, 'public.ecr.aws']) expect(stdout).toContain(`✓ ECR login: ${host}`);
    expect(emulator.calls('ecr-public:GetAuthorizationToken')).toBe(1);
  });

  it('-i with no value picks on a terminal, and is a usage error listing the identities elsewhere', async () => {
    const ci = await run(['ecr-login', '-i']);
    expect(ci.code).toBe(2);
    expect(ci.stderr).toMatch(/-i\/--identity needs a value here: there is no terminal.*dev-admin \| pod/s);
    const tty = await run(['ecr-login', '-i'], {}, '1\n');
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/Choose an identity:\n {2}1\) dev-admin\n/);
    expect(tty.stdout).toContain(`✓ ECR login: ${HOST}`);
  });

  it('several default: true identities: a terminal asks among them; elsewhere an error names them', async () => {
    await world.writeConfig(ATMOS.replace('    pod:\n      kind: aws/ambient\n', '    pod:\n      kind: aws/ambient\n      default: true\n'));
    expect((await run(['validate'])).stdout).toMatch(/Default identity: \(several: dev-admin, pod; a terminal asks which\)/);
    const ci = await run(['login']);
    expect(ci.code).toBe(2);
    expect(ci.stderr).toMatch(/2 identities are marked default: true \(dev-admin, pod\) and there is no terminal to ask which/);
    const tty = await run(['login'], {}, 'dev-admin\n');
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/several are marked default: true/);
    expect(tty.stdout).toMatch(/^✓ dev-admin /m);
  });

  it('login -p signs in to the provider alone; login -i is login IDENTITY', async () => {
    const provider = await run(['login', '-p', 'company-sso']);
    expect(provider.code, provider.stderr).toBe(0);
    expect(provider.stdout).toMatch(/^✓ provider company-sso \(aws\/iam-identity-center: /m);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(0);
    const identity = await run(['login', '-i', 'dev-admin', '--json']);
    expect(identity.code, identity.stderr).toBe(0);
    expect(JSON.parse(identity.stdout)).toMatchObject({ identity: 'dev-admin' });
    const both = await run(['login', 'dev-admin', '-p', 'company-sso']);
    expect(both.code).toBe(2);
  });

  it('env -f env -o FILE writes NAME=value lines to a 0600 file, nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['env', '-f', 'env', '-o', 'aws.env', '--login']);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('');
    const text = await readFile(join(world.cwd, 'aws.env'), 'utf8');
    expect(text).toMatch(/^AWS_ACCESS_KEY_ID=ASIA\S+$/m);
    expect(text).toMatch(/^TEAM=platform$/m);
    expect((await stat(join(world.cwd, 'aws.env'))).mode & 0o777).toBe(0o600);
  });

  it('logout --dry-run says what it would remove and removes nothing', async () => {
    expect((await run(['login'])).code).toBe(0);
    const before = await readFile(world.dockerConfigPath, 'utf8');
    const dry = await run(['logout', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^would remove credentials: dev-admin$/m);
    expect(dry.stdout).toMatch(new RegExp(`^would remove docker auths: ${HOST.replaceAll('.', '\\.')}$`, 'm'));
    expect(await readFile(world.dockerConfigPath, 'utf8')).toBe(before);
    expect((await run(['whoami'])).code).toBe(0);
    const real = await run(['logout']);
    expect(real.stdout).toMatch(/^removed credentials: dev-admin$/m);
  });

  it('whoami reports from the cache without any AWS call; exit 1 when not signed in', async () => {
    const before = await run(['whoami']);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/Signed in\s+no \(nothing cached\)/);
    expect((await run(['login'])).code).toBe(0);
    emulator.resetCalls();
    const after = await run(['whoami']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/^Identity\s+dev-admin \(aws\/permission-set\)$/m);
    expect(after.stdout).toMatch(/^Account\s+123456789012 \(dev\)$/m);
    expect(after.stdout).toMatch(/^Role\s+AdministratorAccess$/m);
    expect(after.stdout).toMatch(/^Signed in\s+yes, expires in /m);
    const json = JSON.parse((await run(['whoami', '--json'])).stdout);
    expect(json).toMatchObject({ identity: 'dev-admin', account: '123456789012', accountName: 'dev', signedIn: true, source: 'cache' });
    const role = JSON.parse((await run(['whoami', '-i', 'pod-deployer', '--json'])).stdout);
    expect(role).toMatchObject({ identity: 'pod-deployer', account: '111111111111', role: 'Deploy', signedIn: false, chain: ['pod', 'pod-deployer'] });
    expect(emulator.calls()).toBe(0);
  });

  it('whoami names the account id of an account given by name, as the last sign-in looked it up', async () => {
    await world.writeConfig(ATMOS.replace('account: { name: dev, id: "123456789012" }', 'account: dev'));
    expect((await run(['login'])).code).toBe(0);
    expect(emulator.calls('sso:ListAccounts')).toBe(1);
    const json = JSON.parse((await run(['whoami', '--json'])).stdout);
    expect(json).toMatchObject({ account: '123456789012', accountName: 'dev', signedIn: true });
  });

  it('list shows the tree and what was set aside, human and --json', async () => {
    const { code, stdout } = await run(['list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^├─ company-sso \(aws\/iam-identity-center: us-east-1 {2}https:/m);
    expect(stdout).toMatch(/^│ {2}├─ dev-admin \(aws\/permission-set: AdministratorAccess in dev \(123456789012\)\) \[default\]$/m);
    expect(stdout).toMatch(/^│ {2}│ {2}└─ integration dev\/ecr \(aws\/ecr: 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com\)$/m);
    expect(stdout).toMatch(/^└─ pod \(aws\/ambient: us-west-2\)$/m);
    expect(stdout).toMatch(/^ {3}└─ pod-deployer \(aws\/assume-role: arn:aws:iam::111111111111:role\/Deploy\)$/m);
    expect(stdout).toMatch(/Set aside \(5\)/);
    const json = JSON.parse((await run(['list', '--json'])).stdout);
    expect(json.tree.map((n: { name: string }) => n.name)).toEqual(['company-sso', 'gha', 'pod']);
    expect(json.setAside).toHaveLength(5);
  });
});

