// Child process for login.test.ts: `add-registry.ts DOCKER_CONFIG_DIR CACHE_DIR HOST` logs Docker in to HOST
// in auths mode, so many processes can write one config.json at once.
import process from 'node:process';
import { saveDockerLogin } from '../login.ts';

const [dockerConfig, cache, host] = process.argv.slice(2);
if (!dockerConfig || !cache || !host) throw new Error('usage: add-registry.ts DOCKER_CONFIG_DIR CACHE_DIR HOST');
await saveDockerLogin({
  env: { HOME: cache, DOCKER_CONFIG: dockerConfig, ECR_AUTH_CACHE_DIR: cache },
  host,
  username: 'AWS',
  password: `token-for-${host}`,
  mode: 'auths',
  identity: 'concurrent',
});
