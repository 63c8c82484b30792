#!/usr/bin/env node
/**
 * `pnpm bench`: rnnlab against numpy and PyTorch on the same machine in the same run — the workloads of issue 10
 * (A: min-char-rnn training, S: sampling, C and C′: char-rnn LSTM training, 1 vs 2 threads, the main job).
 *
 * Each workload runs every variant (ours, the references) in child processes of their own, interleaved round by
 * round, and reports min/median/max of the rate and the ratio of medians; peak RSS per variant. The references run
 * with one thread (two for the threads workload) and without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (this machine
 * sets them; they slow numpy), and print which BLAS they ran. Besides wall time each child reports its CPU time,
 * so that a ratio per CPU-second can be read beside the wall-time ratio when other work loads the machine (the
 * threads workload is about wall time only). Results: bench/results/*.json and the table in bench/README.md, both
 * overwritten.
 *
 *   node bench/run.mjs [--quick] [--only A,S,C,C2,T,main]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findReferencePython, machineDescription } from './machine.mjs';
import { renderReadme } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const ROUNDS = quick ? 1 : 3;

const python = findReferencePython();
const referenceEnv = (threads) => {
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
};

/** One child process: a variant's command → { seconds[], peakRssBytes, library, blas? }. */
function runChild(variant) {
  const [cmd, ...rest] = variant.command;
  const env = variant.reference ? referenceEnv(variant.threads ?? 1) : process.env;
  const result = spawnSync(cmd, rest, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${variant.name}: ${cmd} ${rest.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], n: sorted.length };
};

/** Runs every variant ROUNDS times, interleaved (the order rotates each round); rates = work / seconds. */
function measure(workload) {
  const out = Object.fromEntries(workload.variants.map((v) => [v.name, { rates: [], cpuRates: [], peakRssBytes: 0 }]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = workload.variants.map((_, i) => workload.variants[(i + round) % workload.variants.length]);
    for (const variant of order) {
      process.stdout.write(`  ${workload.id} round ${round + 1}/${ROUNDS}: ${variant.name} … `);
      const r = runChild(variant);
      const rates = r.seconds.map((s) => workload.work / s);
      const o = out[variant.name];
      o.rates.push(...rates);
      o.cpuRates.push(...(r.cpuSeconds ?? []).map((s) => workload.work / s));
      o.peakRssBytes = Math.max(o.peakRssBytes, r.peakRssBytes);
      o.library = r.library;
      if (r.blas) o.blas = r.blas;
      console.log(`${stats(rates).median.toFixed(1)} ${workload.unit}`);
    }
  }
  for (const o of Object.values(out)) Object.assign(o, stats(o.rates), { cpu: stats(o.cpuRates) });
  return out;
}

const py = (script, ...a) => [python.command, join('bench/references', script), ...a.map(String)];
const ours = (...a) => [process.execPath, 'bench/ours.cjs', ...a.map(String)];
const reps = (n) => (quick ? 1 : n);
const charRnn = (L, H, iters) => ({
  ours64: ours('char-rnn', L, H, 50, 50, 65, 'float64', iters, 1),
  ours32: ours('char-rnn', L, H, 50, 50, 65, 'float32', iters, 1),
  torch64: py('char_rnn_torch.py', L, H, 50, 50, 65, 'float64', iters, 1),
  torch32: py('char_rnn_torch.py', L, H, 50, 50, 65, 'float32', iters, 1),
});

const c = charRnn(2, 128, reps(5));
const c2 = charRnn(1, 512, reps(2));
const WORKLOADS = [
  {
    id: 'A', title: 'min-char-rnn training (H 100, T 25, V 65, Adagrad)', unit: 'iterations/s', work: quick ? 100 : 500,
    variants: [
      { name: 'rnnlab exact', command: ours('min-char-train', 1, quick ? 100 : 500, reps(3)) },
      { name: 'rnnlab fast', command: ours('min-char-train', 0, quick ? 100 : 500, reps(3)) },
      { name: 'numpy', reference: true, command: py('min_char_rnn_numpy.py', 'train', quick ? 100 : 500, reps(3)) },
    ],
    targets: [
      { label: 'A exact ≥ 1× numpy (bit-exact)', ours: 'rnnlab exact', ref: 'numpy', target: 1 },
      { label: 'A fast ≥ 3× numpy', ours: 'rnnlab fast', ref: 'numpy', target: 3 },
    ],
  },
  {
    id: 'S', title: 'sampling 10,000 characters (min-char-rnn size)', unit: 'chars/s', work: 10_000,
    variants: [
      { name: 'rnnlab exact', command: ours('min-char-sample', 1, 10_000, reps(3)) },
      { name: 'rnnlab fast', command: ours('min-char-sample', 0, 10_000, reps(3)) },
      { name: 'numpy', reference: true, command: py('min_char_rnn_numpy.py', 'sample', 10_000, reps(3)) },
    ],
    targets: [
      { label: 'S fast ≥ 2× numpy', ours: 'rnnlab fast', ref: 'numpy', target: 2 },
      { label: 'S exact (bit-exact samples) vs numpy (no target)', ours: 'rnnlab exact', ref: 'numpy', target: null },
    ],
  },
  {
    id: 'C', title: 'char-rnn LSTM 2×128, batch 50, seq 50, one-hot V 65, Adam', unit: 'chars/s', work: 2500,
    variants: [
      { name: 'rnnlab float64', command: c.ours64 },
      { name: 'rnnlab float32', command: c.ours32 },
      { name: 'torch float64', reference: true, command: c.torch64 },
      { name: 'torch float32', reference: true, command: c.torch32 },
    ],
    targets: [
      { label: 'C float64 ≥ 0.5× torch float64', ours: 'rnnlab float64', ref: 'torch float64', target: 0.5 },
      { label: 'C float32 ≥ 0.3× torch float32', ours: 'rnnlab float32', ref: 'torch float32', target: 0.3 },
    ],
  },
  {
    id: 'C2', title: 'C′: char-rnn LSTM 1×512, batch 50, seq 50, one-hot V 65, Adam', unit: 'chars/s', work: 2500,
    variants: [
      { name: 'rnnlab float64', command: c2.ours64 },
      { name: 'rnnlab float32', command: c2.ours32 },
      { name: 'torch float64', reference: true, command: c2.torch64 },
      { name: 'torch float32', reference: true, command: c2.torch32 },
    ],
    targets: [
      { label: 'C′ float64 ≥ 0.5× torch float64', ours: 'rnnlab float64', ref: 'torch float64', target: 0.5 },
      { label: 'C′ float32 ≥ 0.3× torch float32', ours: 'rnnlab float32', ref: 'torch float32', target: 0.3 },
    ],
  },
  {
    id: 'T', title: 'C on 1 and 2 threads (rnnlab: data-parallel workers; torch: intra-op threads), float64', unit: 'chars/s', work: 2500,
    variants: [
      { name: 'rnnlab 1 thread', command: ours('char-rnn', 2, 128, 50, 50, 65, 'float64', reps(5), 1) },
      { name: 'rnnlab 2 threads', command: ours('char-rnn', 2, 128, 50, 50, 65, 'float64', reps(5), 2) },
      { name: 'torch 1 thread', reference: true, command: py('char_rnn_torch.py', 2, 128, 50, 50, 65, 'float64', reps(5), 1) },
      { name: 'torch 2 threads', reference: true, threads: 2, command: py('char_rnn_torch.py', 2, 128, 50, 50, 65, 'float64', reps(5), 2) },
    ],
    targets: [
      { label: 'rnnlab 2 threads ≥ 1.7× rnnlab 1 thread', ours: 'rnnlab 2 threads', ref: 'rnnlab 1 thread', target: 1.7 },
      { label: 'torch 2 threads vs torch 1 thread (for comparison)', ours: 'torch 2 threads', ref: 'torch 1 thread', target: null },
      { label: 'rnnlab 2 threads vs torch 2 threads', ours: 'rnnlab 2 threads', ref: 'torch 2 threads', target: null },
    ],
  },
];

/** The main job: the root `start` script as `pnpm start` runs it, into a temporary run directory. */
function mainJob() {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const runs = [];
  for (let round = 0; round < 1; round++) { // one run: it takes a minute
    const out = mkdtempSync(join(os.tmpdir(), 'rnnlab-bench-main-'));
    const command = `${start} --out ${out}`;
    process.stdout.write(`  main job round ${round + 1}: ${command} … `);
    const wrapper = 'import resource, subprocess, sys, time; t = time.perf_counter(); r = subprocess.run(sys.argv[1], shell=True, capture_output=True); ' +
      'u = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.returncode, time.perf_counter() - t, u.ru_maxrss * 1024, u.ru_utime + u.ru_stime)';
    const [code, seconds, rss, cpuSeconds] = execFileSync(python.command, ['-c', wrapper, command], { cwd: root, encoding: 'utf8' }).trim().split(' ').map(Number);
    if (code !== 0) throw new Error(`main job failed (exit ${code}): ${command}`);
    const log = readFileSync(join(out, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const withVal = log.filter((e) => e.valLoss !== undefined);
    const last = log[log.length - 1];
    runs.push({ seconds, cpuSeconds, peakRssBytes: rss, iterations: last.iter, valLoss: withVal.length ? withVal[withVal.length - 1].valLoss : null, smoothLoss: last.smoothLoss });
    console.log(`${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU-seconds), validation loss ${runs[runs.length - 1].valLoss}`);
    rmSync(out, { recursive: true, force: true });
  }
  return { command: `${start}`, runs, seconds: stats(runs.map((r) => r.seconds)), valLoss: runs.map((r) => r.valLoss) };
}

const machine = machineDescription(python);
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, load ${machine.loadBefore.join(' ')}; references: ${python.command} (${python.versions})`);
writeFileSync(join(here, 'results', 'machine.json'), JSON.stringify(machine, null, 2) + '\n');
for (const w of WORKLOADS) {
  if (only && !only.includes(w.id)) continue;
  console.log(`${w.id}: ${w.title}`);
  const loadBefore = os.loadavg();
  const variants = measure(w);
  const targets = w.targets.map((t) => ({
    ...t,
    ratio: variants[t.ours].median / variants[t.ref].median,
    cpuRatio: variants[t.ours].cpu.median / variants[t.ref].cpu.median,
  }));
  for (const t of targets) {
    const verdict = t.target === null ? '' : t.ratio >= t.target ? ' (met)' : ' (NOT met)';
    console.log(`  ${t.label}: ${t.ratio.toFixed(2)}×${verdict}; per CPU-second ${t.cpuRatio.toFixed(2)}×`);
  }
  const result = { id: w.id, title: w.title, unit: w.unit, rounds: ROUNDS, loadBefore, loadAfter: os.loadavg(), variants, targets, quick };
  writeFileSync(join(here, 'results', `${w.id}.json`), JSON.stringify(result, null, 2) + '\n');
}
if (!only || only.includes('main')) {
  console.log('main job');
  const result = { id: 'main', ...mainJob(), loadAfter: os.loadavg(), quick };
  writeFileSync(join(here, 'results', 'main.json'), JSON.stringify(result, null, 2) + '\n');
}
machine.loadAfter = os.loadavg();
writeFileSync(join(here, 'results', 'machine.json'), JSON.stringify(machine, null, 2) + '\n');
renderReadme(here);
console.log('wrote bench/results/*.json and the table in bench/README.md');
