/**
 * Runs one command in a fresh process and measures wall time and peak RSS.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the child's ru_maxrss; `timeout` in between
 * adds a ~2 MB process, and ru_maxrss of waited-for children is the largest one, so it does not add
 * up). Without GNU time, a Python wrapper reads `getrusage(RUSAGE_CHILDREN)` instead (Node cannot read
 * a child's rusage). Wall time is taken here with a monotonic clock around the spawn, so it has
 * sub-millisecond resolution (GNU time's %e has 10 ms) and includes the ~1 ms of the wrappers.
 * stdout goes to /dev/null, as in `autodoc analyze m --json > /dev/null`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const RUSAGE_PY = `import resource, subprocess, sys
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL).returncode
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], 'w').write('%d %d %f %f\\n' % (r, u.ru_maxrss, u.ru_utime, u.ru_stime))
sys.exit(r)`;

/** How peak RSS is measured on this machine. */
export const rssMethod = existsSync(GNU_TIME) ? 'GNU time %M (ru_maxrss)' : 'python3 getrusage(RUSAGE_CHILDREN)';

/**
 * Runs `cmd args` once under a `timeout` of `timeoutS` seconds. Returns `{ wall, cpu, rssMB, status,
 * detail }` (cpu: user + system seconds of the process tree, less sensitive than wall time to other
 * load on a shared machine) where status is 'ok', 'timeout' or 'exit N' and detail is the last stderr line on failure.
 */
export function measureOnce(cmd, args, { timeoutS = 300, cwd } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'autodoc-bench-'));
  const out = join(dir, 'rusage.txt');
  const inner = ['timeout', '-k', '5', String(timeoutS), cmd, ...args];
  const [wrapper, wrapperArgs] = existsSync(GNU_TIME) ? [GNU_TIME, ['-f', '%x %M %U %S', '-o', out, ...inner]] : ['python3', ['-c', RUSAGE_PY, out, ...inner]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(wrapper, wrapperArgs, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let code = r.status ?? -1;
  let rssKB = Number.NaN;
  let cpu = Number.NaN;
  try {
    // GNU time writes "Command exited with non-zero status N" first on failure; the figures are last.
    const last = readFileSync(out, 'utf8').trim().split('\n').pop().trim().split(/\s+/);
    code = Number(last[0]);
    rssKB = Number(last[1]);
    cpu = Number(last[2]) + Number(last[3]);
  } catch {
    // the wrapper itself failed; keep spawnSync's status
  }
  rmSync(dir, { recursive: true, force: true });
  const stderr = (r.stderr ?? Buffer.alloc(0)).toString('utf8').trim();
  const status = code === 0 ? 'ok' : code === 124 || code === 137 ? 'timeout' : `exit ${code}`;
  const detail = status === 'ok' ? undefined : stderr.split('\n').filter(Boolean).pop()?.slice(0, 200);
  return { wall, cpu, rssMB: rssKB / 1024, status, detail };
}

/** The median of numbers (mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Summarises the samples of one command (measureOnce, fresh processes, in the order they ran):
 * medians of wall, CPU and peak RSS over the successful runs, min/max wall, and the first failure.
 */
export function summarize(samples) {
  const failure = samples.find((s) => s.status !== 'ok');
  const ok = samples.filter((s) => s.status === 'ok');
  return {
    runs: samples.length,
    okRuns: ok.length,
    wall: ok.length ? median(ok.map((s) => s.wall)) : undefined,
    wallMin: ok.length ? Math.min(...ok.map((s) => s.wall)) : undefined,
    wallMax: ok.length ? Math.max(...ok.map((s) => s.wall)) : undefined,
    cpu: ok.length ? median(ok.map((s) => s.cpu)) : undefined,
    rssMB: ok.length ? median(ok.map((s) => s.rssMB)) : undefined,
    status: failure ? failure.status : 'ok',
    detail: failure?.detail,
    samples: samples.map((s) => ({ wall: Number(s.wall.toFixed(4)), cpu: Number(s.cpu.toFixed(2)), rssMB: Number(s.rssMB.toFixed(1)), status: s.status })),
  };
}
