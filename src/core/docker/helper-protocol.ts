// The Docker credential-helper protocol (docker-credential-helpers) as pure functions: what arrives on stdin
// for get/store/erase/list and the exact text to answer with. Used both to talk to other helpers and to be one.
import { EcrAuthError } from '../errors.ts';

/** The four verbs Docker calls a helper with (its first argument). */
export type HelperAction = 'get' | 'store' | 'erase' | 'list';

/** A credential as helpers exchange it. */
export interface HelperCredential {
  ServerURL: string;
  Username: string;
  Secret: string;
}

/** A parsed request: what Docker asked for. */
export type HelperRequest =
  | { action: 'get'; serverURL: string }
  | { action: 'erase'; serverURL: string }
  | { action: 'store'; credential: HelperCredential }
  | { action: 'list' };

/** Exactly what a helper prints (stdout, exit 1) for an unknown host; Docker treats it as "no credentials". */
export const CREDENTIALS_NOT_FOUND = 'credentials not found in native keychain';
/** docker-credential-helpers' message for get/erase/store without a server URL. */
export const MISSING_SERVER_URL = 'no credentials server URL';
/** docker-credential-helpers' message for store without a username. */
export const MISSING_USERNAME = 'no credentials username';

/** True when a helper's output is the not-found answer. */
export function isCredentialsNotFound(output: string): boolean {
  return output.trim() === CREDENTIALS_NOT_FOUND;
}

/** The action named by the helper's first argument; E_USAGE for anything else. */
export function parseHelperAction(arg: string | undefined): HelperAction {
  if (arg === 'get' || arg === 'store' || arg === 'erase' || arg === 'list') return arg;
  throw new EcrAuthError('E_USAGE', `unknown credential helper action ${JSON.stringify(arg ?? '')}`, {
    hint: 'Usage: docker-credential-ecr-auth <get|store|erase|list> (Docker calls it; the input comes on stdin).',
  });
}

/** Parses stdin for an action: a server URL for get/erase, the credential JSON for store, nothing for list. */
export function parseHelperRequest(action: HelperAction, stdin: string): HelperRequest {
  if (action === 'list') return { action };
  if (action === 'get' || action === 'erase') {
    const serverURL = stdin.trim();
    if (!serverURL) throw new EcrAuthError('E_USAGE', MISSING_SERVER_URL);
    return { action, serverURL };
  }
  let value: Partial<Record<keyof HelperCredential, unknown>> | null;
  try {
    value = JSON.parse(stdin) as typeof value;
  } catch {
    // never quote the input: it carries a secret
    throw new EcrAuthError('E_USAGE', 'the credential on stdin is not valid JSON');
  }
  if (!value || typeof value !== 'object') throw new EcrAuthError('E_USAGE', 'the credential on stdin is not a JSON object');
  const text = (field: unknown) => (typeof field === 'string' ? field : '');
  const credential = { ServerURL: text(value.ServerURL).trim(), Username: text(value.Username), Secret: text(value.Secret) };
  if (!credential.ServerURL) throw new EcrAuthError('E_USAGE', MISSING_SERVER_URL);
  if (!credential.Username) throw new EcrAuthError('E_USAGE', MISSING_USERNAME);
  return { action, credential };
}

/** The stdin payload for a store request (also what a `get` answers). */
export function formatCredential(credential: HelperCredential): string {
  return JSON.stringify({ ServerURL: credential.ServerURL, Username: credential.Username, Secret: credential.Secret });
}

/** The `get` answer. */
export function formatGetAnswer(credential: HelperCredential): string {
  return formatCredential(credential);
}

/** The `list` answer: {serverURL: username}. */
export function formatListAnswer(entries: Record<string, string>): string {
  return JSON.stringify(entries);
}

/** A helper's `get` output as a credential, or undefined when it is not one. */
export function parseGetAnswer(stdout: string): HelperCredential | undefined {
  try {
    const value = JSON.parse(stdout) as Partial<Record<keyof HelperCredential, unknown>> | null;
    if (value && typeof value.Username === 'string' && typeof value.Secret === 'string') {
      return { ServerURL: typeof value.ServerURL === 'string' ? value.ServerURL : '', Username: value.Username, Secret: value.Secret };
    }
  } catch {
    // fall through
  }
  return undefined;
}
