/**
 * A diagram of the network unrolled in time, drawn from the model's configuration (@rnnlab/core's UnrolledNetwork):
 * one column per time step (t = 1, 2, 3, …, T when T > 4), from the input at the bottom through each recurrent layer
 * (1, 2, …, L when L > 4) to the output and the loss at the top. Vertical arrows carry a step's input up, labelled with
 * the weights they multiply; horizontal arrows carry the state (h, or h and c for an LSTM) to the next step, with the
 * recurrent weights; the state enters from the previous chunk on the left and leaves for the next one on the right.
 *
 * Plain SVG 1.1 with text in DejaVu Sans (falling back to any sans-serif), so browsers show it inline and resvg
 * renders it to PNG for the Word document (./png.ts).
 */
import { escapeHtml } from '@rnnlab/core';
import type { UnrolledNetwork } from '@rnnlab/core';

const COLUMN = 190;
const ROW = 78;
const BOX_W = 100;
const BOX_H = 40;
const LEFT = 120;
const TOP = 34;

/** Columns drawn: every step when T ≤ 4, else 1, 2, 3, …, T (null: the ellipsis column). */
function steps(T: number): (number | null)[] {
  return T <= 4 ? Array.from({ length: T }, (_, i) => i + 1) : [1, 2, 3, null, T];
}

/** Layers drawn, bottom up: every layer when L ≤ 4, else 1, 2, …, L (null: the ellipsis row). */
function layerRows(L: number): (number | null)[] {
  return L <= 4 ? Array.from({ length: L }, (_, i) => i + 1) : [1, 2, null, L];
}

const sub = (name: string, index: string) => `${escapeHtml(name)}<tspan dy="4" font-size="10">${escapeHtml(index)}</tspan>`;

/** The SVG document of the unrolled network. */
export function unrolledNetworkSvg(net: UnrolledNetwork): string {
  const columns = steps(net.seqLength);
  const layers = layerRows(net.layers);
  const rows = 2 + layers.length + 1; // input, layers, output, loss
  const width = LEFT + columns.length * COLUMN + 110;
  const height = TOP + (rows - 1) * ROW + BOX_H + 16;
  const cx = (c: number) => LEFT + c * COLUMN + COLUMN / 2;
  const cy = (r: number) => TOP + (rows - 1 - r) * ROW + BOX_H / 2; // row 0 at the bottom
  const parts: string[] = [];
  const box = (x: number, y: number, label: string, detail: string, fill: string) =>
    parts.push(
      `<rect x="${x - BOX_W / 2}" y="${y - BOX_H / 2}" width="${BOX_W}" height="${BOX_H}" rx="7" fill="${fill}" stroke="#344054" stroke-width="1.3"/>`,
      `<text x="${x}" y="${y - 3}" text-anchor="middle" font-size="14">${label}</text>`,
      `<text x="${x}" y="${y + 13}" text-anchor="middle" font-size="10" fill="#475467">${escapeHtml(detail)}</text>`,
    );
  const arrow = (x1: number, y1: number, x2: number, y2: number, label = '', dashed = false) => {
    parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#344054" stroke-width="1.4" marker-end="url(#arrow)"${dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    if (label === '') return;
    const vertical = x1 === x2;
    const lx = vertical ? x1 + 6 : (x1 + x2) / 2;
    const ly = vertical ? (y1 + y2) / 2 + 4 : y1 - 6;
    parts.push(`<text x="${lx}" y="${ly}" text-anchor="${vertical ? 'start' : 'middle'}" font-size="11" fill="#1d4ed8">${escapeHtml(label)}</text>`);
  };
  const { weights, vocabSize: V, hiddenSize: H, embeddingSize: E } = net;
  const inputDetail = E === null ? `one-hot, ${V}` : `embedding, ${E}`;
  const stepName = (t: number) => (t === net.seqLength && net.seqLength > 4 ? 'T' : String(t));

  columns.forEach((t, c) => {
    const x = cx(c);
    if (t === null) {
      for (let r = 0; r < rows; r++) parts.push(`<text x="${x}" y="${cy(r) + 5}" text-anchor="middle" font-size="20" fill="#475467">…</text>`);
      return;
    }
    const s = stepName(t);
    box(x, cy(0), sub('x', s), inputDetail, '#f2f4f7');
    layers.forEach((l, i) => {
      const r = 1 + i;
      if (l === null) {
        parts.push(`<text x="${x}" y="${cy(r) + 6}" text-anchor="middle" font-size="20" fill="#475467">⋮</text>`);
        return;
      }
      const name = net.layers === 1 ? sub('h', s) : `${sub('h', s)}<tspan dy="-12" font-size="10">(${l})</tspan>`;
      box(x, cy(r), name, `${net.model === 'min-char-rnn' ? 'tanh' : net.model}, ${H}`, '#e0ecff');
      arrow(x, cy(r - 1) - BOX_H / 2, x, cy(r) + BOX_H / 2 + 2, layers[i - 1] === null ? '' : weights.input);
    });
    const out = 1 + layers.length;
    box(x, cy(out), net.model === 'min-char-rnn' ? sub('y', s) : sub('s', s), `scores, ${V}`, '#fdf2e9');
    arrow(x, cy(out - 1) - BOX_H / 2, x, cy(out) + BOX_H / 2 + 2, weights.output);
    box(x, cy(out + 1), sub('L', s), 'softmax, −log p', '#fef3f2');
    arrow(x, cy(out) - BOX_H / 2, x, cy(out + 1) + BOX_H / 2 + 2);
  });

  // The state through time, layer by layer: from the previous chunk, between columns, to the next chunk.
  layers.forEach((l, i) => {
    if (l === null) return;
    const y = cy(1 + i);
    arrow(LEFT - 30, y, cx(0) - BOX_W / 2 - 2, y, net.carried.map((v) => `${v}₀`).join(', '), true);
    for (let c = 0; c + 1 < columns.length; c++) {
      const gap = columns[c] === null || columns[c + 1] === null;
      arrow(cx(c) + BOX_W / 2, y, cx(c + 1) - BOX_W / 2 - 2, y, gap ? '' : net.carried.length === 1 ? `h · ${weights.recurrent}` : `c;  h · ${weights.recurrent}`, gap);
    }
    arrow(cx(columns.length - 1) + BOX_W / 2, y, cx(columns.length - 1) + BOX_W / 2 + 84, y, 'next chunk', true);
  });
  const title = `${net.model}, unrolled over T = ${net.seqLength} steps` + (net.layers > 1 ? `, ${net.layers} layers` : '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" role="img" aria-label="${escapeHtml(title)}">
<title>${escapeHtml(title)}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#344054"/></marker></defs>
<rect width="${width}" height="${height}" fill="#ffffff"/>
<text x="12" y="22" font-size="14" font-weight="bold">${escapeHtml(title)}</text>
${parts.join('\n')}
</svg>
`;
}
