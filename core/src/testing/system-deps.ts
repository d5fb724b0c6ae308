import { execFileSync } from 'node:child_process';
import { findChromium } from '../system/find-chromium.js';
import { findPython } from '../system/find-python.js';

/**
 * For tests that need a system package: returns what was found, or a skip reason that names the
 * script that installs it. Under CI=true a missing dependency throws instead, so CI runs everything.
 */
export interface SystemDependency<T> {
  readonly value: T | undefined;
  readonly skipReason: string | undefined;
}

function resolve<T>(what: string, value: T | undefined): SystemDependency<T> {
  if (value !== undefined) return { value, skipReason: undefined };
  const reason = `${what} is not installed: run \`bash .ci/setup-system\` to install it (tests that need it are skipped)`;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
  console.warn(`SKIPPED: ${reason}`);
  return { value: undefined, skipReason: reason };
}

export function systemPython(modules: readonly string[]): SystemDependency<string> {
  return resolve(`a Python that can import ${modules.join(', ')} (Debian python3-${modules[0]})`, findPython(modules));
}

export function systemChromium(): SystemDependency<string> {
  return resolve('Debian chromium', findChromium());
}

export function systemTool(command: string, debianPackage: string): SystemDependency<string> {
  let found: string | undefined;
  try {
    execFileSync('which', [command], { stdio: 'pipe' });
    found = command;
  } catch {
    found = undefined;
  }
  return resolve(`${command} (Debian ${debianPackage})`, found);
}
