// aws/ambient: the SDK's default chain. The environment owns these credentials, so they are never cached by us.
import type { AmbientIdentity, AmbientProvider } from '../../config/model.ts';
import { ambientSourceKey, resolveAmbientCredentials } from '../../aws/ambient.ts';
import type { CredentialKind, KindKeys, SessionHooks } from './kind.ts';

export const ambientKeys: KindKeys<AmbientProvider | AmbientIdentity> = {
  kind: 'aws/ambient',
  linkKey: (node, _parentKey, env) => `ambient|${ambientSourceKey(env, node.profile)}`,
};

/** The environment owns these credentials: status and whoami say what it names. */
export const ambientSession: SessionHooks<AmbientProvider | AmbientIdentity> = {
  heldOutside: () => 'environment',
  whoamiOutside(node, env) {
    const profile = node.profile ?? env.AWS_PROFILE;
    const region = node.region || env.AWS_REGION;
    return {
      signedIn: env.AWS_ACCESS_KEY_ID !== undefined || profile !== undefined || env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined,
      source: 'environment', ...(profile ? { profile } : {}), ...(region ? { region } : {}),
    };
  },
};

export const ambientKind: CredentialKind<AmbientProvider | AmbientIdentity> = {
  cacheable: false,
  region: (node, { ctx }) => node.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION,
  async obtain(node, { ctx }) {
    const credentials = await resolveAmbientCredentials(ctx.env, { ...(node.profile ? { profile: node.profile } : {}), identity: node.name });
    return { credentials, via: 'ambient' };
  },
};
