/**
 * The check each recurrent layer's backward makes on its cache: that it is what the matching forward returned, an
 * object with a tensor under every field the backward reads. The message names the first field that is missing.
 */
import { ValueError } from '../errors';
import { Tensor } from '../tensor/tensor';

/**
 * Throws ValueError `<fn>: cache is not a cache returned by <from> (no tensor <field>)` unless `cache` is an object
 * holding a Tensor under each of `fields` (for a non-object, the first field is named). Returns the cache's fields.
 */
export function checkCacheTensors(fn: string, cache: unknown, fields: string[], from: string): Record<string, unknown> {
  const c = cache as Record<string, unknown> | null;
  const missing = typeof c !== 'object' || c === null ? fields[0] : fields.find((f) => !(c[f] instanceof Tensor));
  if (missing !== undefined) throw new ValueError(`${fn}: cache is not a cache returned by ${from} (no tensor ${missing})`);
  return c as Record<string, unknown>;
}
