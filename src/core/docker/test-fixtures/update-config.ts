// Child process for config-file.test.ts: `update-config.ts DOCKER_CONFIG_DIR CACHE_DIR` adds one auths entry
// and prints {"changed"} or the EcrAuthError as {"code","message"} (run as an unprivileged user by the test).
import process from 'node:process';
import { setAuth, updateDockerConfig } from '../config-file.ts';

const [dockerConfig, cache] = process.argv.slice(2);
try {
  const result = await updateDockerConfig({ HOME: cache, DOCKER_CONFIG: dockerConfig, ECR_AUTH_CACHE_DIR: cache }, (c) =>
    setAuth(c, '123456789012.dkr.ecr.us-east-1.amazonaws.com', 'AWS', 'pw'),
  );
  process.stdout.write(JSON.stringify({ changed: result.changed }));
} catch (error) {
  const { code, message } = error as { code?: string; message: string };
  process.stdout.write(JSON.stringify({ code, message }));
}
