// The real parts a docker push to an ECR host name needs: a Distribution registry that accepts one user, a forward
// proxy that sends the ECR host name to it, and a private dockerd behind that proxy (the host is an insecure
// registry there, as the registry speaks plain HTTP). Started in that order, stopped dockerd first.
import { startDockerd, type TestDockerd } from './dockerd.ts';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.ts';
import { type RegistryUser, startRegistry, type TestRegistry } from './registry.ts';

export interface PushStack {
  registry: TestRegistry;
  proxy: ForwardProxy;
  dockerd: TestDockerd;
  /** Stops dockerd, then the registry and the proxy; never throws. */
  stop(): Promise<void>;
}

/** Starts the registry (accepting `user`), the proxy routing `host` to it, and a dockerd that reaches it through it. */
export async function startPushStack(host: string, user: RegistryUser): Promise<PushStack> {
  const registry = await startRegistry({ users: [user] });
  const proxy = await startForwardProxy({ routes: { [host]: registry.host } }).catch(async (error: unknown) => {
    await registry.stop();
    throw error;
  });
  const dockerd = await startDockerd({ proxyUrl: proxy.url, insecureRegistries: [host] }).catch(async (error: unknown) => {
    await Promise.allSettled([registry.stop(), proxy.stop()]);
    throw error;
  });
  return {
    registry,
    proxy,
    dockerd,
    async stop() {
      await dockerd.stop().catch(() => undefined);
      await Promise.allSettled([registry.stop(), proxy.stop()]);
    },
  };
}
