// The session API the commands call. Tests pass a stand-in with the same shape; the CLI uses the real one.
import * as session from '../core/session.ts';

/** The orchestration functions a command may call, exactly as src/core/session.ts types them. */
export interface SessionApi {
  ensureIdentity: typeof session.ensureIdentity;
  ensureRegistries: typeof session.ensureRegistries;
  getLoginPassword: typeof session.getLoginPassword;
  status: typeof session.status;
  logout: typeof session.logout;
  identityEnvironment: typeof session.identityEnvironment;
  /** Optional so stand-ins written before these existed still fit; the CLI falls back to the real ones. */
  whoami?: typeof session.whoami;
  ensureProvider?: typeof session.ensureProvider;
}

/** The real session API. */
export const realSession: SessionApi = {
  ensureIdentity: session.ensureIdentity,
  ensureRegistries: session.ensureRegistries,
  getLoginPassword: session.getLoginPassword,
  status: session.status,
  logout: session.logout,
  identityEnvironment: session.identityEnvironment,
  whoami: session.whoami,
  ensureProvider: session.ensureProvider,
};
