import { AutodocError } from '../diagnostics/autodoc-error.js';

export interface Requiring {
  readonly name: string;
  readonly requires?: readonly string[];
}

/**
 * Orders plugins so that every plugin comes after the plugins it requires, keeping registration
 * order otherwise. Taps within one stage run in this order. A missing or cyclic requirement is an
 * error at resolve time, before anything runs.
 */
export function orderByRequires<T extends Requiring>(items: readonly T[]): T[] {
  const byName = new Map(items.map((item) => [item.name, item]));
  for (const item of items) {
    for (const need of item.requires ?? []) {
      if (!byName.has(need)) {
        throw new AutodocError('PLUGIN_REQUIRES_MISSING', `Plugin "${item.name}" requires "${need}", which is not registered.`, `Add "${need}" to the plugins in autodoc.config.ts (or use a preset that includes it).`);
      }
    }
  }
  const done = new Set<string>();
  const visiting: string[] = [];
  const ordered: T[] = [];
  // Depth is bounded by the number of plugins (a few dozen), so recursion is safe here.
  const visit = (item: T): void => {
    if (done.has(item.name)) return;
    if (visiting.includes(item.name)) {
      const cycle = [...visiting.slice(visiting.indexOf(item.name)), item.name].join(' -> ');
      throw new AutodocError('PLUGIN_REQUIRES_CYCLE', `Plugin requirements form a cycle: ${cycle}.`, 'Remove one of the requires; a plugin can only read sections of plugins that run before it.');
    }
    visiting.push(item.name);
    for (const need of item.requires ?? []) visit(byName.get(need) as T);
    visiting.pop();
    done.add(item.name);
    ordered.push(item);
  };
  for (const item of items) visit(item);
  return ordered;
}
