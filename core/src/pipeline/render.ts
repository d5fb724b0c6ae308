import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { assertFormatOptions } from '../plugin/checked-setup.js';
import type { RenderedFile } from '../plugin/contexts.js';
import type { FormatDefinition } from '../plugin/contributions.js';
import type { AnalysisResult } from './analyze.js';
import { WATCHDOG_GRACE_MS, watchRun } from './watchdog.js';

export interface RenderOptions {
  /** Per-format options keyed by format id (validated against the format's optionsSchema). */
  readonly formatOptions?: Readonly<Record<string, Record<string, unknown>>>;
  /** Template overrides by name (mustache formats look here first). */
  readonly templates?: Readonly<Record<string, string>>;
  /** Base name of the output files; defaults to `report`. */
  readonly baseName?: string;
}

/**
 * Renders the frozen report in each requested format, then runs the `render` hook so integrations
 * can add or post-process files. A format renders another (PDF → HTML) through `renderFormat`, and
 * each format renders at most once per call.
 */
export async function renderReport(result: AnalysisResult, formatIds: readonly string[], options: RenderOptions = {}): Promise<RenderedFile[]> {
  const { run, report } = result;
  const cache = new Map<string, Promise<string | Uint8Array>>();
  const resolve = (id: string): FormatDefinition => {
    const format = run.formats.get(id);
    if (!format) {
      const known = [...new Set([...run.formats.values()].map((f) => f.id))].sort().join(', ');
      throw new AutodocError('FORMAT_UNKNOWN', `Unknown format "${id}".`, `Available formats: ${known || 'none (no format plugins configured)'}.`);
    }
    return format;
  };
  const render = (id: string): Promise<string | Uint8Array> => {
    const format = resolve(id);
    let pending = cache.get(format.id);
    if (!pending) {
      result.budget?.check(`rendering ${format.id}`);
      const formatOptions = options.formatOptions?.[format.id] ?? {};
      assertFormatOptions(format, formatOptions);
      pending = Promise.resolve(
        format.render(report, {
          options: formatOptions,
          sections: run.sections,
          template: (name) => options.templates?.[name] ?? format.templates?.[name],
          renderFormat: render,
        }),
      );
      cache.set(format.id, pending);
    }
    return pending;
  };
  // A format or render tap whose promise nothing settles would let the process run out of work and
  // end quietly (exit 0, no file): the watch turns that into an error naming it.
  let step = '';
  const watch = watchRun(() => new AutodocError('PLUGIN_ERROR', `Rendering stopped making progress: ${step} waits on a promise that nothing will settle.`, 'This is a bug in the plugin that provides it; report it to its authors.'));
  // Rendering spends the rest of the run's budget; a format that never returns is stopped as a plugin is.
  const { budget } = result;
  const { onStuck } = result.options;
  if (budget && onStuck && formatIds.length > 0) watch.arm(budget.remainingMs() + WATCHDOG_GRACE_MS, () => budget.stoppedError(), onStuck, budget.memoryWatch());
  const files: RenderedFile[] = [];
  const baseName = options.baseName ?? 'report';
  try {
    for (const id of formatIds) {
      const format = resolve(id);
      step = `format "${format.id}"`;
      files.push({ format: format.id, fileName: `${baseName}.${format.extension}`, contents: await watch.race(() => render(id)) });
    }
    step = 'a tap of the render hook';
    await watch.race(() => run.hooks.render.promise({ report, files, sections: run.sections, options: result.options }));
  } finally {
    watch.stop();
  }
  return files;
}

/** Writes rendered files into `outDir` (created if needed) and runs the `done` hook. */
export async function writeRenderedFiles(result: AnalysisResult, files: readonly RenderedFile[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(outDir, path.basename(file.fileName));
    await writeFile(target, file.contents);
    written.push(target);
  }
  await result.run.hooks.done.promise({ report: result.report, files: [...files], sections: result.run.sections, options: result.options });
  return written;
}
