// The AWS CLI set up the way a user of `aws sso login` has it: an sso-session, a profile for the permission set,
// and the session's token in ~/.aws/sso/cache/<sha1(session name)>.json (what `aws sso login` writes).
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_START_URL, type Emulator } from '../../test/emulator/index.ts';

export const AWS_PROFILE_NAME = 'dev';

/** Writes ~/.aws/config and the SSO token cache under `home`. */
export async function writeAwsCliSso(emulator: Emulator, home: string): Promise<void> {
  const session = 'bench';
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  await writeFile(
    join(home, '.aws', 'config'),
    [
      `[profile ${AWS_PROFILE_NAME}]`,
      `sso_session = ${session}`,
      'sso_account_id = 123456789012',
      'sso_role_name = AdministratorAccess',
      'region = us-east-2',
      '',
      `[sso-session ${session}]`,
      `sso_start_url = ${DEFAULT_START_URL}`,
      'sso_region = us-east-1',
      '',
    ].join('\n'),
  );
  const entry = emulator.mintSsoSession({ startUrl: DEFAULT_START_URL, region: 'us-east-1' });
  const name = `${createHash('sha1').update(session).digest('hex')}.json`;
  await writeFile(join(home, '.aws', 'sso', 'cache', name), JSON.stringify(entry));
}
