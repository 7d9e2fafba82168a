// The AWS shared credentials file (~/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE), read for one profile's
// long-lived keys. Only read: ecr-auth never writes this file. Parsing is pure.
import { join } from 'node:path';
import type { AwsCredentials } from '../credentials.ts';
import { EcrAuthError } from '../errors.ts';
import { readTextIfExists } from '../fs/atomic-file.ts';
import { homeDir, type Env } from '../paths.ts';

/** Where the shared credentials file is: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function sharedCredentialsPath(env: Env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir(env), '.aws', 'credentials');
}

/** The key/value pairs of each [section] of an INI text (a Map per section; later keys win, as the SDK reads them). */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = sections.get(header[1]!) ?? new Map();
      sections.set(header[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

/** The keys of `profile` in the shared credentials file; a missing file, profile or key is E_AWS_CREDENTIALS. */
export async function readProfileKeys(env: Env, profile: string, identity: string): Promise<AwsCredentials> {
  const path = sharedCredentialsPath(env);
  const text = await readTextIfExists(path, { code: 'E_AWS_CREDENTIALS', hint: `fix ${path}, or give the keys in the config` });
  const hint = `add [${profile}] with aws_access_key_id and aws_secret_access_key to ${path} (or set AWS_SHARED_CREDENTIALS_FILE), or give the keys in the config`;
  if (text === undefined) throw new EcrAuthError('E_AWS_CREDENTIALS', `identity "${identity}": ${path} does not exist`, { hint });
  const section = parseIni(text).get(profile);
  const accessKeyId = section?.get('aws_access_key_id');
  const secretAccessKey = section?.get('aws_secret_access_key');
  if (!section) throw new EcrAuthError('E_AWS_CREDENTIALS', `identity "${identity}": ${path} has no profile [${profile}]`, { hint });
  if (!accessKeyId || !secretAccessKey) {
    throw new EcrAuthError('E_AWS_CREDENTIALS', `identity "${identity}": profile [${profile}] of ${path} lacks aws_access_key_id or aws_secret_access_key`, { hint });
  }
  const sessionToken = section.get('aws_session_token');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
