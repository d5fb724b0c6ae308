import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';

/**
 * How long the watchdog waits for the main thread to answer its "time is up" before it calls the
 * run's `onStuck` there: a thread that answers is not stuck, and the answer ends its run.
 */
const ANSWER_MS = 100;

/**
 * A watch is armed to fire this long after the run's budget is spent, so that the cooperative
 * checks, which name the step, end every run that reaches one.
 */
export const WATCHDOG_GRACE_MS = 1_000;

/** How often the watchdog reads the process's resident set while a run with a memory limit is armed. */
const MEMORY_POLL_MS = 50;

/**
 * Resident memory a run may hold past its limit before the watchdog asks the main thread: the limit
 * is on the heap and external memory, the resident set also counts native allocations that come and go.
 */
const RESIDENT_MARGIN_BYTES = 64 * 2 ** 20;

/** Slots of the memory the two threads share. */
const ANSWERED = 0; // the last expiry the main thread has read
const ARMED = 1; // runs armed and not yet stopped

/** The global through which the watchdog reaches a stuck main thread: our two threads' only meeting point. */
const STUCK_HOOK = '@autodoc/core.stuck-run';

/**
 * The watchdog thread (CommonJS, evaluated by the Worker). It keeps one timer per armed run, and
 * reads the resident set every MEMORY_POLL_MS for runs with a memory watch. When a run's timer fires
 * or its memory threshold is passed, it posts `{ expired: id, kind, seq }` and waits ANSWER_MS for
 * the main thread to store `seq` in the ANSWERED slot. If it does not, and a run is still armed, the
 * main thread is stuck in JavaScript: the watchdog connects to its inspector (`connectToMainThread`,
 * no port) and evaluates `globalThis[Symbol.for(STUCK_HOOK)](id, kind)`. The inspector runs that on
 * the main thread at its next interrupt check, inside the stuck code, and the run's `onStuck` ends
 * the process from there (or, for a memory alarm the heap does not bear out, it returns).
 * (`Runtime.terminateExecution` was tried first: it unwinds the stuck code, but V8 then drops the
 * promise reactions queued behind it, and inside a timer or nextTick callback Node aborts on its
 * unbalanced async-id stack; see ADR 0007.) Without an inspector it can only post.
 */
const WATCHDOG_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const shared = new Int32Array(workerData.shared);
const timers = new Map();
const residentLimits = new Map();
let poll;
let seq = 0;
function stopStuckRun(id, kind) {
  let inspector;
  try { inspector = require('node:inspector'); } catch { return; }
  const session = new inspector.Session();
  try { session.connectToMainThread(); } catch { return; }
  // The hook ends the process, or returns (a memory alarm the heap does not bear out): then the
  // session goes, or Node would wait for it at exit ("Waiting for the debugger to disconnect").
  session.post('Runtime.evaluate', { expression: 'globalThis[Symbol.for(' + JSON.stringify('${STUCK_HOOK}') + ')](' + id + ', ' + JSON.stringify(kind) + ')' }, () => session.disconnect());
}
function unwatchMemory(id) {
  residentLimits.delete(id);
  if (residentLimits.size === 0 && poll !== undefined) { clearInterval(poll); poll = undefined; }
}
function watchMemory(id, memory) {
  // What the process holds besides the run's heap and external memory (code, Node, native) stays;
  // the run may add its limit on top, and a margin. Read here, off the main thread: reading the
  // resident set waits while other threads map memory.
  const overhead = Math.max(0, process.memoryUsage.rss() - memory.usedBytes);
  residentLimits.set(id, overhead + memory.limitBytes + ${RESIDENT_MARGIN_BYTES});
  poll ??= setInterval(readResident, ${MEMORY_POLL_MS});
}
function forget(id) {
  clearTimeout(timers.get(id));
  timers.delete(id);
  unwatchMemory(id);
}
function expire(id, kind) {
  // Past its memory threshold a run keeps its timer: the main thread judges by its heap, and a
  // resident set grown by other means only moves the threshold (a 'rebase' message).
  if (kind === 'memory') unwatchMemory(id);
  else forget(id);
  const mine = ++seq;
  parentPort.postMessage({ expired: id, kind, seq: mine });
  setTimeout(() => {
    if (Atomics.load(shared, ${ANSWERED}) < mine && Atomics.load(shared, ${ARMED}) > 0) stopStuckRun(id, kind);
  }, ${ANSWER_MS});
}
function readResident() {
  const resident = process.memoryUsage.rss();
  for (const [id, limit] of residentLimits) if (resident > limit) expire(id, 'memory');
}
parentPort.on('message', (m) => {
  if (m.disarm !== undefined) { forget(m.disarm); return; }
  if (m.rebase !== undefined) { if (timers.has(m.rebase)) watchMemory(m.rebase, m.memory); return; }
  timers.set(m.arm, setTimeout(() => expire(m.arm, 'time'), m.ms));
  if (m.memory) watchMemory(m.arm, m.memory);
});
`;

/** Why the watchdog stops a run: its time budget, or its memory limit. */
type ExpiryKind = 'time' | 'memory';

interface Watcher {
  readonly worker: Worker;
  readonly shared: Int32Array;
  /** By armed run: what its expiry does when the main thread reads it (the run is not stuck). */
  readonly onExpired: Map<number, (kind: ExpiryKind) => void>;
  /** By armed run: its `onStuck`, called by the watchdog through STUCK_HOOK (returns on a false memory alarm). */
  readonly onStuck: Map<number, (kind: ExpiryKind) => void>;
}

/** One watchdog thread per process, started by the first run armed (~40 ms of CPU on its own thread, 3–5 ms here). */
let watcher: Watcher | null | undefined;
let nextId = 0;
/** What rejects each run still going: called when the process runs out of work. */
const waitingRuns = new Set<() => void>();
let drainListened = false;

function startWatcher(): Watcher | null {
  const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  // Only the main thread can be reached this way: a worker thread's inspector (a library user's
  // worker, a test runner's) is out of another worker's reach.
  if (!threads.isMainThread) return null;
  try {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const worker = new threads.Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { shared: shared.buffer },
      // Not the parent's flags: its --require and loader hooks have nothing to do in a timer thread.
      execArgv: [],
    });
    const onExpired = new Map<number, (kind: ExpiryKind) => void>();
    const onStuck = new Map<number, (kind: ExpiryKind) => void>();
    (globalThis as Record<symbol, unknown>)[Symbol.for(STUCK_HOOK)] = (id: number, kind: ExpiryKind) => onStuck.get(id)?.(kind);
    worker.on('message', (m: { expired: number; kind: ExpiryKind; seq: number }) => {
      Atomics.store(shared, ANSWERED, m.seq);
      onExpired.get(m.expired)?.(m.kind);
    });
    // A watchdog that fails leaves runs to the cooperative checks; it must not fail them.
    worker.on('error', () => {
      watcher = null;
    });
    // After the listeners, which ref the thread's port: the watchdog never keeps the process alive.
    worker.unref();
    return { worker, shared, onExpired, onStuck };
  } catch {
    return null;
  }
}

/** The event loop is empty while runs still wait: they wait on nothing. */
function onEmptyLoop(): void {
  for (const drained of waitingRuns) drained();
}

export interface Watch {
  /**
   * `work()`'s promise, or the watch's error when the run cannot end by itself: an armed watch
   * expired while the run waited, or the process ran out of work while the run still waited (a
   * promise nothing settles, which would otherwise end the process quietly with exit code 0).
   */
  race<T>(work: () => T | Promise<T>): Promise<T>;
  /**
   * Ends the run `afterMs` from now with `timedOut()`: through `race` when the main thread reads the
   * expiry, else, when its JavaScript never returns (a plugin spinning in a loop, in one call or
   * after an `await`, where the cooperative budget checks cannot reach it), by calling
   * `onStuck(timedOut())` on the main thread, inside the stuck code, which must end the process.
   * Where no watchdog can run (not the main thread), the run keeps the cooperative checks alone.
   */
  arm<E extends Error>(afterMs: number, timedOut: () => E, onStuck: (error: E) => never, memory?: MemoryWatch<E>): void;
  /** Disarms the watch (the run ended); its error can no longer come. */
  stop(): void;
}

/**
 * A memory limit the watchdog keeps as well (optional): a run whose JavaScript never returns while it
 * allocates would otherwise meet V8's heap limit, which aborts the process with a native stack trace.
 * The watchdog reads the process's resident set every 50 ms; once it holds more than `limitBytes`
 * (+ RESIDENT_MARGIN_BYTES) over what the process held besides `used()` when the watch was armed,
 * the main thread asks `exceeded()` (answering, or stuck, through the inspector as for time). An
 * error stops the run as for its time; none (the resident set grew, the heap did not: pages the
 * collector keeps, native memory) moves the threshold to what the process holds now.
 */
export interface MemoryWatch<E extends Error> {
  readonly limitBytes: number;
  /** The run's heap and external memory now (what the limit counts), read when armed and after a false alarm. */
  readonly used: () => number;
  /** The error when the run's memory is past its limit now, else undefined; `stuck`: its JavaScript has not returned. */
  readonly exceeded: (stuck: boolean) => E | undefined;
}

/** What the watchdog thread needs of a memory watch (functions do not cross threads). */
function limitsOf(memory: MemoryWatch<Error>): { usedBytes: number; limitBytes: number } {
  return { usedBytes: memory.used(), limitBytes: memory.limitBytes };
}

/**
 * A watch for one run (or one step of it), not yet armed (arming starts the watchdog thread if none
 * runs). `stalled`: the error of a run left waiting on nothing.
 */
export function watchRun(stalled: () => Error): Watch {
  let reject: (error: Error) => void = () => {};
  const expired = new Promise<never>((_, r) => {
    reject = r;
  });
  // Nobody awaits it once the run has ended: its rejection is no unhandled rejection.
  expired.catch(() => {});
  const onDrained = (): void => reject(stalled());
  waitingRuns.add(onDrained);
  if (!drainListened) {
    // 'beforeExit' comes when the event loop is empty; a rejection gives it work again. One listener
    // for all runs: a library analysing many models at once would pass Node's listener limit.
    process.on('beforeExit', onEmptyLoop);
    drainListened = true;
  }
  let disarm = (): void => {};
  return {
    race: (work) => Promise.race([expired, Promise.resolve().then(work)]),
    arm<E extends Error>(afterMs: number, timedOut: () => E, onStuck: (error: E) => never, memory?: MemoryWatch<E>) {
      if (watcher === undefined) watcher = startWatcher();
      const current = watcher;
      if (!current || !Number.isFinite(afterMs)) return;
      const id = nextId++;
      /** The run's error, or undefined for a memory alarm its heap does not bear out (threshold moved). */
      const errorOf = (kind: ExpiryKind, stuck: boolean): E | undefined => {
        if (kind === 'time' || !memory) return timedOut();
        const error = memory.exceeded(stuck);
        if (!error) current.worker.postMessage({ rebase: id, memory: limitsOf(memory) });
        return error;
      };
      current.onExpired.set(id, (kind) => {
        const error = errorOf(kind, false);
        if (!error) return;
        disarm();
        reject(error);
      });
      current.onStuck.set(id, (kind) => {
        const error = errorOf(kind, true);
        // A false alarm returns into the code it interrupted.
        if (error) onStuck(error);
      });
      Atomics.add(current.shared, ARMED, 1);
      current.worker.postMessage({ arm: id, ms: Math.max(0, afterMs), memory: memory && limitsOf(memory) });
      disarm = () => {
        if (!current.onExpired.delete(id)) return;
        current.onStuck.delete(id);
        Atomics.sub(current.shared, ARMED, 1);
        current.worker.postMessage({ disarm: id });
      };
    },
    stop: () => {
      waitingRuns.delete(onDrained);
      disarm();
    },
  };
}
