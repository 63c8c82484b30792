import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { tensor } from '../tensor/tensor';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { createOptimizer, optimizerFromState } from './create';
import { SGDMomentum } from './momentum';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';

describe('createOptimizer', () => {
  it('builds each optimizer by name with defaults for the hyper-parameters not given', () => {
    expect(createOptimizer('sgd', { learningRate: 0.1 })).toBeInstanceOf(SGD);
    const momentum = createOptimizer('momentum', { learningRate: 0.1 });
    expect(momentum).toBeInstanceOf(SGDMomentum);
    expect((momentum as SGDMomentum).momentum).toBe(0.9);
    expect((createOptimizer('adagrad', { learningRate: 0.1 }) as Adagrad).epsilon).toBe(1e-8);
    const rmsprop = createOptimizer('rmsprop', { learningRate: 0.1 }) as RMSprop;
    expect([rmsprop.decayRate, rmsprop.epsilon]).toEqual([0.99, 1e-8]);
    const adam = createOptimizer('adam', { learningRate: 0.1, beta2: 0.99 }) as Adam;
    expect([adam.name, adam.learningRate, adam.beta1, adam.beta2, adam.epsilon]).toEqual(['adam', 0.1, 0.9, 0.99, 1e-8]);
  });

  it('an unknown name is a ValueError listing the names', () => {
    expect(() => createOptimizer('adamw' as never, { learningRate: 1 } as never)).toThrow(
      new ValueError("createOptimizer: name is 'adamw', expected one of 'sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'"),
    );
  });
});

describe('optimizer options are validated on construction', () => {
  it.each([
    [() => new SGD(undefined as never), 'SGD: options must be an object like { learningRate: 0.01 }, got undefined'],
    [() => new SGD({} as never), 'SGD: options.learningRate is required (a finite number > 0)'],
    [() => new SGD({ learningRate: 0 }), 'SGD: learningRate is 0, expected a finite number > 0'],
    [() => new SGD({ learningRate: -0.1 }), 'SGD: learningRate is -0.1, expected a finite number > 0'],
    [() => new Adam({ learningRate: Infinity }), 'Adam: learningRate is Infinity, expected a finite number > 0'],
    [() => new Adam({ learningRate: NaN }), 'Adam: learningRate is NaN, expected a finite number > 0'],
    [() => new SGD({ learningRate: 0.1, lr: 0.1 } as never), 'SGD: unknown option lr, expected one of learningRate'],
    [() => new SGDMomentum({ learningRate: 0.1, momentum: 1 }), 'SGDMomentum: momentum is 1, expected a number in [0, 1)'],
    [() => new Adagrad({ learningRate: 0.1, epsilon: 0 }), 'Adagrad: epsilon is 0, expected a finite number > 0'],
    [() => new RMSprop({ learningRate: 0.1, decayRate: -0.1 }), 'RMSprop: decayRate is -0.1, expected a number in [0, 1)'],
    [() => new Adam({ learningRate: 0.1, beta1: '0.9' as never }), 'Adam: beta1 is 0.9, expected a number in [0, 1)'],
    [() => new Adam({ learningRate: 0.1, beta2: 1 }), 'Adam: beta2 is 1, expected a number in [0, 1)'],
    [() => new Adam({ learningRate: 0.1, decayRate: 0.9 } as never), 'Adam: unknown option decayRate, expected one of learningRate, beta1, beta2, epsilon'],
  ])('%#: rejects with a ValueError', (make, message) => {
    expect(make).toThrow(new ValueError(message));
  });
});

describe('optimizerFromState', () => {
  it('rebuilds the optimizer a state came from and continues identically', () => {
    const a = createOptimizer('rmsprop', { learningRate: 0.05, decayRate: 0.9 });
    const pa = { W: tensor([0.5, -0.25]) };
    a.step(pa, { W: tensor([0.1, 0.2]) });
    const b = optimizerFromState(JSON.parse(JSON.stringify(a.getState())));
    const pb = { W: pa.W.clone() };
    a.step(pa, { W: tensor([-0.3, 0.4]) });
    b.step(pb, { W: tensor([-0.3, 0.4]) });
    expect(b).toBeInstanceOf(RMSprop);
    expect(Array.from(pb.W.data)).toEqual(Array.from(pa.W.data));
  });

  it('rejects something that is not a state, or a state with an unknown name', () => {
    expect(() => optimizerFromState(null as never)).toThrow(new ValueError('optimizerFromState: state is null, expected an object from getState()'));
    expect(() => optimizerFromState({ name: 'lbfgs', hyperParams: {}, stepCount: 0, slots: {} } as never)).toThrow(
      new ValueError("optimizerFromState: state.name is 'lbfgs', expected one of 'sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'"),
    );
  });
});
