/**
 * What DataParallelLM (./data-parallel.ts) and its workers (./data-parallel-worker.ts) share: the slots of the
 * control array and the layout of each worker's input/output buffer (offsets in float64 elements).
 *
 * Legend: P parameter values, n rows of the worker's share, T time steps, L layers, H hidden size.
 */
import type { ParamMap } from '../modules/module';

/** Slots of the shared Int32Array that orders the workers about, and the commands. */
export const Control = {
  /** Bumped by the main thread to start a round; workers wait on it. */
  Generation: 0,
  /** Workers that finished the round; the main thread waits on it. */
  Done: 1,
  /** Work or Quit. */
  Command: 2,
  /** Workers that have started. */
  Ready: 3,
  /** Set by a worker whose round threw (its message follows on its port). */
  Failed: 4,
  Slots: 5,
  Work: 1,
  Quit: 2,
} as const;

/** Where each part of a worker's buffer starts (float64 offsets), and its total size. */
export interface IoLayout {
  /** [rows, T, train (1) or validation (0), dropout seed, dropout on (1)] */
  job: number;
  grads: number;
  loss: number;
  x: number;
  y: number;
  hIn: number;
  cIn: number;
  hOut: number;
  cOut: number;
  size: number;
}

/** The layout for P parameter values, n rows of T steps, L layers of H units. */
export function ioLayout(P: number, n: number, T: number, L: number, H: number): IoLayout {
  const job = 0, grads = 5, loss = grads + P, x = loss + 1, y = x + n * T, hIn = y + n * T;
  const cIn = hIn + L * n * H, hOut = cIn + L * n * H, cOut = hOut + L * n * H;
  return { job, grads, loss, x, y, hIn, cIn, hOut, cOut, size: cOut + L * n * H };
}

/** The number of values in all parameters. */
export function paramCount(params: ParamMap): number {
  return Object.values(params).reduce((n, p) => n + p.size, 0);
}
