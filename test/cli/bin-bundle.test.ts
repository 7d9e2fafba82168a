// The bundled bins stay at the floor of a Node start: what they hold is the static import graph of the cached answers
// and nothing else. The budget below was set from the measured bundles (bench/RESULTS.md, section 1: the cached
// half of ecr-auth at 35 kB answers a cached ecr-login at about 1.3x `node -e 0`; at 136 kB, when planning a request
// loaded the integration kind table and reading a token loaded ensureChain, it cost 1.6x). A bundle over budget, or
// holding any of the modules below, is the regression coming back: split the light part out of the module that
// drags the rest in (as registry/request.ts, registry/token-entry.ts, identity/cached-credentials.ts did), rather
// than raise the budget. No timing here: timings are bench/ (npm run bench).
import { describe, expect, it } from 'vitest';
import { bundleBins } from '../../scripts/bundle-bins.mjs';

/** Bytes per bundle: the measured size plus about 15%. */
const BUDGET: Record<string, number> = {
  'ecr-auth.cjs': 5_000,
  'ecr-auth-cached.cjs': 40_000,
  'docker-credential-ecr-auth.cjs': 19_000,
};

/** Code a cached answer never runs: the kind tables and through them every sign-in, SDK call and writer; the schema. */
const FORBIDDEN = [
  /^src\/core\/integrations\/(index|kind|eks|codeartifact|ecr|ecr-public)\.ts$/,
  /^src\/core\/identity\/(kinds\/index|ensure-chain)\.ts$/,
  /^src\/core\/(aws|sso|saml|audit|kube|npm|secret-input|keep-fresh|doctor)\/(?!ambient\.ts$)/,
  /^src\/core\/registry\/(token|login|docker-integration|targets)\.ts$/,
  /^src\/core\/cache\/ensure-cached\.ts$/,
  /^src\/core\/config\/(schema|validate|kinds|entries|yaml-[a-z-]+)\.ts$/,
  /^src\/core\/session(\.ts|\/(?!cached-host\.ts$))/,
  /^src\/cli\/(main|commands\/|credential-helper\.ts)/,
];

/** The most a kind module may add to a bin: its keys (link key, token-only, role to child) measured 44–277 bytes each. */
const KIND_KEYS_BYTES = 600;

const bundles = await bundleBins({ write: false });

describe.each(Object.keys(BUDGET))('%s', (name) => {
  const bundle = bundles[name]!;

  it('stays within its size budget', () => {
    expect(bundle.bytes).toBeLessThanOrEqual(BUDGET[name]!);
  });

  it('holds none of the code a cached answer never runs', () => {
    expect(bundle.inputs.filter((input) => FORBIDDEN.some((re) => re.test(input)))).toEqual([]);
  });

  it("holds of each identity kind's module only its pure keys (the cache-key derivation), not its sign-in", () => {
    const kinds = Object.entries(bundle.inputBytes).filter(([input]) => /^src\/core\/identity\/kinds\//.test(input));
    expect(kinds.filter(([, bytes]) => bytes > KIND_KEYS_BYTES)).toEqual([]);
  });

  it('loads node:crypto and node:fs/promises only as the read-only stand-ins, and no package', () => {
    expect(bundle.text).not.toMatch(/require\("node:(crypto|fs\/promises)"\)/);
    expect(bundle.text).not.toMatch(/require\("(?!node:|\.\/ecr-auth-cached\.cjs")/);
  });
});

it('leaves every dynamic import out of the bins (each rejects: the full CLI has the module)', () => {
  const cached = bundles['ecr-auth-cached.cjs']!;
  expect(cached.inputs).toContain('src/cli/sha256-only-crypto.ts');
  expect(cached.inputs).toContain('src/cli/read-only-fs.ts');
  expect(cached.text).toMatch(/is loaded by the full CLI only/);
});
