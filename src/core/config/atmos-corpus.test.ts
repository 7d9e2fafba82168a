// The Atmos corpus: real `auth:` blocks from cloudposse/atmos (docs, examples, test fixtures), each loaded the way the
// CLI loads a config (--config) and held to the outcome its row in test/fixtures/atmos-corpus/manifest.json expects.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';

interface Row {
  file: string;
  source: string;
  line: number;
  outcome: 'validates' | 'validates-with-warnings' | 'out-of-scope' | 'rejected';
  setAside?: string[];
  pending?: string[];
  error?: string;
  note?: string;
}

const dir = fileURLToPath(new URL('../../../test/fixtures/atmos-corpus/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as { repository: string; commit: string; entries: Row[] };

async function load(row: Row) {
  return loadConfig({ cwd: dir, env: {}, configPath: `${dir}${row.file}` });
}

describe('the Atmos corpus', () => {
  it('holds every fixture file once, each recording where in Atmos it comes from', () => {
    const files = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
    expect(manifest.entries.map((row) => row.file).sort()).toEqual(files);
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const row of manifest.entries) {
      const header = readFileSync(`${dir}${row.file}`, 'utf8').split('\n')[0];
      expect(header).toBe(`# ${manifest.repository}@${manifest.commit.slice(0, 12)} ${row.source}:${row.line}`);
    }
    expect(manifest.entries.length).toBeGreaterThanOrEqual(40);
  });

  it.each(manifest.entries.filter((row) => row.outcome !== 'rejected'))('$file: $outcome', async (row) => {
    const config = await load(row);
    const setAside = (config.setAside ?? []).map((entry) => `${entry.section}.${entry.name}`);
    expect(setAside).toEqual(row.setAside ?? []);
    const usable = Object.keys(config.providers).length + Object.keys(config.identities).length + Object.keys(config.integrations).length;
    if (row.outcome === 'validates') expect(config.warnings).toEqual([]);
    if (row.outcome === 'validates-with-warnings') {
      expect(config.warnings.length).toBeGreaterThan(0);
      expect(usable).toBeGreaterThan(0);
    }
    if (row.outcome === 'out-of-scope') expect(usable).toBe(0);
    // everything set aside is warned about
    for (const name of setAside) expect(config.warnings.some((w) => w.includes(name.split('.').slice(1).join('.')))).toBe(true);
  });

  it.each(manifest.entries.filter((row) => row.outcome === 'rejected'))('$file is rejected: $note', async (row) => {
    const error = await load(row).then(() => undefined, (e: Error) => e);
    expect(error, 'expected a config error').toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBe('E_CONFIG');
    expect(error!.message.replaceAll(dir, '')).toContain(row.error);
    expect(row.note).toBeTruthy();
  });
});
