// The registry the configuration generator tags images for when none is given: the first private ECR registry of
// the identity in the workspace's config (read from disk, as the CLI would; no network).
import process from 'node:process';
import { loadConfig } from '../../core/config/load.ts';
import { integrationHost } from '../../core/integrations/index.ts';

/** The host, or undefined when there is no config or it names no private registry. */
export async function defaultRegistry(workspaceRoot: string, identity: string | undefined): Promise<string | undefined> {
  let config;
  try {
    config = await loadConfig({ cwd: workspaceRoot, env: process.env });
  } catch {
    return undefined;
  }
  const owner = identity ?? config.defaultIdentity;
  const integrations = Object.values(config.integrations).filter((i) => i.kind === 'aws/ecr');
  const viaName = (i: (typeof integrations)[number]) => ('identity' in i.via ? i.via.identity : i.via.provider);
  const chosen = integrations.find((i) => owner === undefined || viaName(i) === owner) ?? integrations[0];
  return chosen ? integrationHost(chosen) : undefined;
}
