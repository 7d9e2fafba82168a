// The child of `ecr-auth exec` in tests: appends its argv to $ARGV_LOG and says it ran.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

appendFileSync(process.env.ARGV_LOG, `${JSON.stringify(process.argv.slice(1))}\n`);
process.stdout.write('child ran\n');
