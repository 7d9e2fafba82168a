// The recipes in examples/ stay consistent with what the runner tests prove: every config loads with no error or
// warning, CI files grant and pass what ecr-auth needs, and the Nx and Turborepo wiring has one never-cached
// login task that the docker tasks depend on.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/core/config/load.ts';
import { REPO } from './support/sandbox.ts';

const EXAMPLES = join(REPO, 'examples');
const text = (path: string) => readFile(join(EXAMPLES, path), 'utf8');
const json = async (path: string) => JSON.parse(await text(path));
const exists = (path: string) => stat(join(EXAMPLES, path)).then(() => true, () => false);

async function configFiles(): Promise<string[]> {
  const dirs = await readdir(EXAMPLES, { withFileTypes: true });
  const found: string[] = [];
  for (const dir of dirs.filter((d) => d.isDirectory())) {
    for (const name of await readdir(join(EXAMPLES, dir.name))) if (/^ecr-auth\..*ya?ml$/.test(name)) found.push(`${dir.name}/${name}`);
  }
  return found.sort();
}

it('every example config loads with no error and no warning', async () => {
  const files = await configFiles();
  expect(files.length).toBeGreaterThanOrEqual(6);
  for (const file of files) {
    const config = await loadConfig({ cwd: EXAMPLES, env: {}, configPath: file });
    expect(config.warnings, file).toEqual([]);
    expect(Object.keys(config.integrations).length, file).toBeGreaterThan(0);
  }
});

describe('CI files', () => {
  it('GitHub Actions: id-token write, a CI config that exists, ecr-auth login before docker push', async () => {
    const workflow = parse(await text('github-actions/.github/workflows/images.yml'));
    expect(workflow.permissions['id-token']).toBe('write');
    const job = workflow.jobs.push;
    expect(await exists(`github-actions/${job.env.ECR_AUTH_CONFIG}`)).toBe(true);
    const runs: string[] = job.steps.map((s: { run?: string }) => s.run ?? '');
    expect(runs.indexOf('npx ecr-auth login')).toBeGreaterThanOrEqual(0);
    expect(runs.indexOf('npx ecr-auth login')).toBeLessThan(runs.findIndex((r) => r.startsWith('docker push')));
  });

  it('GitLab: an ID token for sts.amazonaws.com written to AWS_WEB_IDENTITY_TOKEN_FILE, with AWS_ROLE_ARN', async () => {
    const job = parse(await text('gitlab/.gitlab-ci.yml'))['push-images'];
    expect(job.id_tokens.AWS_ID_TOKEN.aud).toBe('sts.amazonaws.com');
    expect(job.variables.AWS_ROLE_ARN).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(await exists(`gitlab/${job.variables.ECR_AUTH_CONFIG}`)).toBe(true);
    expect(job.before_script.join('\n')).toContain('> "$AWS_WEB_IDENTITY_TOKEN_FILE"');
  });
});

describe('task runner wiring', () => {
  it('Nx: docker targets depend on the root ecr-login target, which uses the executor and is never cached', async () => {
    const root = await json('nx/project.json');
    expect(root.targets['ecr-login']).toEqual({ executor: 'ecr-auth:ecr-login', cache: false, options: {} });
    const login = { target: 'ecr-login', projects: [root.name] };
    const nx = await json('nx/nx.json');
    for (const target of ['docker-build', 'docker-push']) expect(nx.targetDefaults[target].dependsOn).toContainEqual(login);
    const executors = JSON.parse(await readFile(join(REPO, 'executors.json'), 'utf8')).executors;
    expect(Object.keys(executors)).toEqual(expect.arrayContaining(['ecr-login', 'with-auth']));
  });

  it('Turborepo: //#ecr-login is never cached and every task that needs it passes AWS_* and ECR_AUTH_* through', async () => {
    const { tasks } = await json('turborepo/turbo.json');
    expect(tasks['//#ecr-login'].cache).toBe(false);
    const needing = Object.entries<{ dependsOn?: string[]; cache?: boolean; passThroughEnv?: string[] }>(tasks).filter(
      ([name, task]) => name === '//#ecr-login' || task.dependsOn?.includes('//#ecr-login'),
    );
    expect(needing.length).toBe(3);
    for (const [name, task] of needing) {
      expect(task.cache, name).toBe(false);
      expect(task.passThroughEnv, name).toEqual(expect.arrayContaining(['AWS_*', 'ECR_AUTH_*', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']));
    }
    expect((await json('turborepo/package.json')).scripts['ecr-login']).toBe('ecr-auth login');
  });
});
