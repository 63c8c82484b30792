/**
 * A model assembled from class modules (TestRNN, RecurrentLM): one flat map of its parts' parameters and gradients,
 * named `<part>.<name>` (`cell.Wx`, `out.b`) and shared by reference with the parts, so an optimizer stepping `params`
 * trains the parts and a checkpoint sees one map. A part can be registered as fixed (an echo-state reservoir): it
 * stays in `params` and `grads` (gradient checks, checkpoints) but is left out of `trainableParams`.
 */
import { Module, ParamMap } from './module';

/** The parameter bookkeeping of a model made of parts; subclasses `register` their parts in their constructor. */
export abstract class CompositeModule implements Module {
  readonly params: ParamMap = {};
  readonly grads: ParamMap = {};
  private readonly fixed = new Set<string>();

  /** The parameters an optimizer should update, with their gradients (a fixed part, such as a reservoir, left out). */
  trainableParams(): { params: ParamMap; grads: ParamMap } {
    const params: ParamMap = {};
    const grads: ParamMap = {};
    for (const name of Object.keys(this.params)) {
      if (this.fixed.has(name)) continue;
      params[name] = this.params[name];
      grads[name] = this.grads[name];
    }
    return { params, grads };
  }

  /** Adds `module`'s params and grads as `<prefix>.<name>`; `fixed`: never trained (left out of trainableParams). */
  protected register(prefix: string, module: Module, fixed = false): void {
    for (const name of Object.keys(module.params)) {
      this.params[`${prefix}.${name}`] = module.params[name];
      this.grads[`${prefix}.${name}`] = module.grads[name];
      if (fixed) this.fixed.add(`${prefix}.${name}`);
    }
  }
}
