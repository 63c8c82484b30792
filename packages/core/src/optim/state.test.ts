import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { tensor } from '../tensor/tensor';
import { Adam } from './adam';
import type { OptimizerState } from './optimizer';
import { SGD } from './sgd';

/** A valid Adam state after one step on { W: [2], b: [1] }. */
function adamState(): OptimizerState {
  const adam = new Adam({ learningRate: 0.1 });
  adam.step({ W: tensor([1, 2]), b: tensor([3]) }, { W: tensor([0.1, -0.2]), b: tensor([0.3]) });
  return adam.getState();
}

function rejects(edit: (s: OptimizerState) => void, error: Error): void {
  const state = adamState();
  edit(state);
  const adam = new Adam({ learningRate: 0.5 });
  expect(() => adam.setState(state)).toThrow(error);
  expect(adam.learningRate).toBe(0.5);
  expect(adam.stepCount).toBe(0);
}

describe('setState validates the whole state before using any of it', () => {
  it('a state from another optimizer is refused', () => {
    expect(() => new SGD({ learningRate: 1 }).setState(adamState())).toThrow(
      new ValueError("SGD.setState: state.name is 'adam', expected 'sgd' (state from another optimizer)"),
    );
    expect(() => new Adam({ learningRate: 1 }).setState(undefined as never)).toThrow(
      new ValueError('Adam.setState: state must be an object from getState(), got undefined'),
    );
  });

  it('hyper-parameters must be exactly the optimizer’s, each in range', () => {
    rejects((s) => delete s.hyperParams.beta2, new ValueError('Adam.setState: state.hyperParams has [learningRate, beta1, epsilon], expected [learningRate, beta1, beta2, epsilon]'));
    rejects((s) => (s.hyperParams.learningRate = -1), new ValueError('Adam.setState: state.hyperParams.learningRate is -1, expected a finite number > 0'));
    rejects((s) => (s.hyperParams.beta1 = null as never), new ValueError('Adam.setState: state.hyperParams.beta1 is null, expected a number in [0, 1)'));
  });

  it('the step count must be a non-negative integer', () => {
    rejects((s) => (s.stepCount = 1.5), new ValueError('Adam.setState: state.stepCount is 1.5, expected a non-negative integer'));
  });

  it('slots must be the optimizer’s slot names, over the same parameters, with data matching each shape', () => {
    rejects((s) => delete (s.slots as Record<string, unknown>).v, new ValueError('Adam.setState: state.slots has [m], expected [m, v]'));
    rejects((s) => (s.slots = null as never), new ValueError('Adam.setState: state.slots must be an object, got null'));
    rejects((s) => delete s.slots.v.b, new ValueError('Adam.setState: state.slots.v holds [W], expected the parameters of state.slots.m ([W, b])'));
    rejects((s) => s.slots.m.W.data.push(0), new ShapeError('Adam.setState: state.slots.m.W.data has 3 values, expected 2 (product of shape [2])'));
    rejects(
      (s) => (s.slots.v.W = { shape: [1, 2], data: [0, 0] }),
      new ShapeError('Adam.setState: state.slots.v.W.shape is [1, 2], expected [2] (shape of state.slots.m.W)'),
    );
    rejects((s) => (s.slots.m.b.data[0] = null as never), new ValueError('Adam.setState: state.slots.m.b.data[0] is null, expected a finite number'));
    rejects((s) => (s.slots.m.b.shape = [-1]), new ValueError('Adam.setState: state.slots.m.b.shape is [-1], expected non-negative integers'));
    rejects((s) => (s.slots.m.b = [0] as never), new ValueError('Adam.setState: state.slots.m.b must be { shape: number[], data: number[] }'));
  });

  it('slots restored for one shape refuse params of another at the next step', () => {
    const adam = new Adam({ learningRate: 0.1 });
    adam.setState(adamState());
    expect(() => adam.step({ W: tensor([1, 2, 3]), b: tensor([3]) }, { W: tensor([0, 0, 0]), b: tensor([0]) })).toThrow(
      new ShapeError('Adam.step: params.W has shape [3], expected [2] (shape of its optimizer slots)'),
    );
  });
});
