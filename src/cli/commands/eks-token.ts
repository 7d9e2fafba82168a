// `ecr-auth eks-token --cluster NAME --region R [--identity ID]`: the exec credential plugin the aws/eks integration
// writes into the kubeconfig. Prints kubectl's ExecCredential (JSON) with a token cached until shortly before its
// 15-minute expiry; a cached token is answered without loading the AWS SDK.
import { text, usageError } from '../args.ts';
import type { CommandSpec } from '../command.ts';

/** The apiVersion kubectl asks for in KUBERNETES_EXEC_INFO, if it says. */
function askedApiVersion(info: string | undefined): string | undefined {
  if (!info) return undefined;
  try {
    const value = (JSON.parse(info) as { apiVersion?: unknown }).apiVersion;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `eks-token`: the ExecCredential on stdout, nothing else. */
export const eksTokenCommand: CommandSpec = {
  name: 'eks-token',
  summary: 'print an EKS token for kubectl (the exec plugin aws/eks integrations write)',
  usage: 'eks-token --cluster NAME --region REGION [--identity ID]',
  details: [
    'kubectl runs this from the kubeconfig context `ecr-auth login` writes for an aws/eks integration. The token is a',
    'presigned STS GetCallerIdentity URL for the cluster, reused from the cache until shortly before it expires.',
  ],
  options: {
    cluster: { type: 'string', value: 'NAME', description: 'the EKS cluster name' },
    region: { type: 'string', value: 'REGION', description: "the cluster's region" },
    identity: { type: 'string', value: 'ID', description: 'identity to sign with (default: the default identity)' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, rt) {
    const cluster = text(options, 'cluster');
    const region = text(options, 'region');
    if (!cluster || !region) throw usageError('eks-token needs --cluster NAME and --region REGION', 'the kubeconfig entry `ecr-auth login` writes passes both');
    const identity = text(options, 'identity');
    const apiVersion = askedApiVersion(rt.io.env.KUBERNETES_EXEC_INFO);
    const request = new Map<string, string>([['cluster', cluster], ['region', region]]);
    if (identity !== undefined) request.set('identity', identity);
    if (apiVersion !== undefined) request.set('apiVersion', apiVersion);
    const ctx = await rt.context();
    rt.io.stdout.write(await rt.session.clientCredential(ctx, 'aws/eks', request));
    return 0;
  },
};
