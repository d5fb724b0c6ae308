import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Errors of Node's own loader that jiti can mend: a `.ts` import, an import without its extension. */
const JITI_MENDS = new Set(['ERR_UNKNOWN_FILE_EXTENSION', 'ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT']);

/**
 * The default export of a config file. ES module configs (`.mjs`, `.js` of a `"type": "module"`
 * package) load with Node's own `import()`: importing jiti and running a config through it added
 * 50–110 ms to every run. TypeScript configs, `.js` files of CommonJS packages (which may still be
 * written with `export default`: Node would warn on stderr, then fail) and ES modules that import
 * what Node cannot load (a local `.ts` file) load through jiti.
 */
export async function importConfig(filePath: string, cwd: string): Promise<unknown> {
  const ext = path.extname(filePath);
  if (ext === '.mjs' || (ext === '.js' && (await inModulePackage(filePath)))) {
    try {
      return await importNative(filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code === undefined || !JITI_MENDS.has(code)) throw error;
    }
  }
  return importWithJiti(filePath, cwd);
}

async function importNative(filePath: string): Promise<unknown> {
  // Node caches modules by URL: a config edited since it was last imported in this process gets a new one.
  const { mtimeMs, size } = await stat(filePath);
  const module = (await import(`${pathToFileURL(filePath).href}?mtime=${mtimeMs}&size=${size}`)) as { default?: unknown };
  return 'default' in module ? module.default : module;
}

/** Whether the nearest package.json above the file says `"type": "module"`, as Node decides for a `.js` file. */
async function inModulePackage(filePath: string): Promise<boolean> {
  for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
    let text: string | undefined;
    try {
      text = await readFile(path.join(dir, 'package.json'), 'utf8');
    } catch {
      // none here: look in the parent
    }
    if (text !== undefined) {
      try {
        return (JSON.parse(text) as { type?: unknown }).type === 'module';
      } catch {
        return false; // Node would fail on it too; jiti reports the config's own errors better
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

async function importWithJiti(filePath: string, cwd: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  return createJiti(path.join(cwd, 'noop.js'), { interopDefault: true, moduleCache: false }).import(filePath, { default: true });
}
