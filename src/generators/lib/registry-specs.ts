// The registries `init` is given, as people write them: "123456789012:us-east-1", a registry host
// ("123456789012.dkr.ecr.us-east-1.amazonaws.com", with or without https:// and a path), or "public.ecr.aws".
import { tryParseRegistryHost } from '../../core/docker/registry-host.ts';

export type RegistrySpec = { kind: 'ecr'; accountId: string; region: string } | { kind: 'ecr-public' };

const ACCOUNT_REGION = /^(\d{12}):([a-z]{2}(?:-[a-z]+)+-\d+)$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** True for an AWS region name such as us-east-1. */
export function isRegion(value: string): boolean {
  return REGION.test(value);
}

/** One registry spec; throws an Error saying the accepted forms when it is none of them. */
export function parseRegistrySpec(input: string): RegistrySpec {
  const text = input.trim();
  const pair = ACCOUNT_REGION.exec(text);
  if (pair) return { kind: 'ecr', accountId: pair[1]!, region: pair[2]! };
  const host = tryParseRegistryHost(text);
  if (host?.kind === 'ecr-public') return { kind: 'ecr-public' };
  if (host?.accountId) return { kind: 'ecr', accountId: host.accountId, region: host.region };
  throw new Error(
    `registry "${text}" is not one of: ACCOUNT:REGION (123456789012:us-east-1), a registry host ` +
      '(123456789012.dkr.ecr.us-east-1.amazonaws.com) or public.ecr.aws',
  );
}

/** The integration name init gives a registry: ecr/<account>/<region>, or ecr-public. */
export function integrationName(spec: RegistrySpec): string {
  return spec.kind === 'ecr' ? `ecr/${spec.accountId}/${spec.region}` : 'ecr-public';
}

/** Parses a list (entries may also be comma-separated, as a prompt answer is), dropping duplicates. */
export function parseRegistryList(inputs: readonly string[] | string | undefined): RegistrySpec[] {
  const words = (typeof inputs === 'string' ? [inputs] : (inputs ?? [])).flatMap((entry) => entry.split(/[\s,]+/)).filter(Boolean);
  const specs = new Map<string, RegistrySpec>();
  for (const word of words) {
    const spec = parseRegistrySpec(word);
    specs.set(integrationName(spec), spec);
  }
  return [...specs.values()];
}
