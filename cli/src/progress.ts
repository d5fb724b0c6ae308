import type { CommandIO } from './analyze-command.js';

export interface Progress {
  step<T>(title: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Progress on stderr: listr2's live task list on a TTY (its output redirected to stderr so stdout
 * stays clean), plain timed lines otherwise, nothing with --quiet or --json. listr2 is imported only
 * on a TTY, keeping non-interactive start-up lean.
 */
export function createProgress(io: CommandIO, silent: boolean): Progress {
  if (silent) return { step: (_title, work) => work() };
  const interactive = io.isTTY && (io.stderr as NodeJS.WriteStream).isTTY === true;
  if (!interactive) {
    return {
      async step(title, work) {
        const started = performance.now();
        const result = await work();
        io.stderr.write(`autodoc: ${title} (${Math.round(performance.now() - started)} ms)\n`);
        return result;
      },
    };
  }
  return {
    async step(title, work) {
      const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
      const stderr = io.stderr as NodeJS.WriteStream;
      let result: Awaited<ReturnType<typeof work>> | undefined;
      await new Listr([{ title, task: async () => void (result = await work()) }], {
        exitOnError: true,
        registerSignalListeners: false,
        rendererOptions: { logger: new ListrLogger({ processOutput: new ProcessOutput(stderr, stderr) }) },
      }).run();
      return result as Awaited<ReturnType<typeof work>>;
    },
  };
}
