// aws/assume-role: one STS AssumeRole with the parent link's credentials; chains of any depth are built link by link.
import type { AssumeRoleIdentity } from '../../config/model.ts';
import { EcrAuthError } from '../../errors.ts';
import { assumeRole, DEFAULT_STS_REGION } from '../../aws/sts.ts';
import { type CredentialKind, sessionNameFor } from './kind.ts';

export const assumeRoleKind: CredentialKind<AssumeRoleIdentity> = {
  kind: 'aws/assume-role',
  cacheable: true,
  region: (node, { parentRegion }) => node.region ?? parentRegion,
  async obtain(node, { ctx, parent, parentRegion }) {
    if (!parent) {
      throw new EcrAuthError('E_CONFIG', `identity "${node.name}" has no parent credentials to assume ${node.roleArn} with`, {
        hint: 'give it `via: { identity: ... }` or `via: { provider: ... }` of kind aws/ambient or github/oidc',
      });
    }
    const credentials = await assumeRole(ctx.env, {
      region: node.region ?? parentRegion ?? DEFAULT_STS_REGION,
      credentials: parent,
      roleArn: node.roleArn,
      sessionName: node.sessionName ?? sessionNameFor(node.name),
      ...(node.externalId ? { externalId: node.externalId } : {}),
      ...(node.durationSeconds ? { durationSeconds: node.durationSeconds } : {}),
      identity: node.name,
    });
    return { credentials, via: 'refreshed' };
  },
};
