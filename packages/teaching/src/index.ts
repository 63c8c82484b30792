/**
 * @rnnlab/teaching — step-by-step RNN exercises, reference solutions and the auto-grader. This entry point is the
 * grader's Node API (the `rnnlab-grade` and `rnnlab-teach` commands are built on it); checks files import
 * `@rnnlab/teaching/check` instead.
 */
export {};
