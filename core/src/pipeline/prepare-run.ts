import type { ConfiguredPlugin } from '../config/resolve-plugins.js';
import type { AutodocConfig } from '../config/define-config.js';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { OpRegistry } from '../ops/op-registry.js';
import type { FormatDefinition, SectionDefinition } from '../plugin/contributions.js';
import { setUpPlugin } from '../plugin/checked-setup.js';
import { type ApplyingPlugin, guardTaps } from '../plugin/guard-taps.js';
import { createHooks, type Hooks } from '../plugin/hooks.js';
import { orderByRequires } from '../plugin/resolve-order.js';

/** Everything the configured plugins contribute, collected once per run. */
export interface PreparedRun {
  readonly hooks: Hooks;
  readonly ops: OpRegistry;
  readonly sections: readonly SectionDefinition[];
  readonly formats: ReadonlyMap<string, FormatDefinition>;
  readonly devices: readonly unknown[];
  readonly pluginNames: readonly string[];
}

/**
 * Sets up every plugin, orders them by `requires`, registers their contributions (config ops and
 * formats last, so they win) and applies their hook taps with the error guard in place.
 */
export function prepareRun(plugins: readonly ConfiguredPlugin[], config: AutodocConfig): PreparedRun {
  const applying: ApplyingPlugin = { current: undefined };
  const setUp = plugins.map(({ plugin, options }) => {
    const contributions = setUpPlugin(plugin, options);
    return { name: plugin.name, requires: contributions.requires, contributions };
  });
  const ordered = orderByRequires(setUp);

  const hooks = createHooks();
  guardTaps(hooks, applying);
  const ops = new OpRegistry();
  const sections = new Map<string, SectionDefinition>();
  const formats = new Map<string, FormatDefinition>();
  const devices: unknown[] = [];
  const addFormat = (f: FormatDefinition) => {
    formats.set(f.id, f);
    for (const alias of f.aliases ?? []) formats.set(alias, f);
  };
  for (const { name, contributions } of ordered) {
    for (const op of contributions.ops ?? []) ops.register(op, `plugin ${name}`);
    for (const section of contributions.sections ?? []) {
      const owner = sections.get(section.key);
      if (owner) throw new AutodocError('PLUGIN_SECTION_CONFLICT', `Two plugins declare the report section "${section.key}".`, `Remove one of them from the config (plugin ${name} is the second).`);
      sections.set(section.key, section);
    }
    for (const f of contributions.formats ?? []) addFormat(f);
    devices.push(...(contributions.devices ?? []));
    applying.current = name;
    contributions.apply?.({ hooks });
    applying.current = undefined;
  }
  for (const op of config.ops ?? []) ops.register(op, 'the config');
  for (const f of config.formats ?? []) addFormat(f);
  devices.push(...(config.devices ?? []));
  const sortedSections = [...sections.values()].sort((a, b) => (a.order ?? 500) - (b.order ?? 500));
  return { hooks, ops, sections: sortedSections, formats, devices, pluginNames: ordered.map((p) => p.name) };
}
