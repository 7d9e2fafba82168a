// A real Turborepo workspace (npm workspaces, turbo 2 and the packed ecr-auth from npm) built from the recipe in
// examples/turborepo: its turbo.json, root `ecr-login` script and config, used as they are. Three packages
// build and push images with a stand-in for docker that checks the login it finds; a root task prints which
// variables reach it, to show what turbo's strict env mode strips.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npmInstall, packEcrAuth } from './package.ts';
import { ok, REPO, run, writeTree, type Ran } from './sandbox.ts';

const EXAMPLE = join(REPO, 'examples', 'turborepo');

/** The packages of the workspace and the image each builds and pushes. */
export const IMAGES: Record<string, string> = {
  'app-a': '123456789012.dkr.ecr.us-east-2.amazonaws.com/app-a:1',
  'app-b': '123456789012.dkr.ecr.us-east-2.amazonaws.com/app-b:1',
  'app-c': '123456789012.dkr.ecr.us-west-2.amazonaws.com/app-c:1',
};

/** Variables the env probe reports as set or unset. */
export const PROBED = ['AWS_ENDPOINT_URL_ECR', 'AWS_ACCESS_KEY_ID', 'ECR_AUTH_CONFIG', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'XDG_CACHE_HOME', 'HOME', 'DOCKER_CONFIG'];

// `docker build|push IMAGE` stand-in: finds the credentials Docker would use for the image's registry (auths in
// $DOCKER_CONFIG/config.json) and checks them against `ecr-auth get-login-password`, which answers from the cache.
// Prints a fingerprint of the password, never the password.
const FAKE_DOCKER = `import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
const [verb, image] = process.argv.slice(2);
const host = image.split('/')[0];
const dir = process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
const auth = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).auths?.[host]?.auth;
if (!auth) { console.error(verb + ' ' + image + ': no Docker login for ' + host); process.exit(1); }
const password = Buffer.from(auth, 'base64').toString('utf8').replace(/^AWS:/, '');
const fromCli = execFileSync('ecr-auth', ['get-login-password', '--registry', host], { encoding: 'utf8' }).trim();
if (fromCli !== password) { console.error(verb + ' ' + image + ': the Docker login differs from ecr-auth get-login-password'); process.exit(1); }
console.log(verb + ' ' + image + ': logged in ' + createHash('sha256').update(password).digest('hex').slice(0, 16));
`;

const ENV_PROBE = `console.log('probe: ' + process.argv.slice(2).map((n) => n + '=' + (process.env[n] === undefined ? 'unset' : 'set')).join(' '));\n`;

async function exampleJson(path: string): Promise<any> {
  return JSON.parse(await readFile(join(EXAMPLE, path), 'utf8'));
}

/** Writes the workspace into `root` and installs turbo and the packed ecr-auth. */
export async function createTurboWorkspace(root: string): Promise<void> {
  const tarball = await packEcrAuth(root);
  const npmVersion = ok(await run('npm', ['--version'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root } }), 'npm --version').stdout.trim();
  const turboJson = await exampleJson('turbo.json');
  turboJson.tasks['//#env:probe'] = { cache: false };
  const example = await exampleJson('package.json');
  const packages = Object.fromEntries(
    Object.entries(IMAGES).map(([name, image]) => [
      `packages/${name}/package.json`,
      {
        name,
        version: '1.0.0',
        private: true,
        scripts: { 'docker:build': `node ../../scripts/fake-docker.mjs build ${image}`, 'docker:push': `node ../../scripts/fake-docker.mjs push ${image}` },
      },
    ]),
  );
  await writeTree(root, {
    'package.json': {
      name: 'turbo-ecr-workspace',
      private: true,
      packageManager: `npm@${npmVersion}`,
      workspaces: ['packages/*'],
      scripts: { 'ecr-login': example.scripts['ecr-login'], 'env:probe': `node scripts/env-probe.mjs ${PROBED.join(' ')}` },
      devDependencies: { turbo: '^2', 'ecr-auth': `file:./${tarball.slice(root.length + 1)}` },
    },
    'turbo.json': turboJson,
    'scripts/fake-docker.mjs': FAKE_DOCKER,
    'scripts/env-probe.mjs': ENV_PROBE,
    ...packages,
  });
  await cp(join(EXAMPLE, 'ecr-auth.config.yaml'), join(root, 'ecr-auth.config.yaml'));
  await cp(join(REPO, 'examples', 'github-actions', 'ecr-auth.ci.yaml'), join(root, 'ecr-auth.ci.yaml'));
  await npmInstall(root);
}

/** A second checkout of the workspace (node_modules included), as another CI agent would have. */
export async function copyWorkspace(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, verbatimSymlinks: true, filter: (source) => !source.includes('/.turbo') });
}

/** `turbo run ...` in `root` with exactly `env`, telemetry and update checks off, output streamed in order. */
export function turbo(root: string, args: readonly string[], env: Record<string, string>): Promise<Ran> {
  return run(join(root, 'node_modules', '.bin', 'turbo'), ['run', ...args, '--ui=stream'], {
    cwd: root,
    env: { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
    timeout: 180_000,
  });
}
