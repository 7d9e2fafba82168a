import { describe, expect, it } from 'vitest';
import { explainError } from './explain.ts';

describe('explainError maps what Docker, the AWS CLI or a CI log printed to the check that finds its cause', () => {
  it.each([
    ['Error response from daemon: Head "https://1.dkr.ecr.us-east-1.amazonaws.com/v2/app/manifests/1": no basic auth credentials', 'docker'],
    ['denied: Your authorization token has expired. Reauthenticate and try again.', 'token'],
    ['authorization token has expired', 'token'],
    ['Get "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/": dial tcp 52.1.2.3:443: i/o timeout', 'registry'],
    ['An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: arn:aws:sts::1:assumed-role/x is not authorized to perform: ecr:GetAuthorizationToken', 'identity'],
    ['x509: certificate signed by unknown authority', 'registry'],
    ['x509: certificate has expired or is not yet valid', 'clock'],
    ['error getting credentials - err: exit status 1, out: `credentials not found in native keychain`', 'docker'],
    ['credentials not found in native keychain', 'docker'],
    ['error getting credentials - err: exit status 1', 'docker'],
    ['unauthorized: authentication required', 'docker'],
    ['Signature expired: 20261206T090000Z is now earlier than 20261206T105500Z', 'clock'],
    ['Error loading SSO Token: Token for company does not exist', undefined],
    ['The SSO session associated with this profile has expired or is otherwise invalid.', 'identity'],
    ['ecr-auth: config: auth.identities.x.via.identity: unknown identity "dev-admn" [E_CONFIG]', 'config'],
  ])('%s -> %s', (text, check) => {
    expect(explainError(text)?.check).toBe(check);
  });

  it('every explanation has a meaning and a fix', () => {
    const found = explainError('no basic auth credentials')!;
    expect(found.meaning).toMatch(/\w/);
    expect(found.fix).toMatch(/ecr-auth/);
  });
});
