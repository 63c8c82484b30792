/**
 * For ./run.mjs: the results table of bench/README.md, between the markers `<!-- results -->` and
 * `<!-- /results -->`, from bench/results/*.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2));
const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;

function blasOf(variant) {
  if (!variant.blas) return '';
  if (typeof variant.blas === 'string') return ' (BLAS: see numpy.show_config in the JSON)';
  const libs = variant.blas.filter((b) => b.internal_api !== 'openmp');
  return libs.length ? ` (${libs.map((b) => `${b.internal_api} ${b.version} ${b.architecture ?? ''}`.trim()).join(', ')})` : '';
}

export function renderReadme(dir) {
  const read = (name) => (existsSync(join(dir, 'results', name)) ? JSON.parse(readFileSync(join(dir, 'results', name), 'utf8')) : null);
  const machine = read('machine.json');
  const lines = [];
  lines.push(`Measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.cores} cores, ` +
    `${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; references ${machine.references}. ` +
    `Load average (1/5/15 min) ${machine.loadBefore.join(' / ')} at the start and ${(machine.loadAfter ?? []).join(' / ')} at the end` +
    ' (other work shared the machine: the ratios come from interleaved runs, the rates move with the load).');
  lines.push('');
  lines.push('| workload | variant | min | median | max | median per CPU-second | unit | peak RSS |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |');
  const targets = [];
  for (const id of ['A', 'S', 'C', 'C2', 'T']) {
    const r = read(`${id}.json`);
    if (r === null) continue;
    for (const [name, v] of Object.entries(r.variants)) {
      const cpu = v.cpu && v.cpu.n > 0 ? fmt(v.cpu.median) : '—';
      lines.push(`| ${id}: ${r.title} | ${name}${blasOf(v)} | ${fmt(v.min)} | ${fmt(v.median)} | ${fmt(v.max)} | ${cpu} | ${r.unit} | ${mib(v.peakRssBytes)} |`);
    }
    for (const t of r.targets) {
      const memory = r.variants[t.ours].peakRssBytes / r.variants[t.ref].peakRssBytes;
      const cpuRatio = t.cpuRatio === undefined || Number.isNaN(t.cpuRatio) || id === 'T' ? '—' : `${t.cpuRatio.toFixed(2)}×`;
      const verdict = t.target === null ? '—' : t.ratio >= t.target ? 'met' : '**not met**';
      targets.push(`| ${t.label} | ${t.ratio.toFixed(2)}× | ${verdict} | ${cpuRatio} | ${memory.toFixed(2)}× |`);
    }
  }
  const main = read('main.json');
  if (main !== null) {
    lines.push('');
    lines.push(`Main job (\`${main.command}\`): ${main.runs.map((r) => `${r.seconds.toFixed(1)} s (${(r.cpuSeconds ?? NaN).toFixed(1)} CPU-seconds), ${r.iterations} iterations, ` +
      `validation loss ${r.valLoss}, peak RSS ${mib(r.peakRssBytes)}`).join('; ')}.`);
  }
  lines.push('');
  lines.push('| target | measured (ratio of wall-time medians) | | ratio per CPU-second | peak RSS ratio |');
  lines.push('| --- | ---: | --- | ---: | ---: |');
  lines.push(...targets);
  const readme = join(dir, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- results -->');
  const end = text.indexOf('<!-- /results -->');
  if (start < 0 || end < 0) throw new Error('bench/README.md has no <!-- results --> … <!-- /results --> markers');
  writeFileSync(readme, `${text.slice(0, start)}<!-- results -->\n${lines.join('\n')}\n${text.slice(end)}`);
}
