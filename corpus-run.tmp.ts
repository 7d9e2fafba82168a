import { readdirSync } from 'node:fs';
import { loadConfig } from '/work/wt/issue-12/src/core/config/load.ts';
const dir = '/work/wt/issue-12/test/fixtures/atmos-corpus';
const only = process.argv[2];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml') && (!only || f.includes(only)))) {
  try {
    const c = await loadConfig({ cwd: dir, env: { PATH: process.env.PATH }, configPath: `${dir}/${f}` });
    console.log(c.warnings.length ? 'WARN' : 'OK  ', f, JSON.stringify(c.warnings));
  } catch (e) {
    console.log('ERR ', f, (e as Error).message.replace(/\n/g, ' | '));
  }
}
