#!/usr/bin/env node
// The demo's stand-in for a person at a browser: opens the sign-in URL it is given and follows the redirects, which
// is what clicking "Allow" on the IAM Identity Center page does. Used as BROWSER by `npm run demo` only.
const url = process.argv[2];
if (!url) {
  console.error('usage: demo-browser.mjs URL');
  process.exit(2);
}
const response = await fetch(url, { redirect: 'follow' });
process.exitCode = response.ok ? 0 : 1;
