// `ecr-auth list`: what is configured (Atmos `auth list`), as a tree from each root (a provider, or an identity
// that needs none) down through the identities that chain from it to the integrations that use them; then what
// was set aside. `--json`: the same as data. Reads the config only.
import type { Identity, Integration, ResolvedConfig } from '../../core/config/model.ts';
import { integrationHost } from '../../core/integrations/index.ts';
import type { CommandSpec } from '../command.ts';
import { identityDetail } from '../describe.ts';

/** One node of the tree: a provider, an identity or an integration, with what hangs below it. */
export interface ListNode {
  type: 'provider' | 'identity' | 'integration';
  name: string;
  kind: string;
  detail: string;
  default?: true;
  children: ListNode[];
}

function viaOf(entry: Identity | Integration): { provider: string } | { identity: string } | undefined {
  return entry.via;
}

function integrationNode(integration: Integration): ListNode {
  return { type: 'integration', name: integration.name, kind: integration.kind, detail: integrationHost(integration), children: [] };
}

/** The tree of a config: roots are providers and identities without a via. */
export function configTree(config: ResolvedConfig): ListNode[] {
  const below = (target: { provider: string } | { identity: string }): ListNode[] => {
    const same = (via: ReturnType<typeof viaOf>) =>
      via !== undefined && ('provider' in target ? 'provider' in via && via.provider === target.provider : 'identity' in via && via.identity === target.identity);
    return [
      ...Object.values(config.identities).filter((i) => same(viaOf(i))).map(identityNode),
      ...Object.values(config.integrations).filter((i) => same(viaOf(i))).map(integrationNode),
    ];
  };
  const identityNode = (identity: Identity): ListNode => ({
    type: 'identity', name: identity.name, kind: identity.kind, detail: identityDetail(identity),
    ...(identity.name === config.defaultIdentity || config.defaultIdentities?.includes(identity.name) ? { default: true as const } : {}),
    children: below({ identity: identity.name }),
  });
  return [
    ...Object.values(config.providers).map((provider): ListNode => ({
      type: 'provider', name: provider.name, kind: provider.kind,
      detail: provider.kind === 'aws/iam-identity-center' ? `${provider.region}  ${provider.startUrl}` : provider.region ?? '',
      children: below({ provider: provider.name }),
    })),
    ...Object.values(config.identities).filter((i) => i.via === undefined).map(identityNode),
  ];
}

function treeLines(nodes: ListNode[], indent = ''): string[] {
  return nodes.flatMap((node, index) => {
    const last = index === nodes.length - 1;
    const label = `${node.type === 'integration' ? 'integration ' : ''}${node.name} (${node.kind}${node.detail ? `: ${node.detail}` : ''})${node.default ? ' [default]' : ''}`;
    return [`${indent}${last ? '└─ ' : '├─ '}${label}`, ...treeLines(node.children, `${indent}${last ? '   ' : '│  '}`)];
  });
}

/** `list`: exit 0; an empty config prints how to start. */
export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'show what is configured: providers, identities and integrations as a tree',
  usage: 'list',
  details: ['Each provider with the identities that chain from it and the integrations that use them; then the entries set aside.'],
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_input, rt) {
    const { config } = await rt.context();
    const tree = configTree(config);
    const setAside = config.setAside ?? [];
    if (rt.globals.json) {
      rt.out.json({ source: config.source ?? null, tree, defaultIdentity: config.defaultIdentity ?? null, setAside });
      return 0;
    }
    rt.out.line(`Config: ${config.source ?? '(none)'}`);
    if (tree.length === 0) rt.out.line('  (nothing configured)');
    for (const line of treeLines(tree)) rt.out.line(line);
    if (setAside.length > 0) {
      rt.out.line();
      rt.out.line(`Set aside (${setAside.length}): not supported by ecr-auth, or depending on what is not`);
      for (const entry of setAside) rt.out.line(`  ${entry.section}.${entry.name} (${entry.kind}): ${entry.reason}`);
    }
    return 0;
  },
};
