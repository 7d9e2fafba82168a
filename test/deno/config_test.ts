// The config check runs under Deno as it does under Node: a handful of cases from the vitest table.
import assert from 'node:assert/strict';
import { validateConfig } from '../../src/core/config/validate.ts';

const sso = { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: 'https://company.awsapps.com/start/' };
const devAdmin = { kind: 'aws/permission-set', via: { provider: 'company-sso' }, principal: { name: 'Admin', account: 'dev' } };

Deno.test('a valid Atmos-style document resolves with its defaults', () => {
  const { config, errors } = validateConfig({
    auth: {
      logs: { level: 'Info' },
      providers: { 'company-sso': sso },
      identities: { 'dev-admin': devAdmin },
      integrations: {
        'dev/ecr/primary': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '123456789012', region: 'us-east-2' } } },
      },
    },
  });
  assert.deepEqual(errors, []);
  assert.equal(config?.defaultIdentity, 'dev-admin');
  assert.equal(config?.integrations['dev/ecr/primary']?.autoProvision, true);
  assert.equal(config?.settings.minValidityMs, 15 * 60_000);
  assert.deepEqual(config?.warnings, ['auth.logs: is an Atmos setting that ecr-auth does not use: ignored']);
});

Deno.test('an unknown reference names the closest existing name', () => {
  const { config, errors } = validateConfig({
    auth: {
      providers: { 'company-sso': sso },
      identities: {
        'dev-admin': devAdmin,
        deployer: { kind: 'aws/assume-role', via: { identity: 'dev-admn' }, principal: { assume_role: 'arn:aws:iam::111111111111:role/Deploy' } },
      },
    },
  });
  assert.equal(config, undefined);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.path, 'auth.identities.deployer.via.identity');
  assert.match(errors[0]!.message, /did you mean 'dev-admin'\?/);
});

Deno.test('a cycle is rejected and named', () => {
  const role = (via: string) => ({ kind: 'aws/assume-role', via: { identity: via }, principal: { assume_role: 'arn:aws:iam::111111111111:role/R' } });
  const { errors } = validateConfig({ identities: { a: role('b'), b: role('a') } });
  assert.deepEqual(errors.map((e) => e.message), ['identities form a cycle: a → b → a']);
});

Deno.test('an unsupported Atmos kind is dropped with a warning, an unknown kind is an error', () => {
  const dropped = validateConfig({ providers: { app: { kind: 'github/app', app_id: 1 } } });
  assert.deepEqual(dropped.errors, []);
  assert.equal(dropped.warnings[0]?.path, 'providers.app.kind');
  const unknown = validateConfig({ providers: { x: { kind: 'aws/sso' } } });
  assert.match(unknown.errors[0]!.expected ?? '', /aws\/iam-identity-center, aws\/ambient, github\/oidc/);
});

Deno.test('two defaults validate, with no single default and both kept for the prompt (as in Atmos)', () => {
  const { config, errors, warnings } = validateConfig({ providers: { 'company-sso': sso }, identities: { a: { ...devAdmin, default: true }, b: { ...devAdmin, default: true } } });
  assert.deepEqual(errors, []);
  assert.equal(config?.defaultIdentity, undefined);
  assert.deepEqual(config?.defaultIdentities, ['a', 'b']);
  assert.equal(warnings[0]?.path, 'identities');
});
