import { execFileSync } from 'node:child_process';

/**
 * Finds a Python interpreter that can import every module in `modules`: first `AUTODOC_PYTHON`, then
 * candidates in order. The `python3` first on PATH (e.g. pyenv) often cannot see Debian's packages
 * (python3-torch, python3-onnx), so the system interpreter is probed too. Results are cached.
 */
const cache = new Map<string, string | undefined>();

export const pythonCandidates = ['python3', '/usr/bin/python3', 'python', '/usr/local/bin/python3'];

export function findPython(modules: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = `${env.AUTODOC_PYTHON ?? ''}|${modules.join(',')}`;
  if (cache.has(key)) return cache.get(key);
  const candidates = env.AUTODOC_PYTHON ? [env.AUTODOC_PYTHON] : pythonCandidates;
  const probe = modules.map((m) => `import ${m}`).join('; ') || 'pass';
  let found: string | undefined;
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-c', probe], { stdio: 'ignore', timeout: 60_000 });
      found = candidate;
      break;
    } catch {
      // not there, or cannot import the modules: try the next one
    }
  }
  cache.set(key, found);
  return found;
}
