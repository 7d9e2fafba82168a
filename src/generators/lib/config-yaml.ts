// The config `init` writes, as YAML text (ecr-auth.config.yaml): the format of the README and of an Atmos `auth:`
// block, with room for comments. Written by hand because the yaml package is not a run-time dependency: every
// scalar is a JSON string, which is a valid YAML double-quoted scalar, so no value can break the document.
import { integrationName, isRegion, parseRegistryList, type RegistrySpec } from './registry-specs.ts';

/** The answers init turns into a config. Empty strings count as not given (a skipped prompt). */
export interface ConfigAnswers {
  startUrl?: string;
  ssoRegion?: string;
  region?: string;
  /** A 12-digit id or an account name; Nx may hand a number for digits typed on the command line. */
  account?: string | number;
  permissionSet?: string;
  identity?: string;
  registries?: string[] | string;
}

/** The default identity name. */
export const DEFAULT_IDENTITY = 'default';

const q = (value: string) => JSON.stringify(value);

function given(value: string | number | undefined): string | undefined {
  // Nx parses digits typed on the command line as a number: restore an account id's leading zeros.
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < 1e12 ? String(value).padStart(12, '0') : String(value);
  const text = value?.trim();
  return text ? text : undefined;
}

function accountRef(account: string): string {
  return /^\d{12}$/.test(account) ? `{ id: ${q(account)} }` : `{ name: ${q(account)} }`;
}

function checkRegion(value: string | undefined, option: string): void {
  if (value !== undefined && !isRegion(value)) throw new Error(`--${option} "${value}" is not an AWS region (like us-east-1)`);
}

/** The registries to configure: the list given, else the account's registry in `region` when both are known. */
function registriesOf(answers: ConfigAnswers, region: string | undefined): RegistrySpec[] {
  const listed = parseRegistryList(answers.registries);
  if (listed.length > 0) return listed;
  const account = given(answers.account);
  return account && /^\d{12}$/.test(account) && region ? [{ kind: 'ecr', accountId: account, region }] : [];
}

function integrationLines(specs: RegistrySpec[], via: string): string[] {
  const lines = ['  integrations:'];
  for (const spec of specs) {
    lines.push(`    ${q(integrationName(spec))}:`);
    lines.push(`      kind: ${spec.kind === 'ecr' ? 'aws/ecr' : 'aws/ecr-public'}`);
    lines.push(`      via: ${via}`);
    if (spec.kind === 'ecr') lines.push('      spec:', `        registry: { account_id: ${q(spec.accountId)}, region: ${q(spec.region)} }`);
  }
  return lines;
}

/** A commented example where no registry could be derived (an account given by name, no --registries). */
function noRegistryLines(identity: string): string[] {
  return [
    `  # ${NO_REGISTRY_NOTE}, e.g.:`,
    '  # integrations:',
    '  #   dev/ecr:',
    '  #     kind: aws/ecr',
    `  #     via: { identity: ${q(identity)} }`,
    '  #     spec:',
    '  #       registry: { account_id: "123456789012", region: "us-east-1" }',
  ];
}

/** Why a written config logs Docker in nowhere yet; `init` prints it too. */
export const NO_REGISTRY_NOTE = 'no registry yet: the account was given by name and no --registries were given; add the registries to log in to';

/** The YAML text, or undefined when the answers say too little to write a working config. Throws on a bad answer. */
export function configYaml(answers: ConfigAnswers): string | undefined {
  const startUrl = given(answers.startUrl);
  const region = given(answers.region);
  const ssoRegion = given(answers.ssoRegion) ?? region;
  checkRegion(region, 'region');
  checkRegion(ssoRegion, 'ssoRegion');
  const specs = registriesOf(answers, region);
  const header = ['# ecr-auth: one login for every ECR registry. Written by `nx g ecr-auth:init`; check it with `ecr-auth validate`.', 'auth:'];
  if (startUrl) {
    if (!/^https?:\/\/\S+$/.test(startUrl)) throw new Error(`--startUrl "${startUrl}" is not a URL (like https://company.awsapps.com/start/)`);
    if (!ssoRegion) throw new Error('--ssoRegion (or --region) is needed with --startUrl: the region of IAM Identity Center');
    const account = given(answers.account);
    const permissionSet = given(answers.permissionSet);
    if (!account || !permissionSet) throw new Error('--account and --permissionSet are needed with --startUrl: the account and the permission set to sign in to');
    const identity = given(answers.identity) ?? DEFAULT_IDENTITY;
    return [
      ...header,
      '  providers:',
      '    sso:',
      '      kind: aws/iam-identity-center',
      `      region: ${q(ssoRegion)}`,
      `      start_url: ${q(startUrl)}`,
      '  identities:',
      `    ${q(identity)}:`,
      '      kind: aws/permission-set',
      '      via: { provider: "sso" }',
      '      principal:',
      `        name: ${q(permissionSet)}`,
      `        account: ${accountRef(account)}`,
      ...(region ? [`      region: ${q(region)}`] : []),
      ...(specs.length ? integrationLines(specs, `{ identity: ${q(identity)} }`) : noRegistryLines(identity)),
      '',
    ].join('\n');
  }
  if (specs.length === 0) return undefined;
  return [
    ...header,
    '  providers:',
    '    ambient:',
    '      kind: aws/ambient          # the standard AWS chain: env, profile, web identity, ECS, IMDS',
    ...(region ? [`      region: ${q(region)}`] : []),
    ...integrationLines(specs, '{ provider: "ambient" }'),
    '',
  ].join('\n');
}
