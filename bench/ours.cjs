#!/usr/bin/env node
/**
 * rnnlab's side of each benchmark workload, run by ./run.mjs in a child process of its own (so that its peak memory
 * is its own). Prints one JSON object like the reference scripts: the wall time of each timed round, peak RSS.
 *
 *   node bench/ours.cjs min-char-train EXACT(1|0) ITERATIONS ROUNDS
 *   node bench/ours.cjs min-char-sample EXACT(1|0) CHARS ROUNDS
 *   node bench/ours.cjs char-rnn LAYERS HIDDEN BATCH SEQ VOCAB PRECISION ITERATIONS THREADS
 */
const { CharLM, DataParallelLM, MinCharRnn, RandomState, Tensor, createOptimizer } = require('@rnnlab/core');

const [workload, ...args] = process.argv.slice(2);

/** Wall and CPU seconds (this process, all its threads) of each round. */
function timed(rounds, body) {
  const seconds = [];
  const cpuSeconds = [];
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    body();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    const used = process.cpuUsage(cpu);
    cpuSeconds.push((used.user + used.system) / 1e6);
  }
  return { seconds, cpuSeconds };
}

function report(times, extra = {}) {
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ ...times, peakRssBytes, library: `rnnlab (Node ${process.version})`, ...extra }));
}

/** min-char-rnn as the numpy reference runs it: H 100, T 25, V 65, random ids, after 200 warm-up iterations. */
function minChar(exact) {
  const rng = new RandomState(42);
  const data = Int32Array.from(rng.randint(0, 65, 100_000).data);
  const model = new MinCharRnn({ data, vocabSize: 65, seed: 42, exact });
  for (let i = 0; i < 200; i++) model.step();
  return model;
}

async function main() {
  if (workload === 'min-char-train') {
    const [exact, iterations, rounds] = args.map(Number);
    const model = minChar(exact === 1);
    report(timed(rounds, () => {
      for (let i = 0; i < iterations; i++) model.step();
    }));
  } else if (workload === 'min-char-sample') {
    const [exact, chars, rounds] = args.map(Number);
    const model = minChar(exact === 1);
    model.sample(0, 1000); // warm-up
    report(timed(rounds, () => model.sample(0, chars)));
  } else if (workload === 'char-rnn') {
    const [layers, hidden, batch, seq, vocab] = args.slice(0, 5).map(Number);
    const precision = args[5];
    const [iterations, threads] = args.slice(6).map(Number);
    const rng = new RandomState(0);
    const config = { vocabSize: vocab, cell: 'lstm', layers, hiddenSize: hidden, dropout: 0, forgetBias: 1, precision };
    const model = threads > 1 ? await DataParallelLM.create({ ...config, embeddingSize: null }, rng, { threads }) : new CharLM(config, rng);
    const ids = () => new Tensor(Float64Array.from(rng.randint(0, vocab, [batch, seq]).data), [batch, seq]);
    const [x, y] = [ids(), ids()];
    const optimizer = createOptimizer('adam', { learningRate: 2e-3 });
    let state;
    const step = () => {
      state = model.lossAndGrads(x, y, state, { train: true, rng }).state;
      optimizer.step(model.params, model.grads);
    };
    for (let i = 0; i < 2; i++) step();
    const times = timed(iterations, step);
    if (model.close) await model.close();
    report(times, { threads });
  } else {
    throw new Error(`ours.cjs: unknown workload ${workload}`);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
