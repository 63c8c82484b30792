/**
 * For ./run.mjs: the machine's description, and a Python with numpy and PyTorch for the references (installed when
 * missing: PyTorch by pip into the python3 on PATH when it has numpy, else Debian's python3-numpy and python3-torch).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const PROBE = `
import json, numpy, torch
try:
    import threadpoolctl
    tp = threadpoolctl.__version__
except ImportError:
    tp = None
print(json.dumps({'numpy': numpy.__version__, 'torch': torch.__version__, 'threadpoolctl': tp}))`;

function probe(command) {
  const r = spawnSync(command, ['-c', PROBE], { encoding: 'utf8' });
  return r.status === 0 ? JSON.parse(r.stdout) : null;
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

/** { command, versions } of a Python that imports numpy and torch, installing them if no candidate does. */
export function findReferencePython() {
  const candidates = ['python3', '/usr/bin/python3'];
  const found = () => {
    for (const command of candidates) {
      const v = probe(command);
      if (v !== null) return { command, versions: `numpy ${v.numpy}, torch ${v.torch}${v.threadpoolctl ? `, threadpoolctl ${v.threadpoolctl}` : ''}` };
    }
    return null;
  };
  let python = found();
  if (python !== null) return python;
  console.log('bench: no Python with numpy and torch; installing the references');
  if (spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) {
    run('python3', ['-m', 'pip', 'install', 'torch', 'threadpoolctl']);
  } else if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    run('apt-get', ['install', '-y', 'python3-numpy', 'python3-torch', 'python3-threadpoolctl']);
  }
  python = found();
  if (python === null) {
    throw new Error('bench: could not get numpy and PyTorch (pip install torch, or apt-get install python3-numpy python3-torch)');
  }
  return python;
}

/** CPU, cores, memory, OS, Node and the load average, for the README and results/machine.json. */
export function machineDescription(python) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const field = (name) => (cpuinfo.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm')) ?? [])[1] ?? '?';
  const flags = field('flags').split(' ');
  const simd = ['avx2', 'fma', 'avx512f'].filter((f) => flags.includes(f));
  const osRelease = (() => {
    try {
      return (readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="(.*)"$/m) ?? [])[1] ?? os.type();
    } catch {
      return os.type();
    }
  })();
  return {
    date: new Date().toISOString(),
    cpu: `${field('model name')} (${field('vendor_id')} family ${field('cpu family')} model ${field('model')}; ${simd.join(', ')})`,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${osRelease}, Linux ${os.release()}`,
    node: process.version,
    references: `${python.command}: ${python.versions}`,
    loadBefore: os.loadavg().map((v) => Number(v.toFixed(2))),
  };
}
