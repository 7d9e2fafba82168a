// EKS (restJson1): DescribeCluster, `GET /clusters/{name}`, for the clusters a test registered in the caller's region.
import type { Caller } from './caller.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { json, jsonError } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** A cluster the emulator knows: where its API server is and the CA that signed its certificate. */
export interface EksClusterFixture {
  name: string;
  region: string;
  /** https://... of the API server (a stand-in in tests). */
  endpoint: string;
  /** Base64 of the PEM CA certificate, as EKS returns it. */
  certificateAuthorityData: string;
  /** The owning account; default: the caller's. */
  account?: string;
}

/** GET /clusters/{name} */
export function describeCluster(state: EmulatorState, req: EmulatorRequest, caller: Caller): WireResponse {
  const name = decodeURIComponent(req.url.pathname.slice('/clusters/'.length));
  const cluster = state.eksClusters.get(`${caller.region}|${name}`);
  if (!cluster) return jsonError(404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`);
  const account = cluster.account ?? caller.principal.account;
  return json({
    cluster: {
      name: cluster.name,
      arn: `arn:aws:eks:${cluster.region}:${account}:cluster/${cluster.name}`,
      createdAt: Math.floor(state.now() / 1000) - 86_400,
      version: '1.30',
      endpoint: cluster.endpoint,
      roleArn: `arn:aws:iam::${account}:role/eks-cluster-role`,
      status: 'ACTIVE',
      certificateAuthority: { data: cluster.certificateAuthorityData },
      platformVersion: 'eks.1',
      tags: {},
    },
  });
}
