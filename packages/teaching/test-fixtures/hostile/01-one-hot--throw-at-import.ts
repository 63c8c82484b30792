// Throws while the module loads: every check of the exercise fails with the error, the others are graded.
throw new Error('boom while loading');
