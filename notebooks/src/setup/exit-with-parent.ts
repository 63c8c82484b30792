/**
 * Preloaded into the tslab kernel (`node --require …/exit-with-parent.js tslab kernel …`, see kernelspec.ts): the
 * kernel ends when the process that started it — the Jupyter server, nbclient — is gone. ipykernel does this (its
 * ParentPollerUnix, whose rules this follows); tslab does not, so a server that was killed, or stopped by Ctrl-C
 * without cleaning up, left its kernels running for good.
 *
 * Jupyter names the kernel's parent in JPY_PARENT_PID; without it (another launcher) nothing is watched. While that
 * pid is still the parent, the kernel ends once its parent changes (an orphan is adopted by init or a subreaper);
 * when it was not the parent even at start (a wrapper in between), once the parent is init.
 */
const named = Number(process.env.JPY_PARENT_PID ?? 0);
if (Number.isSafeInteger(named) && named > 1) {
  const parent = named === process.ppid ? named : 0;
  setInterval(() => {
    if (parent === 0 ? process.ppid === 1 : process.ppid !== parent) process.exit(1);
  }, 1000).unref();
}
