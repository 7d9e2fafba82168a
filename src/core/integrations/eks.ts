// aws/eks (Atmos's shape): a kubeconfig context for an EKS cluster whose user is an exec credential plugin,
// `ecr-auth eks-token --cluster NAME --region R [--identity ID] [--config PATH]`. The cluster's endpoint and CA come
// from eks:DescribeCluster (cached per identity chain, cluster and region); the token, a presigned STS
// GetCallerIdentity URL, is minted at login and on demand, cached until shortly before its 15-minute expiry, and
// answered from the cache without loading the SDK. Foreign contexts, users and clusters stay as they were.
import { isFresh } from '../cache/freshness.ts';
import { ensureCached } from '../cache/ensure-cached.ts';
import { optional, via } from '../config/kind-row.ts';
import type { ResolvedConfig, Via } from '../config/model.ts';
import type { SchemaKit } from '../config/schema.ts';
import type { CoreContext } from '../context.ts';
import type { EksClusterInfo } from '../aws/eks.ts';
import { EcrAuthError } from '../errors.ts';
import { ensureChain } from '../identity/ensure-chain.ts';
import { chainOf, type Subject, subjectFor, subjectKey, subjectName, subjectOfVia } from '../identity/subject.ts';
import type { KubeEntries, UpdateMode } from '../kube/kubeconfig.ts';
import type { LogoutScope, RegistryLogin, StatusEntry } from '../session-types.ts';
import { defineIntegrationKind } from './kind.ts';

export interface EksIntegration {
  kind: 'aws/eks';
  name: string;
  via: Via;
  cluster: {
    name: string;
    region: string;
    /** The context name; default: the cluster ARN (as `aws eks update-kubeconfig` names it). */
    alias?: string;
    namespace?: string;
    kubeconfig: { path?: string; mode: number; update: UpdateMode };
  };
  autoProvision: boolean;
}

function schema({ z, via, region }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/eks'),
    via,
    spec: z.strictObject({
      auto_provision: z.boolean().optional(),
      cluster: z.strictObject({
        name: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, { error: 'is not an EKS cluster name' }),
        region,
        alias: z.string().min(1).max(253).optional(),
        namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'is not a Kubernetes namespace name' }).optional(),
        kubeconfig: z
          .strictObject({
            path: z.string().min(1).optional(),
            mode: z.string().regex(/^0?[0-7]{3}$/, { error: 'is not a file mode like "0600"' }).optional(),
            update: z.enum(['merge', 'replace', 'error']).optional(),
          })
          .optional(),
      }),
    }),
    auto_provision: z.boolean().optional(),
  });
}
type Input = import('zod').infer<ReturnType<typeof schema>>;

/** The exec plugin API kubectl 1.20+ speaks. */
export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';
/** Cache namespaces of this kind. */
const CLUSTERS = 'eks-clusters';
const TOKENS = 'eks-tokens';
const ENTRIES = 'kubeconfig-entries';
/** Cluster endpoints and CAs change rarely: DescribeCluster again after this long. */
const CLUSTER_TTL_MS = 12 * 3_600_000;
/** A token is reused while it has this long left; kubectl is told it expires this much before it does. */
const TOKEN_MARGIN_MS = 2 * 60_000;
const USER_PREFIX = 'ecr-auth/';

interface CachedCluster extends EksClusterInfo {
  expiresAt: number;
  subject: string | undefined;
}
interface CachedEksToken {
  token: string;
  expiresAt: number;
  subject: string | undefined;
  cluster: string;
  region: string;
}
interface EntryRecord {
  path: string;
  context: string;
  cluster: string;
  user: string;
  integration: string;
  subject: string | undefined;
}

const userName = (integration: EksIntegration) => `${USER_PREFIX}${integration.name}`;
const contextName = (integration: EksIntegration, arn: string) => integration.cluster.alias ?? arn;
const keyOf = (ctx: CoreContext, config: ResolvedConfig, subject: Subject, cluster: string, region: string) =>
  `${subjectKey(config, subject, ctx.env)}|${region}|${cluster}`;

async function pathOf(ctx: CoreContext, integration: EksIntegration): Promise<string> {
  return (await import('../kube/kubeconfig-file.ts')).kubeconfigPath(ctx.env, ctx.cwd, integration.cluster.kubeconfig.path);
}

/** The token for a cluster: cached while it has more than TOKEN_MARGIN_MS left, else presigned anew. */
async function ensureToken(ctx: CoreContext, subject: Subject, cluster: string, region: string) {
  const { config } = ctx;
  return ensureCached<CachedEksToken>(ctx, {
    namespace: TOKENS,
    key: keyOf(ctx, config, subject, cluster, region),
    what: `the EKS token for ${cluster} (${region})`,
    fresh: (v): v is CachedEksToken => typeof v?.token === 'string' && typeof v.expiresAt === 'number' && isFresh(v.expiresAt, ctx.now(), TOKEN_MARGIN_MS),
    obtain: async () => {
      const link = await ensureChain(ctx, ctx.store, config, chainOf(config, subject));
      const { presignEksToken } = await import('../aws/eks-token.ts');
      const minted = await presignEksToken(ctx.env, { credentials: link.credentials, region, cluster, now: ctx.now() });
      return { ...minted, subject: subjectName(subject), cluster, region };
    },
  });
}

/** DescribeCluster, cached per (identity chain, region, cluster). */
async function ensureCluster(ctx: CoreContext, integration: EksIntegration, subject: Subject) {
  const { config } = ctx;
  const { name, region } = integration.cluster;
  return ensureCached<CachedCluster>(ctx, {
    namespace: CLUSTERS,
    key: keyOf(ctx, config, subject, name, region),
    what: `the EKS cluster ${name} (${region})`,
    fresh: (v): v is CachedCluster => typeof v?.endpoint === 'string' && typeof v.expiresAt === 'number' && v.expiresAt > ctx.now(),
    obtain: async () => {
      const link = await ensureChain(ctx, ctx.store, config, chainOf(config, subject));
      const { describeEksCluster } = await import('../aws/eks.ts');
      const info = await describeEksCluster(ctx.env, { credentials: link.credentials, region, cluster: name, identity: subjectName(subject) });
      return { ...info, expiresAt: ctx.now() + CLUSTER_TTL_MS, subject: subjectName(subject) };
    },
  });
}

/** The exec plugin's arguments: enough to find the same identity from any directory kubectl runs in. */
function execArgs(ctx: CoreContext, integration: EksIntegration): string[] {
  const identity = subjectName(subjectOfVia(integration.via));
  return [
    'eks-token', '--cluster', integration.cluster.name, '--region', integration.cluster.region,
    ...(identity === undefined ? [] : ['--identity', identity]),
    ...(ctx.config.source ? ['--config', ctx.config.source] : []),
  ];
}

async function ensure(ctx: CoreContext, integration: EksIntegration): Promise<RegistryLogin[]> {
  const subject = subjectOfVia(integration.via);
  const { value: cluster, source } = await ensureCluster(ctx, integration, subject);
  const { value: token } = await ensureToken(ctx, subject, integration.cluster.name, integration.cluster.region);
  const path = await pathOf(ctx, integration);
  const entries: KubeEntries = {
    context: contextName(integration, cluster.arn),
    cluster: cluster.arn,
    user: userName(integration),
    server: cluster.endpoint,
    certificateAuthorityData: cluster.certificateAuthorityData,
    ...optional('namespace', integration.cluster.namespace),
    exec: { apiVersion: EXEC_API_VERSION, command: 'ecr-auth', args: execArgs(ctx, integration) },
  };
  const [{ updateKubeconfig }, { upsertKubeEntries }] = await Promise.all([import('../kube/kubeconfig-file.ts'), import('../kube/kubeconfig.ts')]);
  const { mode, update } = integration.cluster.kubeconfig;
  await updateKubeconfig(ctx, path, (text) => upsertKubeEntries(text, entries, { path, update, isOurs: (u) => u.startsWith(USER_PREFIX) }), mode);
  const record: EntryRecord = { path, context: entries.context, cluster: entries.cluster, user: entries.user, integration: integration.name, subject: subjectName(subject) };
  const key = `${path}\u0000${entries.context}`;
  if (JSON.stringify(await ctx.store.read(ENTRIES, key)) !== JSON.stringify(record)) await ctx.store.write(ENTRIES, key, record);
  return [
    {
      what: 'EKS kubeconfig',
      host: entries.context,
      integration: integration.name,
      identity: subjectName(subject),
      region: integration.cluster.region,
      expiresAt: token.expiresAt,
      source: source === 'cache' ? 'cache' : 'fetched',
      storedIn: path,
    },
  ];
}

/** kubectl's ExecCredential for `eks-token`: the token, and when kubectl should ask again. */
export function execCredential(token: string, expiresAt: number, apiVersion = EXEC_API_VERSION): string {
  const expirationTimestamp = new Date(expiresAt - TOKEN_MARGIN_MS / 2).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${JSON.stringify({ kind: 'ExecCredential', apiVersion, spec: {}, status: { expirationTimestamp, token } })}\n`;
}

async function clientCredential(ctx: CoreContext, request: ReadonlyMap<string, string>): Promise<string> {
  const cluster = request.get('cluster');
  const region = request.get('region');
  if (!cluster || !region) throw new EcrAuthError('E_USAGE', 'eks-token needs --cluster NAME and --region REGION', { hint: 'the kubeconfig entry ecr-auth login writes passes both' });
  const subject = subjectFor(ctx.config, request.get('identity'));
  const { value } = await ensureToken(ctx, subject, cluster, region);
  const asked = request.get('apiVersion');
  return execCredential(value.token, value.expiresAt, asked?.startsWith('client.authentication.k8s.io/') ? asked : EXEC_API_VERSION);
}

async function status(ctx: CoreContext, integration: EksIntegration): Promise<StatusEntry[]> {
  const subject = subjectOfVia(integration.via);
  const key = keyOf(ctx, ctx.config, subject, integration.cluster.name, integration.cluster.region);
  const cluster = await ctx.store.read<CachedCluster>(CLUSTERS, key);
  const token = await ctx.store.read<CachedEksToken>(TOKENS, key);
  const path = await pathOf(ctx, integration);
  const context = cluster ? contextName(integration, cluster.arn) : (integration.cluster.alias ?? integration.cluster.name);
  let written = false;
  if (cluster) {
    const [{ readKubeconfig }, { hasContext }] = await Promise.all([import('../kube/kubeconfig-file.ts'), import('../kube/kubeconfig.ts')]);
    written = hasContext(await readKubeconfig(path).catch(() => undefined), context, path);
  }
  return [
    {
      kind: 'integration',
      name: `eks ${context} (${integration.name})`,
      // the context works while it is in the kubeconfig: eks-token mints a token whenever kubectl asks
      valid: written,
      ...(token?.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}),
      ...(written ? { storedIn: `kubeconfig (${path})` } : {}),
    },
  ];
}

async function logout(ctx: CoreContext, scope: LogoutScope): Promise<string[]> {
  const { store } = ctx;
  const mine = <T extends { subject: string | undefined }>(value: T) => 'all' in scope || value.subject === scope.subject;
  const removed: string[] = [];
  const records = (await store.list<EntryRecord>(ENTRIES)).filter(({ value }) => mine(value));
  const dryRun = scope.dryRun === true;
  if (records.length > 0 && dryRun) {
    for (const { value } of records) removed.push(`kubeconfig context: ${value.context} (${value.path})`);
  } else if (records.length > 0) {
    const [{ updateKubeconfig }, { removeKubeEntries, kubeUser }] = await Promise.all([import('../kube/kubeconfig-file.ts'), import('../kube/kubeconfig.ts')]);
    for (const { key, value } of records) {
      // only while the user entry is still our exec plugin: a user who replaced it keeps theirs
      await updateKubeconfig(ctx, value.path, (text) =>
        kubeUser(text, value.user, value.path)?.exec?.command === 'ecr-auth' ? removeKubeEntries(text, value, value.path) : undefined,
      );
      await store.remove(ENTRIES, key);
      removed.push(`kubeconfig context: ${value.context} (${value.path})`);
    }
  }
  for (const namespace of [TOKENS, CLUSTERS]) {
    let count = 0;
    for (const { key, value } of await store.list<{ subject: string | undefined }>(namespace)) if (mine(value) && (dryRun || (await store.remove(namespace, key)))) count++;
    if (count > 0) removed.push(`${count} cached EKS ${namespace === TOKENS ? 'tokens' : 'cluster descriptions'}`);
  }
  return removed;
}

export const eksIntegration = defineIntegrationKind<EksIntegration>({
  kind: 'aws/eks',
  config: {
    schema,
    toModel: (i: Input, { name }) => {
      const kc = i.spec.cluster.kubeconfig;
      return {
        kind: i.kind,
        name,
        via: via(i.via),
        cluster: {
          name: i.spec.cluster.name,
          region: i.spec.cluster.region,
          ...optional('alias', i.spec.cluster.alias),
          ...optional('namespace', i.spec.cluster.namespace),
          kubeconfig: { ...optional('path', kc?.path), mode: kc?.mode ? parseInt(kc.mode, 8) : 0o600, update: kc?.update ?? 'merge' },
        },
        autoProvision: i.spec.auto_provision ?? i.auto_provision ?? true,
      };
    },
  },
  describe: (i) => `eks ${i.cluster.name} (${i.cluster.region})`,
  registries: () => [],
  ensure,
  environment: async (ctx, integration): Promise<Record<string, string>> =>
    integration.cluster.kubeconfig.path ? { KUBECONFIG: await pathOf(ctx, integration) } : {},
  clientCredential,
  status,
  logout,
});
