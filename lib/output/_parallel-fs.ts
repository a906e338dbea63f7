import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

/**
 * File system work shared by the calling thread and a worker thread, for output folders of thousands of files:
 * creating and deleting files is mostly kernel time, which the second core of a small CI machine can do in
 * parallel. Everything stays synchronous for the caller: `finish()` blocks until the worker is done and throws
 * its first error. Small jobs never start a worker.
 *
 * @internal
 */
export class ParallelFs {
  private static readonly BATCH = 64;
  /** How many compared writes may wait for the worker before the calling thread does them itself (bounds memory). */
  private static readonly MAX_IN_FLIGHT = 1024;

  private worker?: Worker;
  private state?: Int32Array;
  private errors?: MessageChannel;
  private batch: Array<[string, string | null, boolean]> = [];
  private count = 0;
  private queued = 0;
  private readonly made = new Set<string>();

  /**
   * @param threshold how many items (files to write, folders to remove) the calling thread does alone before a
   *   worker is worth its start-up (about 30 ms)
   * @param background whether every item goes to the worker, in small batches, leaving the calling thread free
   */
  constructor(private readonly threshold = 256, private readonly background = false) {}

  /**
   * Writes `content` to the absolute path `file`, creating its folder.
   *
   * @param unlessUnchanged the file exists (in a folder that exists): it is read first, and left as it is (not
   *   written, its modification time kept) when it already holds `content`
   */
  public write(file: string, content: string, unlessUnchanged = false): void {
    this.dispatch(file, content, unlessUnchanged);
  }

  /** Removes the folder or file `target` and everything below it. */
  public remove(target: string): void {
    this.dispatch(target, null, false);
  }

  /** Waits until every write and removal is done. @throws the first error, if any */
  public finish(): void {
    let error: unknown;
    // Items still queued are written here when they are too few to start a worker for.
    if (!this.worker) {
      for (const [target, content, compare] of this.batch) doWork(fs, path, target, content, compare, this.made);
      this.batch = [];
    }
    if (this.worker && this.state && this.errors) {
      this.flush();
      this.worker.postMessage('end');
      // [0]: done; [1]: items handled. A worker that handles nothing for a minute has died (it cannot say so).
      while (Atomics.load(this.state, 0) === 0) {
        const handled = Atomics.load(this.state, 1);
        if (Atomics.wait(this.state, 0, 0, 60_000) === 'timed-out' && Atomics.load(this.state, 1) === handled) {
          error = new Error('the thread writing the output stopped responding');
          break;
        }
      }
      const received = receiveMessageOnPort(this.errors.port1) as { message: { message: string; code?: string; path?: string } } | undefined;
      // The worker's error as the calling thread's would be: with its code and path.
      if (received && !error) error = Object.assign(new Error(received.message.message), { code: received.message.code, path: received.message.path });
      this.errors.port1.close();
      this.worker = undefined;
    }
    if (error) throw error;
  }

  /**
   * Once there is enough work: half of it (every other item, in batches) goes to the worker, and every write that
   * compares first (mostly reading, which leaves the calling thread free to produce the next files).
   */
  private dispatch(target: string, content: string | null, compare: boolean): void {
    this.count++;
    const toWorker = this.background ||
      (this.count > this.threshold && (this.count % 2 === 0 || (compare && this.inFlight() < ParallelFs.MAX_IN_FLIGHT)));
    if (toWorker) {
      this.queued++;
      this.batch.push([target, content, compare]);
      if (this.batch.length >= (this.background ? 1 : ParallelFs.BATCH)) this.flush();
      return;
    }
    doWork(fs, path, target, content, compare, this.made);
  }

  /** Items handed to the worker (or queued for it) that it has not handled yet. */
  private inFlight(): number {
    return this.state ? this.queued - Atomics.load(this.state, 1) : this.queued;
  }

  /** Hands the items queued for the worker over now. */
  private flush(): void {
    if (this.batch.length === 0) return;
    this.startWorker().postMessage(this.batch);
    this.batch = [];
  }

  private startWorker(): Worker {
    if (!this.worker) {
      this.state = new Int32Array(new SharedArrayBuffer(8));
      this.errors = new MessageChannel();
      // Plain JavaScript with no loader: `execArgv: []` keeps a TypeScript loader (`-r ...`) out of the thread.
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: { state: this.state, errors: this.errors.port2 },
        transferList: [this.errors.port2],
      });
      this.worker.unref();
    }
    return this.worker;
  }
}

/**
 * One item of work, as JavaScript source shared by both threads (the worker runs plain JavaScript, with no
 * TypeScript loader): writes `content` to `target` (unless `compare` and the file already holds it), or removes
 * `target` when `content` is null. `made`: the folders this thread has made (each once, not once per file).
 */
const DO_WORK_SOURCE = `function doWork(fs, path, target, content, compare, made) {
  if (content === null) {
    fs.rmSync(target, { recursive: true, force: true });
    return;
  }
  if (compare) {
    let current;
    try {
      current = fs.readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) return;
  } else {
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
  }
  try {
    fs.writeFileSync(target, content, 'utf8');
  } catch (e) {
    // Errors of writing (ENOSPC) name no file: name it.
    if (e && !e.path) e.path = target;
    throw e;
  }
}`;

type DoWork = (fsModule: typeof fs, pathModule: typeof path, target: string, content: string | null, compare: boolean, made: Set<string>) => void;

// The calling thread compiles the same source as the worker, so that the two cannot drift apart.
const doWork = new Function(`return ${DO_WORK_SOURCE}`)() as DoWork;

const WORKER_SOURCE = `
const fs = require('fs');
const path = require('path');
const { parentPort, workerData } = require('worker_threads');
${DO_WORK_SOURCE}
let failed = false;
const made = new Set();
const fail = (e) => {
  if (!failed) workerData.errors.postMessage({ message: e && e.message ? e.message : String(e), code: e && e.code, path: e && e.path });
  failed = true;
};
const done = () => {
  Atomics.store(workerData.state, 0, 1);
  Atomics.notify(workerData.state, 0);
  parentPort.close();
};
process.on('uncaughtException', (e) => { fail(e); done(); });
parentPort.on('message', (message) => {
  if (message === 'end') return done();
  for (const [target, content, compare] of message) {
    Atomics.add(workerData.state, 1, 1);
    if (failed) continue;
    try {
      doWork(fs, path, target, content, compare, made);
    } catch (e) {
      fail(e);
    }
  }
});
`;

/**
 * Removes the folder `dir` and everything below it, sharing the work with a worker thread when it is large: its
 * sub-folders (or, when it has only a few, theirs) are removed in parallel, then what is left.
 *
 * @internal
 */
export function removeFolder(dir: string): void {
  const subfolders = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(d, e.name));
  let folders = subfolders(dir);
  if (folders.length < 8) folders = folders.flatMap(subfolders);
  const parallel = new ParallelFs(4);
  for (const folder of folders) parallel.remove(folder);
  parallel.finish();
  fs.rmSync(dir, { recursive: true, force: true });
}
