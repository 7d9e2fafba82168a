// The SAML assertion captured the way the established tools capture it: a real Chromium, driven by playwright-core,
// opens the IdP's AWS app URL; the user signs in there (password, MFA, whatever the IdP asks); the IdP's page then
// POSTs SAMLResponse to the AWS sign-in endpoint. That request is intercepted and answered locally, never delivered,
// and its SAMLResponse is the assertion. playwright-core is loaded only here, so the rest of the tool works without it.
import { existsSync } from 'node:fs';
import process from 'node:process';
import type { CoreContext } from '../context.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';

/** The AWS sign-in endpoints an IdP posts the assertion to (global, regional, GovCloud, China). */
export const AWS_SAML_ENDPOINT = /^https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)\/saml\/?(?:[?#].*)?$/;

/** Chromium and Chrome where the usual installs put them. */
const CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
};

/** Flags for a clean, quiet profile: no sync, no background fetches, no QUIC, no first-run UI. */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome) or point ECR_AUTH_CHROMIUM at a Chromium/Chrome binary; ' +
  'or set assertion_command on the aws/saml provider to a command that prints the base64 SAMLResponse';

/** The Chromium to drive: ECR_AUTH_CHROMIUM, else the first usual install that exists; undefined when none. */
export function findChromium(env: Env, platform: string = process.platform, exists: (path: string) => boolean = existsSync): string | undefined {
  if (env.ECR_AUTH_CHROMIUM) return exists(env.ECR_AUTH_CHROMIUM) ? env.ECR_AUTH_CHROMIUM : undefined;
  return (CANDIDATES[platform] ?? []).find((path) => exists(path));
}

/** True when ECR_AUTH_BROWSER_HEADLESS asks for a window-less browser (automation, tests against a stand-in IdP). */
export function headlessRequested(env: Env): boolean {
  const value = env.ECR_AUTH_BROWSER_HEADLESS?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** The SAMLResponse field of an x-www-form-urlencoded body; undefined when absent. Pure. */
export function samlResponseOf(body: string | null | undefined): string | undefined {
  if (!body) return undefined;
  const value = new URLSearchParams(body).get('SAMLResponse');
  return value ? value : undefined;
}

const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>ecr-auth</title><body style="font-family:sans-serif">' +
  '<h1>Signed in</h1><p>ecr-auth received the sign-in. You can close this window.</p></body>';

type Playwright = typeof import('playwright-core');

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new EcrAuthError('E_BROWSER_UNAVAILABLE', 'the browser sign-in needs the npm package playwright-core, which is not installed', {
      hint: 'install it beside ecr-auth (`npm install playwright-core`), or set assertion_command on the aws/saml provider',
      cause: error,
    });
  }
}

export interface CaptureInput {
  /** The IdP's AWS app URL. */
  url: string;
  /** The provider name, for messages. */
  name: string;
  /** Give up after this long; default 5 min with a window, 60 s headless. */
  timeoutMs?: number;
}

/** Opens the IdP in Chromium and returns the base64 SAMLResponse it posts to AWS. */
export async function captureAssertion(ctx: CoreContext, input: CaptureInput): Promise<string> {
  const headless = headlessRequested(ctx.env) && !ctx.interaction.noBrowser;
  if (!headless && !ctx.interaction.browser) {
    throw new EcrAuthError('E_BROWSER_UNAVAILABLE', `signing in to "${input.name}" needs a browser window, and none can open here (CI, no display, or --no-browser)`, {
      hint: 'set assertion_command on the aws/saml provider (a command printing the base64 SAMLResponse), or run `ecr-auth login` on a desktop first: the credentials are cached',
    });
  }
  const executablePath = findChromium(ctx.env);
  if (!executablePath) {
    throw new EcrAuthError('E_BROWSER_UNAVAILABLE', `no Chromium or Chrome found to sign in to "${input.name}"${ctx.env.ECR_AUTH_CHROMIUM ? ` (ECR_AUTH_CHROMIUM=${ctx.env.ECR_AUTH_CHROMIUM} does not exist)` : ''}`, {
      hint: INSTALL_HINT,
    });
  }
  const { chromium } = await loadPlaywright();
  const timeoutMs = input.timeoutMs ?? (Number(ctx.env.ECR_AUTH_SAML_TIMEOUT_MS) || 0);
  const limit = timeoutMs > 0 ? timeoutMs : headless ? 60_000 : 300_000;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  ctx.log.info(`Signing in to ${input.name}: ${headless ? 'a headless browser opens' : 'finish the sign-in in the browser window that opens'} ${input.url}`);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless,
      args: [...CHROMIUM_FLAGS, ...(asRoot ? ['--no-sandbox'] : [])],
      timeout: 60_000,
    });
  } catch (error) {
    throw new EcrAuthError('E_BROWSER_UNAVAILABLE', `${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`, { hint: INSTALL_HINT, cause: error });
  }
  try {
    const context = await browser.newContext();
    const closed = () => new EcrAuthError('E_SAML', `the browser was closed before the sign-in to "${input.name}" finished`, { hint: 'run the command again and finish the sign-in' });
    let abandon: (error: EcrAuthError) => void = () => {};
    const captured = new Promise<string>((resolve, reject) => {
      abandon = reject;
      context
        .route(AWS_SAML_ENDPOINT, async (route) => {
          const request = route.request();
          const assertion = request.method() === 'POST' ? samlResponseOf(request.postData()) : undefined;
          if (!assertion) {
            await route.abort().catch(() => {});
            return;
          }
          // answered here: the assertion never reaches AWS's sign-in page (no console session is created)
          await route.fulfill({ status: 200, contentType: 'text/html', body: DONE_PAGE }).catch(() => {});
          resolve(assertion);
        })
        .catch(reject);
      browser!.on('disconnected', () => reject(closed()));
    });
    const page = await context.newPage();
    // the user closing the sign-in window ends the wait (a launched Chromium may outlive its last window)
    page.on('close', () => abandon(closed()));
    page.goto(input.url, { timeout: limit }).catch(() => {
      // navigation errors (the intercepted post, a closed window) are judged by the capture, not here
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EcrAuthError('E_SAML', `no SAML assertion from "${input.name}" within ${Math.round(limit / 1000)} s`, {
          hint: `finish the sign-in at ${input.url} sooner; the IdP must post to https://signin.aws.amazon.com/saml (is it the AWS application's URL?)`,
        })),
        limit,
      );
    });
    try {
      return await Promise.race([captured, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close().catch(() => {});
  }
}
