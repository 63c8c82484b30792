/**
 * Sending rich output from a notebook cell: one display made of several representations (a MIME bundle), shown once
 * or updated in place. It goes through tslab's display API (the `bundle` method is the project's tslab patch), so it
 * works only inside the tslab kernel; everything that builds a bundle is plain data and testable anywhere.
 */

/** One display's representations, keyed by MIME type; JSON types take objects. */
export type MimeBundle = Record<string, string | object>;

type TslabDisplay = { bundle(data: MimeBundle, metadata?: Record<string, unknown>): void };

/** tslab's display module, loaded when first needed (it pulls in a TypeScript compiler, so not at import time). */
function tslab(): { display: TslabDisplay; newDisplay(): TslabDisplay } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('tslab') as { display: TslabDisplay; newDisplay(): TslabDisplay };
  } catch (error) {
    throw new Error(`display: the tslab kernel is not available (${(error as Error).message}); displays work only in a notebook`);
  }
}

/** Shows `bundle` as a new output of the running cell. */
export function display(bundle: MimeBundle, metadata?: Record<string, unknown>): void {
  tslab().display.bundle(bundle, metadata);
}

/** An output that can be replaced in place: the first `show` creates it, each later one updates it (display ids). */
export interface UpdatableDisplay {
  show(bundle: MimeBundle, metadata?: Record<string, unknown>): void;
}

/** A new output slot in the running cell, to show and then update. */
export function updatableDisplay(): UpdatableDisplay {
  const slot = tslab().newDisplay();
  return { show: (bundle, metadata) => slot.bundle(bundle, metadata) };
}
