/**
 * Prints HTML to PDF with the system Chromium through playwright-core: JavaScript off, every network
 * request aborted, so the page prints exactly the static report (charts are inline SVG → vectors).
 */
import { AutodocError, findChromium } from '@autodoc/core';

export type Paper = 'A4' | 'Letter';

/** Chromium flags for a quiet, offline, headless print. */
export function chromiumArgs(isRoot = typeof process.getuid === 'function' && process.getuid() === 0): string[] {
  return [
    // Chromium refuses to run as root with its sandbox on (containers, CI).
    ...(isRoot ? ['--no-sandbox'] : []),
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** Finds Chromium or throws PDF_CHROMIUM_MISSING with the way to install it. */
export function requireChromium(): string {
  const path = findChromium();
  if (!path) {
    throw new AutodocError(
      'PDF_CHROMIUM_MISSING',
      'The pdf format needs Chromium, and none was found.',
      'Install Chromium: bash .ci/setup-system (Debian package chromium), or set AUTODOC_CHROMIUM.',
    );
  }
  return path;
}

/** Prints `html` to PDF bytes. */
export async function printPdf(html: string, options: { paper?: Paper; timeoutMs?: number } = {}): Promise<Uint8Array> {
  const executablePath = requireChromium();
  const timeout = options.timeoutMs ?? 120_000;
  // playwright-core is loaded only when a PDF is asked for.
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs(), timeout });
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    // setContent loads no document over the network; anything else the page asks for is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: options.paper ?? 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return new Uint8Array(pdf);
  } catch (e) {
    if (e instanceof AutodocError) throw e;
    throw new AutodocError(
      'PDF_RENDER_FAILED',
      `Chromium could not print the report: ${(e as Error).message.split('\n')[0]}`,
      'Check that Chromium starts (chromium --headless --version); set AUTODOC_CHROMIUM to another build.',
      { cause: e },
    );
  } finally {
    await browser?.close();
  }
}
