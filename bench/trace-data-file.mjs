/**
 * Checks that a command never reads a given file (the external-data file of a model): runs it once
 * under `strace -f -y` and counts the `openat` calls naming the file and the bytes returned by `read`,
 * `pread64`, `readv` and `preadv` on descriptors that strace resolves to it. `stat` and `realpath` are
 * not reads and are allowed. Returns undefined when strace is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STRACE = ['/usr/bin/strace', '/bin/strace'].find((p) => existsSync(p));

/** `{ opens, reads, bytes, status }` for `file` while running `cmd args`, or undefined without strace. */
export function traceFileReads(cmd, args, file, { timeoutS = 300, cwd } = {}) {
  if (!STRACE) return undefined;
  const target = realpathSync(file);
  const dir = mkdtempSync(join(tmpdir(), 'autodoc-strace-'));
  const log = join(dir, 'trace.txt');
  const r = spawnSync(STRACE, ['-f', '-y', '-qq', '-e', 'trace=openat,open,read,pread64,readv,preadv', '-o', log, cmd, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: timeoutS * 1000,
  });
  const lines = readFileSync(log, 'utf8').split('\n');
  rmSync(dir, { recursive: true, force: true });
  let opens = 0;
  let reads = 0;
  let bytes = 0;
  // With -f a call can be split: "pid read(7</path>, <unfinished ...>" … "pid <... read resumed>...) = n".
  const pending = new Set();
  for (const line of lines) {
    const pid = line.split(/\s+/, 1)[0];
    // The path may be given relative; with -y the returned descriptor shows the resolved one.
    if (/\b(openat|open)\(/.test(line) && (line.includes(`"${target}"`) || line.includes(`<${target}>`))) opens++;
    const isRead = /\b(read|pread64|readv|preadv)\(\d+</.test(line) && line.includes(`<${target}>`);
    if (isRead && line.includes('<unfinished')) {
      pending.add(pid);
      continue;
    }
    const resumed = /<\.\.\. (read|pread64|readv|preadv) resumed>/.test(line) && pending.delete(pid);
    if (isRead || resumed) {
      reads++;
      const m = /= (\d+)/.exec(line.slice(line.lastIndexOf(')')));
      if (m) bytes += Number(m[1]);
    }
  }
  return { opens, reads, bytes, status: r.status === 0 ? 'ok' : `exit ${r.status}` };
}
