// What `ecr-login` remembers per registry host: which cached token serves it, so that the credential helper and
// `status` find the token later without loading the config. Its own module so that the bins' cached answers read it
// without loading the login path (registry/login.ts).

/** Cache namespace mapping a registry host to the token that serves it. */
export const HOSTS_NAMESPACE = 'hosts';

export interface HostRecord {
  host: string;
  tokenKey: string;
  integration?: string;
  subject: string | undefined;
  region: string;
  /** The minimum validity in force when it was written: the credential helper applies it without loading the config. */
  minValidityMs: number;
  configPath?: string;
}
