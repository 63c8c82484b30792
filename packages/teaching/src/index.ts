/**
 * @rnnlab/teaching — step-by-step exercises, reference solutions and the auto-grader. The exercises are built on
 * @rnnlab/core; this entry point lists them as they are added.
 */
export {};
