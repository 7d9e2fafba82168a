// The real parts a `docker login` needs to succeed under ECR host names: a Distribution registry accepting the
// emulator's (fixed) ECR password, a forward proxy routing the ECR hosts to it, and a private dockerd using that
// proxy. Undefined when the parts are not installed (scripts/install-system-deps.sh installs them).
import { startDockerd, type TestDockerd } from '../../test/harness/dockerd.ts';
import { startForwardProxy, type ForwardProxy } from '../../test/harness/forward-proxy.ts';
import { startRegistry, type TestRegistry } from '../../test/harness/registry.ts';
import { haveRealParts } from '../../test/harness/system.ts';

export interface DockerStack {
  dockerHost: string;
  stop(): Promise<void>;
}

/** Starts registry, proxy and dockerd for `hosts`, or explains why not. */
export async function startDockerStack(hosts: readonly string[], password: string): Promise<DockerStack | string> {
  if (!haveRealParts()) return 'docker-registry, dockerd or docker is missing (run scripts/install-system-deps.sh as root)';
  let registry: TestRegistry | undefined;
  let proxy: ForwardProxy | undefined;
  let dockerd: TestDockerd | undefined;
  const stop = async () => {
    await dockerd?.stop();
    await Promise.allSettled([registry?.stop(), proxy?.stop()]);
  };
  try {
    registry = await startRegistry({ users: [{ username: 'AWS', password }] });
    proxy = await startForwardProxy({ routes: Object.fromEntries(hosts.map((h) => [h, registry!.host])) });
    dockerd = await startDockerd({ proxyUrl: proxy.url, insecureRegistries: hosts });
    return { dockerHost: dockerd.env.DOCKER_HOST, stop };
  } catch (error) {
    await stop();
    return `the docker stack did not start: ${(error as Error).message}`;
  }
}
