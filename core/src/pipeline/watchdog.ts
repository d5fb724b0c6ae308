import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';

/**
 * How long the watchdog waits for the main thread to answer its "time is up" before it stops the
 * JavaScript running there: a thread that answers is not stuck, and the answer ends its run.
 */
const ANSWER_MS = 100;

/**
 * A watch is armed to fire this long after the run's budget is spent, so that the cooperative
 * checks, which name the step, end every run that reaches one.
 */
export const WATCHDOG_GRACE_MS = 1_000;

/** Slots of the memory the two threads share. */
const POSTED = 0; // the last expiry the watchdog has posted
const ANSWERED = 1; // the last expiry the main thread has read
const ARMED = 2; // runs armed and not yet stopped

/**
 * The watchdog thread (CommonJS, evaluated by the Worker). It keeps one timer per armed run. When
 * one fires it posts `{ expired: id, seq }` and waits ANSWER_MS for the main thread to store `seq`
 * in the ANSWERED slot. If it does not, and a run is still armed, it asks the main thread's
 * inspector to terminate the JavaScript running there (`Runtime.terminateExecution`): V8 unwinds that
 * execution, uncatchably, and cancels the termination once it has; the main thread then reads the
 * queued message and rejects the run. Without an inspector (a Node built without one) it can only post.
 */
const WATCHDOG_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const shared = new Int32Array(workerData.shared);
const timers = new Map();
let seq = 0;
function terminateMainThread() {
  let inspector;
  try { inspector = require('node:inspector'); } catch { return; }
  const session = new inspector.Session();
  try { session.connectToMainThread(); } catch { return; }
  session.post('Runtime.terminateExecution', () => session.disconnect());
}
parentPort.on('message', (m) => {
  if (m.disarm !== undefined) { clearTimeout(timers.get(m.disarm)); timers.delete(m.disarm); return; }
  timers.set(m.arm, setTimeout(() => {
    timers.delete(m.arm);
    const mine = ++seq;
    Atomics.store(shared, ${POSTED}, mine);
    parentPort.postMessage({ expired: m.arm, seq: mine });
    setTimeout(() => {
      if (Atomics.load(shared, ${ANSWERED}) < mine && Atomics.load(shared, ${ARMED}) > 0) terminateMainThread();
    }, ${ANSWER_MS});
  }, m.ms));
});
`;

interface Watcher {
  readonly worker: Worker;
  readonly shared: Int32Array;
  readonly onExpired: Map<number, () => void>;
}

/** One watchdog thread per process, started by the first run armed (~40 ms of CPU on its own thread, 3–5 ms here). */
let watcher: Watcher | null | undefined;
let nextId = 0;
/** What rejects each run still going: called when the process runs out of work. */
const waitingRuns = new Set<() => void>();
let drainListened = false;

function startWatcher(): Watcher | null {
  const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  // Only the main thread's JavaScript can be stopped this way: a worker thread's inspector (a library
  // user's worker, a test runner's) is out of another worker's reach.
  if (!threads.isMainThread) return null;
  try {
    const shared = new Int32Array(new SharedArrayBuffer(12));
    const worker = new threads.Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { shared: shared.buffer },
      // Not the parent's flags: its --require and loader hooks have nothing to do in a timer thread.
      execArgv: [],
    });
    const onExpired = new Map<number, () => void>();
    worker.on('message', (m: { expired: number; seq: number }) => {
      Atomics.store(shared, ANSWERED, m.seq);
      worker.unref(); // see onEmptyLoop
      onExpired.get(m.expired)?.();
    });
    // A watchdog that fails leaves runs to the cooperative checks; it must not fail them.
    worker.on('error', () => {
      watcher = null;
    });
    // After the listeners, which ref the thread's port: the watchdog never keeps the process alive.
    worker.unref();
    return { worker, shared, onExpired };
  } catch {
    return null;
  }
}

/**
 * The event loop is empty while runs still wait. The watchdog's port is unref'd, so an expiry it
 * posted (a stuck run it has just stopped) may still be unread: the port is ref'd until it is read,
 * which names the right cause. Otherwise the waiting runs wait on nothing.
 */
function onEmptyLoop(): void {
  if (watcher && Atomics.load(watcher.shared, POSTED) > Atomics.load(watcher.shared, ANSWERED)) {
    watcher.worker.ref();
    return;
  }
  for (const drained of waitingRuns) drained();
}

export interface Watch {
  /**
   * `work()`'s promise, or the watch's error when the run cannot end by itself: an armed watch
   * expired (its JavaScript never returned), or the process ran out of work while the run still
   * waited (a promise nothing settles, which would otherwise end the process quietly with exit code
   * 0). `work` starts in a task of its own, after the race is set: a termination unwinds the whole
   * stack it stops (a promise made in that stack stays pending forever) and drops the promise
   * reactions queued behind it, which must not be the caller's (an `await` of a thenable is one).
   */
  race<T>(work: () => T | Promise<T>): Promise<T>;
  /**
   * Ends the run `afterMs` from now, with `timedOut()`, even when its JavaScript never returns: a
   * plugin spinning in a synchronous loop, within one call or after an `await`, where the cooperative
   * budget checks cannot reach it. Where no watchdog can run (not the main thread), the run keeps
   * those checks alone.
   */
  arm(afterMs: number, timedOut: () => Error): void;
  /** Disarms the watch (the run ended); its error can no longer come. */
  stop(): void;
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
    race: (work) => Promise.race([expired, new Promise<void>((resolve) => setImmediate(resolve)).then(work)]),
    arm(afterMs, timedOut) {
      if (watcher === undefined) watcher = startWatcher();
      const current = watcher;
      if (!current || !Number.isFinite(afterMs)) return;
      const id = nextId++;
      current.onExpired.set(id, () => {
        current.onExpired.delete(id);
        Atomics.sub(current.shared, ARMED, 1);
        reject(timedOut());
      });
      Atomics.add(current.shared, ARMED, 1);
      current.worker.postMessage({ arm: id, ms: Math.max(0, afterMs) });
      disarm = () => {
        if (!current.onExpired.delete(id)) return;
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
