// `ecr-auth whoami [-i|--identity [ID]]`: who an identity is signed in as (Atmos `auth whoami`): identity, account,
// role, region and expiry, from the caches only. It makes no AWS call; the account and role are what the config and
// the cached credentials say (not an STS GetCallerIdentity).
import { text } from '../args.ts';
import type { CommandSpec } from '../command.ts';
import { chooseIdentity } from '../pick.ts';
import * as realSession from '../../core/session.ts';
import { expiryText } from './status.ts';

/** `whoami`: exit 0 when the identity is signed in, 1 when it is not (so scripts can test it). */
export const whoamiCommand: CommandSpec = {
  name: 'whoami',
  summary: 'show who an identity is signed in as (from the cache; no network)',
  usage: 'whoami [-i|--identity [ID]]',
  details: [
    'Prints the identity, its kind and chain, the account and role as configured, the region and when the cached',
    'credentials expire. Reads only local caches: it never calls AWS. Exit 0 when signed in, 1 when not.',
  ],
  options: {
    identity: { type: 'string', short: 'i', optionalValue: true, value: 'ID', description: 'identity (default: the default identity; no value: pick one)' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, rt) {
    const ctx = await rt.context();
    const identity = await chooseIdentity(rt, ctx, text(options, 'identity'));
    const report = await (rt.session.whoami ?? realSession.whoami)(ctx, identity);
    const now = rt.now();
    if (rt.globals.json) {
      rt.out.json({
        ...report,
        ...(report.expiresAt === undefined ? {} : { expiresAt: new Date(report.expiresAt).toISOString() }),
        ...(report.ssoSession ? { ssoSession: { ...report.ssoSession, expiresAt: new Date(report.ssoSession.expiresAt).toISOString() } } : {}),
      });
      return report.signedIn ? 0 : 1;
    }
    const rows: Array<[string, string | undefined]> = [
      ['Identity', `${report.identity ?? '(ambient AWS credentials)'} (${report.kind})`],
      ['Chain', report.chain.join(' → ')],
      ['Account', report.account ? `${report.account}${report.accountName ? ` (${report.accountName})` : ''}` : report.accountName],
      ['Role', report.roleArn ?? report.role],
      ['Profile', report.profile],
      ['Region', report.region],
      ['Signed in', report.source === 'environment'
        ? (report.signedIn ? 'from the environment (the AWS credential chain; not cached by ecr-auth)' : 'no credential source in the environment')
        : report.signedIn ? `yes, expires ${expiryText(report.expiresAt, now)}` : report.source === 'none' ? 'no (nothing cached): run `ecr-auth login`' : `no (expired ${expiryText(report.expiresAt, now)}): run \`ecr-auth login\``],
      ['SSO session', report.ssoSession && `${report.ssoSession.provider}: ${report.ssoSession.valid ? 'valid' : 'expired'}, ${expiryText(report.ssoSession.expiresAt, now)}`],
      ['Stored in', report.storedIn],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) if (value) rt.out.line(`${label.padEnd(width)}  ${value}`);
    return report.signedIn ? 0 : 1;
  },
};
