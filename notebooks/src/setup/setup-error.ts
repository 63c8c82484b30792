/** A setup step failed for a reason the user can fix; the message is one line saying what to do. */
export class SetupError extends Error {
  override name = 'SetupError';
}
