// aws/ambient: the SDK's default chain. The environment owns these credentials, so they are never cached by us.
import type { AmbientProvider } from '../../config/model.ts';
import { resolveAmbientCredentials } from '../../aws/ambient.ts';
import type { CredentialKind } from './kind.ts';

export const ambientKind: CredentialKind<AmbientProvider> = {
  kind: 'aws/ambient',
  cacheable: false,
  region: (node, { ctx }) => node.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION,
  async obtain(node, { ctx }) {
    const credentials = await resolveAmbientCredentials(ctx.env, { ...(node.profile ? { profile: node.profile } : {}), identity: node.name });
    return { credentials, via: 'ambient' };
  },
};
