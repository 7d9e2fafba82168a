// EKS DescribeCluster: the API server endpoint and certificate authority a kubeconfig cluster entry needs. Lazily
// loaded (only when the cluster is not cached).
import type { AwsCredentials } from '../credentials.ts';
import type { Env } from '../paths.ts';
import { toAwsError } from './aws-error.ts';
import { clientConfig } from './client-config.ts';

export interface EksClusterInfo {
  name: string;
  arn: string;
  endpoint: string;
  /** Base64 PEM, as kubeconfig's certificate-authority-data takes it. */
  certificateAuthorityData: string;
}

/** DescribeCluster in the cluster's region. */
export async function describeEksCluster(
  env: Env,
  input: { credentials: AwsCredentials; region: string; cluster: string; identity: string | undefined },
): Promise<EksClusterInfo> {
  const { EKSClient, DescribeClusterCommand } = await import('@aws-sdk/client-eks');
  const client = new EKSClient(clientConfig(env, 'eks', input.region, { credentials: input.credentials }));
  try {
    const out = await client.send(new DescribeClusterCommand({ name: input.cluster }));
    const cluster = out.cluster;
    if (!cluster?.endpoint || !cluster.certificateAuthority?.data || !cluster.arn) {
      throw new Error(`cluster ${input.cluster} has no endpoint or certificate authority yet (status ${cluster?.status ?? 'unknown'})`);
    }
    return { name: input.cluster, arn: cluster.arn, endpoint: cluster.endpoint, certificateAuthorityData: cluster.certificateAuthority.data };
  } catch (error) {
    throw toAwsError(error, { operation: 'eks:DescribeCluster', identity: input.identity, region: input.region, target: `cluster ${input.cluster}` });
  } finally {
    client.destroy();
  }
}
