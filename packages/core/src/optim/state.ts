/**
 * Validation for optimizer hyper-parameters and for the JSON state an optimizer saves (see ./optimizer.ts), kept
 * apart so the base class reads as the bookkeeping it does. A state from a checkpoint is untrusted input: every field
 * is checked before any of it replaces the optimizer's own state.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { shapeSize } from '../tensor/tensor';

/** One slot buffer as saved: the parameter's shape and its values in row-major order. */
export interface SlotState {
  shape: number[];
  data: number[];
}

/** A hyper-parameter: its name, default, and allowed range ('positive': finite > 0; 'unit': in [0, 1)). */
export interface HyperParamSpec {
  name: string;
  defaultValue?: number;
  range: 'positive' | 'unit';
}

/** Returns `value` if it is allowed by `spec`, else throws a ValueError naming `fn` and the hyper-parameter. */
export function checkHyperParam(fn: string, spec: HyperParamSpec, value: unknown, prefix = ''): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (spec.range === 'positive' ? value > 0 : value >= 0 && value < 1);
  if (!ok) {
    const expected = spec.range === 'positive' ? 'a finite number > 0' : 'a number in [0, 1)';
    throw new ValueError(`${fn}: ${prefix}${spec.name} is ${String(value)}, expected ${expected}`);
  }
  return value as number;
}

/** Slot buffers by parameter name, as the optimizer keeps them. */
export type SlotBuffers = Map<string, { shape: readonly number[]; buffers: Float64Array[] }>;

/**
 * Checks `state.slots` against the optimizer's slot names (exactly those keys; every slot holds the same parameter
 * names with the same shapes; data has as many finite values as the shape says) and returns fresh buffers.
 */
export function checkStateShape(fn: string, slots: unknown, slotNames: readonly string[]): SlotBuffers {
  if (typeof slots !== 'object' || slots === null || Array.isArray(slots)) {
    throw new ValueError(`${fn}: state.slots must be an object, got ${slots === null ? 'null' : typeof slots}`);
  }
  const given = slots as Record<string, unknown>;
  const keys = Object.keys(given);
  if (keys.length !== slotNames.length || !keys.every((k) => slotNames.includes(k))) {
    throw new ValueError(`${fn}: state.slots has [${keys.join(', ')}], expected [${slotNames.join(', ')}]`);
  }
  const result: SlotBuffers = new Map();
  slotNames.forEach((slot, k) => {
    const perParam = given[slot];
    if (typeof perParam !== 'object' || perParam === null || Array.isArray(perParam)) {
      throw new ValueError(`${fn}: state.slots.${slot} must be an object of { shape, data } by parameter name`);
    }
    const names = Object.keys(perParam);
    if (k > 0 && (names.length !== result.size || !names.every((n) => result.has(n)))) {
      throw new ValueError(
        `${fn}: state.slots.${slot} holds [${names.join(', ')}], expected the parameters of state.slots.${slotNames[0]} ([${[...result.keys()].join(', ')}])`,
      );
    }
    for (const name of names) {
      const arg = `state.slots.${slot}.${name}`;
      const { shape, buffer } = checkSlot(fn, arg, (perParam as Record<string, unknown>)[name]);
      if (k === 0) {
        result.set(name, { shape, buffers: [buffer] });
        continue;
      }
      const entry = result.get(name)!;
      if (entry.shape.length !== shape.length || entry.shape.some((d, i) => d !== shape[i])) {
        throw new ShapeError(
          `${fn}: ${arg}.shape is ${formatShape(shape)}, expected ${formatShape(entry.shape)} (shape of state.slots.${slotNames[0]}.${name})`,
        );
      }
      entry.buffers.push(buffer);
    }
  });
  return result;
}

function checkSlot(fn: string, arg: string, value: unknown): { shape: number[]; buffer: Float64Array } {
  const slot = value as Partial<SlotState> | null;
  if (typeof slot !== 'object' || slot === null || !Array.isArray(slot.shape) || !Array.isArray(slot.data)) {
    throw new ValueError(`${fn}: ${arg} must be { shape: number[], data: number[] }`);
  }
  const shape = slot.shape;
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ValueError(`${fn}: ${arg}.shape is [${shape.join(', ')}], expected non-negative integers`);
  }
  if (slot.data.length !== shapeSize(shape)) {
    throw new ShapeError(
      `${fn}: ${arg}.data has ${slot.data.length} values, expected ${shapeSize(shape)} (product of shape ${formatShape(shape)})`,
    );
  }
  const buffer = new Float64Array(slot.data.length);
  slot.data.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValueError(`${fn}: ${arg}.data[${i}] is ${String(v)}, expected a finite number`);
    }
    buffer[i] = v;
  });
  return { shape: [...shape], buffer };
}
