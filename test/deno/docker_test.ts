// Deno: the pure Docker pieces of the core (registry hosts, config merge) run unchanged under `deno test`.
import { ecrRegistryHost, parseRegistryHost, tryParseRegistryHost } from '../../src/core/docker/registry-host.ts';
import { parseDockerConfig, removeAuth, setAuth, setCredHelper } from '../../src/core/docker/config-model.ts';
import { isFresh } from '../../src/core/cache/freshness.ts';

function assertEquals(actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`expected ${e}, got ${a}`);
}

const H = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

Deno.test('registry hosts: accepted forms, look-alikes rejected', () => {
  assertEquals(parseRegistryHost(`https://${H}/v2/app`), { host: H, kind: 'ecr', accountId: '123456789012', region: 'us-east-1', fips: false, dualstack: false });
  assertEquals(parseRegistryHost('ecr-public.aws.com').region, 'us-east-1');
  assertEquals(parseRegistryHost('123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn').dualstack, true);
  assertEquals(tryParseRegistryHost(`${H}.fake.example.com`), undefined);
  assertEquals(tryParseRegistryHost('public.ecr.aws.fake.example.com'), undefined);
  assertEquals(ecrRegistryHost('123456789012', 'cn-north-1'), '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn');
});

Deno.test('docker config merge keeps foreign keys', () => {
  const config = parseDockerConfig('\uFEFF{"credsStore":"desktop","proxies":{"default":{}},"x":[1],"auths":{"ghcr.io":{"auth":"a"}}}', 'config.json');
  const edited = removeAuth(setCredHelper(setAuth(config, H, 'AWS', 'pw'), H, 'ecr-auth'), 'missing');
  assertEquals(edited, {
    credsStore: 'desktop',
    proxies: { default: {} },
    x: [1],
    auths: { 'ghcr.io': { auth: 'a' }, [H]: { auth: 'QVdTOnB3' } },
    credHelpers: { [H]: 'ecr-auth' },
  });
  assertEquals(parseDockerConfig('', 'config.json'), {});
  let threw = false;
  try {
    parseDockerConfig('[]', 'config.json');
  } catch {
    threw = true;
  }
  assertEquals(threw, true);
});

Deno.test('freshness margin', () => {
  assertEquals([isFresh(undefined, 0, 1), isFresh(1000, 0, 999), isFresh(1000, 0, 1000)], [true, true, false]);
});

Deno.test('locked, atomic config.json update on disk under Deno', async () => {
  const { updateDockerConfig } = await import('../../src/core/docker/config-file.ts');
  const { withLock } = await import('../../src/core/fs/lock.ts');
  const dir = await Deno.makeTempDir();
  try {
    const env = { HOME: dir, DOCKER_CONFIG: `${dir}/docker`, ECR_AUTH_CACHE_DIR: `${dir}/cache` };
    await Deno.mkdir(`${dir}/docker`);
    await Deno.writeTextFile(`${dir}/docker/config.json`, '{"currentContext":"x"}');
    const result = await updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw'));
    assertEquals(result.changed, true);
    assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/docker/config.json`)), { currentContext: 'x', auths: { [H]: { auth: 'QVdTOnB3' } } });
    let counter = 0;
    await Promise.all(Array.from({ length: 4 }, () => withLock(`${dir}/l.lock`, async () => {
      const seen = counter;
      await new Promise((resolve) => setTimeout(resolve, 2));
      counter = seen + 1;
    })));
    assertEquals(counter, 4);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
