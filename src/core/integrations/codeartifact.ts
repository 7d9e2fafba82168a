// aws/codeartifact: a CodeArtifact domain's token (codeartifact:GetAuthorizationToken, cached per identity chain,
// domain, owner and region) written where each package manager reads it: npm and pnpm from an .npmrc (the user's,
// or the project's), Yarn Berry from ~/.yarnrc.yml, pip and uv from PIP_INDEX_URL / UV_INDEX_URL /
// UV_DEFAULT_INDEX in the environment of `exec`, `env` and `with-auth`. Every foreign line stays; a ledger in the
// cache says which lines are ours, so logout removes exactly those (and puts back a line we had replaced).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isFresh } from '../cache/freshness.ts';
import { ensureCached } from '../cache/ensure-cached.ts';
import { accountId, optional, seconds, via } from '../config/kind-row.ts';
import { joinPath } from '../config/issues.ts';
import type { Via } from '../config/model.ts';
import type { SchemaKit } from '../config/schema.ts';
import type { CoreContext } from '../context.ts';
import { ensureChain } from '../identity/ensure-chain.ts';
import { chainOf, subjectKey, subjectName, subjectOfVia } from '../identity/subject.ts';
import { homeDir } from '../paths.ts';
import type { LogoutScope, RegistryLogin, StatusEntry } from '../session-types.ts';
import { defineIntegrationKind } from './kind.ts';

export type PackageTool = 'npm' | 'pnpm' | 'yarn' | 'pip' | 'uv';

export interface CodeartifactIntegration {
  kind: 'aws/codeartifact';
  name: string;
  via: Via;
  domain: string;
  domainOwner: string;
  region: string;
  /** Token lifetime asked for, in seconds (default: 12 h, capped by the credentials). */
  durationSeconds?: number;
  repositories: Array<{ name: string; tool: PackageTool; scope?: string }>;
  /** Which .npmrc npm and pnpm entries go to: the user's (default) or the project's (working directory). */
  npmrc: 'user' | 'project';
  autoProvision: boolean;
}

function schema({ z, via, region, accountId, duration }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/codeartifact'),
    via,
    spec: z.strictObject({
      domain: z.string().regex(/^[a-z][a-z0-9-]{0,48}[a-z0-9]$/, { error: 'is not a CodeArtifact domain name' }),
      domain_owner: accountId,
      region,
      duration: duration.optional(),
      npmrc: z.enum(['user', 'project']).optional(),
      repositories: z
        .array(
          z.strictObject({
            name: z.string().regex(/^[A-Za-z0-9][\w.-]{1,99}$/, { error: 'is not a CodeArtifact repository name' }),
            tool: z.enum(['npm', 'pnpm', 'yarn', 'pip', 'uv']),
            scope: z.string().regex(/^@?[a-z0-9][\w.-]*$/, { error: 'is not an npm scope like @acme' }).optional(),
          }),
        )
        .min(1),
      auto_provision: z.boolean().optional(),
    }),
    auto_provision: z.boolean().optional(),
  });
}
type Input = import('zod').infer<ReturnType<typeof schema>>;

const TOKENS = 'codeartifact-tokens';
const ENTRIES = 'package-config-entries';

interface CachedToken {
  token: string;
  expiresAt: number;
  subject: string | undefined;
  domain: string;
}
/** One line or key we wrote: where, which key, a digest of the value, and the foreign line it replaced. */
interface EntryRecord {
  file: 'npmrc' | 'yarnrc';
  path: string;
  key: string;
  scope?: string;
  server?: string;
  digest: string;
  previous?: string;
  integration: string;
  subject: string | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);
const isNpm = (tool: PackageTool) => tool === 'npm' || tool === 'pnpm';

/** `<domain>-<owner>.d.codeartifact.<region>.amazonaws.com`, as AWS names a domain's repository host. */
export function codeartifactHost(i: Pick<CodeartifactIntegration, 'domain' | 'domainOwner' | 'region'>): string {
  const suffix = i.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${i.domain}-${i.domainOwner}.d.codeartifact.${i.region}.${suffix}`;
}

/** The registry URL of a repository for its tool (npm: /npm/<repo>/, pip: /pypi/<repo>/simple/). */
export function repositoryUrl(i: CodeartifactIntegration, repo: { name: string; tool: PackageTool }): string {
  const host = codeartifactHost(i);
  return repo.tool === 'pip' || repo.tool === 'uv' ? `https://${host}/pypi/${repo.name}/simple/` : `https://${host}/npm/${repo.name}/`;
}

/** The .npmrc lines of the npm and pnpm repositories. Pure. */
export function npmrcLines(i: CodeartifactIntegration, token: string): Array<{ key: string; value: string; scope?: string }> {
  return i.repositories
    .filter((r) => isNpm(r.tool))
    .flatMap((r) => {
      const url = repositoryUrl(i, r);
      const scope = r.scope === undefined ? undefined : r.scope.startsWith('@') ? r.scope : `@${r.scope}`;
      return [
        { key: scope ? `${scope}:registry` : 'registry', value: url, ...optional('scope', scope) },
        { key: `${url.replace(/^https:/, '')}:_authToken`, value: token },
      ];
    });
}

/** The environment for pip and uv repositories (the token inside the index URL). Pure. */
export function pipEnvironment(i: CodeartifactIntegration, token: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const r of i.repositories) {
    const url = repositoryUrl(i, r).replace('https://', `https://aws:${encodeURIComponent(token)}@`);
    if (r.tool === 'pip') env.PIP_INDEX_URL = url;
    if (r.tool === 'uv') Object.assign(env, { UV_INDEX_URL: url, UV_DEFAULT_INDEX: url });
  }
  return env;
}

function npmrcPath(ctx: CoreContext, i: CodeartifactIntegration): string {
  if (i.npmrc === 'project') return join(ctx.cwd, '.npmrc');
  return ctx.env.NPM_CONFIG_USERCONFIG || ctx.env.npm_config_userconfig || join(homeDir(ctx.env), '.npmrc');
}
const yarnrcPath = (ctx: CoreContext) => join(ctx.env.YARN_RC_FILENAME ? ctx.cwd : homeDir(ctx.env), ctx.env.YARN_RC_FILENAME || '.yarnrc.yml');

async function ensureToken(ctx: CoreContext, i: CodeartifactIntegration) {
  const subject = subjectOfVia(i.via);
  return ensureCached<CachedToken>(ctx, {
    namespace: TOKENS,
    key: `${subjectKey(ctx.config, subject, ctx.env)}|${i.domain}|${i.domainOwner}|${i.region}`,
    what: `the CodeArtifact token for ${i.domain}-${i.domainOwner} (${i.region})`,
    fresh: (v): v is CachedToken => typeof v?.token === 'string' && typeof v.expiresAt === 'number' && isFresh(v.expiresAt, ctx.now(), ctx.minValidityMs),
    obtain: async () => {
      const link = await ensureChain(ctx, ctx.store, ctx.config, chainOf(ctx.config, subject));
      const { getCodeartifactToken } = await import('../aws/codeartifact.ts');
      const minted = await getCodeartifactToken(ctx.env, {
        credentials: link.credentials,
        region: i.region,
        domain: i.domain,
        domainOwner: i.domainOwner,
        ...optional('durationSeconds', i.durationSeconds),
        identity: subjectName(subject),
      });
      return { ...minted, subject: subjectName(subject), domain: i.domain };
    },
  });
}

async function remember(ctx: CoreContext, record: EntryRecord): Promise<void> {
  const key = `${record.file}\u0000${record.path}\u0000${record.key}`;
  const previous = await ctx.store.read<EntryRecord>(ENTRIES, key);
  const merged = previous?.previous !== undefined && record.previous === undefined ? { ...record, previous: previous.previous } : record;
  if (JSON.stringify(previous) !== JSON.stringify(merged)) await ctx.store.write(ENTRIES, key, merged);
}

async function ensure(ctx: CoreContext, i: CodeartifactIntegration): Promise<RegistryLogin[]> {
  const { value: token, source } = await ensureToken(ctx, i);
  const { updateOwnedFile } = await import('../fs/owned-file.ts');
  const who = { integration: i.name, subject: subjectName(subjectOfVia(i.via)) };
  const stored: string[] = [];
  const lines = npmrcLines(i, token.token);
  if (lines.length > 0) {
    const path = npmrcPath(ctx, i);
    const { upsertNpmrc } = await import('../npm/npmrc.ts');
    let replaced = new Map<string, string>();
    await updateOwnedFile(ctx, path, (text) => {
      const change = upsertNpmrc(text, lines);
      replaced = change.replaced;
      return change.text;
    });
    for (const line of lines) {
      const previous = replaced.get(line.key);
      // a foreign token line is not kept (it is a secret): logout then removes the line instead of restoring it
      const keep = previous !== undefined && !line.key.endsWith(':_authToken') && !previous.startsWith(`${line.key}=https://${codeartifactHost(i)}/`);
      await remember(ctx, { file: 'npmrc', path, key: line.key, digest: digest(line.value), ...(keep ? { previous } : {}), ...who });
    }
    if (i.npmrc === 'project') {
      const { gitWorkTreeOf } = await import('../fs/git-work-tree.ts');
      const tree = await gitWorkTreeOf(ctx.cwd);
      if (tree) ctx.log.warn(`${path} now holds a CodeArtifact token and is inside the git work tree ${tree}: make sure it is git-ignored, or use npmrc: user`);
    }
    stored.push(path);
  }
  const yarn = i.repositories.filter((r) => r.tool === 'yarn');
  if (yarn.length > 0) {
    const path = yarnrcPath(ctx);
    const { upsertYarnrc } = await import('../npm/yarnrc.ts');
    const entries = yarn.map((r) => ({ ...optional('scope', r.scope?.replace(/^@/, '')), server: repositoryUrl(i, r), token: token.token }));
    await updateOwnedFile(ctx, path, (text) => upsertYarnrc(text, entries, path));
    for (const e of entries) await remember(ctx, { file: 'yarnrc', path, key: e.scope ?? e.server, ...optional('scope', e.scope), server: e.server, digest: digest(e.token), ...who });
    stored.push(path);
  }
  if (i.repositories.some((r) => r.tool === 'pip' || r.tool === 'uv')) stored.push('environment of exec/env/with-auth');
  return [
    {
      what: 'CodeArtifact',
      host: `${codeartifactHost(i)} (${i.repositories.map((r) => `${r.name}:${r.tool}`).join(', ')})`,
      integration: i.name,
      identity: who.subject,
      region: i.region,
      expiresAt: token.expiresAt,
      source,
      storedIn: stored.join(', '),
    },
  ];
}

async function environment(ctx: CoreContext, i: CodeartifactIntegration): Promise<Record<string, string>> {
  if (!i.repositories.some((r) => r.tool === 'pip' || r.tool === 'uv')) return {};
  return pipEnvironment(i, (await ensureToken(ctx, i)).value.token);
}

async function status(ctx: CoreContext, i: CodeartifactIntegration): Promise<StatusEntry[]> {
  const subject = subjectOfVia(i.via);
  const token = await ctx.store.read<CachedToken>(TOKENS, `${subjectKey(ctx.config, subject, ctx.env)}|${i.domain}|${i.domainOwner}|${i.region}`);
  const written = (await ctx.store.list<EntryRecord>(ENTRIES)).filter(({ value }) => value.integration === i.name).map(({ value }) => value.path);
  const paths = [...new Set(written)];
  return [
    {
      kind: 'integration',
      name: `codeartifact ${codeartifactHost(i)} (${i.name})`,
      valid: token !== undefined && isFresh(token.expiresAt, ctx.now(), 0),
      ...(token ? { expiresAt: token.expiresAt } : {}),
      ...(paths.length ? { storedIn: paths.join(', ') } : {}),
    },
  ];
}

async function logout(ctx: CoreContext, scope: LogoutScope): Promise<string[]> {
  const { store } = ctx;
  const mine = (value: { subject: string | undefined }) => 'all' in scope || value.subject === scope.subject;
  const removed: string[] = [];
  const records = (await store.list<EntryRecord>(ENTRIES)).filter(({ value }) => mine(value));
  const dryRun = scope.dryRun === true;
  if (records.length > 0 && dryRun) {
    const byFile = new Map<string, { label: string; path: string; count: number }>();
    for (const { value } of records) {
      const at = `${value.file}\u0000${value.path}`;
      const seen = byFile.get(at) ?? { label: value.file === 'npmrc' ? '.npmrc' : '.yarnrc.yml', path: value.path, count: 0 };
      seen.count++;
      byFile.set(at, seen);
    }
    for (const e of byFile.values()) removed.push(`${e.label} entries: ${e.count} (${e.path})`);
  } else if (records.length > 0) {
    const [{ updateOwnedFile }, { removeFromNpmrc }, { removeFromYarnrc }] = await Promise.all([
      import('../fs/owned-file.ts'),
      import('../npm/npmrc.ts'),
      import('../npm/yarnrc.ts'),
    ]);
    const byFile = new Map<string, EntryRecord[]>();
    for (const { value } of records) byFile.set(`${value.file}\u0000${value.path}`, [...(byFile.get(`${value.file}\u0000${value.path}`) ?? []), value]);
    for (const group of byFile.values()) {
      const { file, path } = group[0]!;
      await updateOwnedFile(ctx, path, (text) =>
        file === 'npmrc'
          ? removeFromNpmrc(text, group.map((r) => ({ key: r.key, isOurs: (v: string) => digest(v) === r.digest, ...optional('previous', r.previous) })))
          : removeFromYarnrc(text, group.map((r) => ({ ...optional('scope', r.scope), server: r.server!, isOurs: (v: string) => digest(v) === r.digest })), path),
      );
      removed.push(`${file === 'npmrc' ? '.npmrc' : '.yarnrc.yml'} entries: ${group.length} (${path})`);
    }
    for (const { key } of records) await store.remove(ENTRIES, key);
  }
  let count = 0;
  for (const { key, value } of await store.list<CachedToken>(TOKENS)) if (mine(value) && (dryRun || (await store.remove(TOKENS, key)))) count++;
  if (count > 0) removed.push(`${count} cached CodeArtifact token${count === 1 ? '' : 's'}`);
  return removed;
}

export const codeartifactIntegration = defineIntegrationKind<CodeartifactIntegration>({
  kind: 'aws/codeartifact',
  config: {
    schema,
    toModel: (i: Input, { name, path, issues }) => ({
      kind: i.kind,
      name,
      via: via(i.via),
      domain: i.spec.domain,
      domainOwner: accountId(i.spec.domain_owner, joinPath(path, 'spec', 'domain_owner'), issues),
      region: i.spec.region,
      ...optional('durationSeconds', seconds(i.spec.duration)),
      repositories: i.spec.repositories.map((r) => ({ name: r.name, tool: r.tool, ...optional('scope', r.scope) })),
      npmrc: i.spec.npmrc ?? 'user',
      autoProvision: i.spec.auto_provision ?? i.auto_provision ?? true,
    }),
  },
  describe: (i) => `codeartifact ${codeartifactHost(i)}`,
  registries: () => [],
  ensure,
  environment,
  status,
  logout,
});

