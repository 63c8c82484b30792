/**
 * The student's Markdown (answers.md) as a small block model that both report writers render — report.html
 * (`blocksToHtml`, every text escaped) and report.docx (./docx/blocks.ts) — so an answer looks the same in both.
 * markdown-it parses (CommonMark with tables); raw HTML is not interpreted but shown as the text it is, and images
 * show their alt text: a report is a document the student hands in, not a web page.
 */
import MarkdownIt from 'markdown-it';
import { escapeHtml } from '@rnnlab/core';

/** markdown-it's token (spelled this way because its CommonJS and ESM typings export the type under different names). */
type Token = ReturnType<MarkdownIt['parse']>[number];

/** A run of text with its marks. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  /** A link's address (the text is the link's text). */
  link?: string;
  /** A line break (the text is empty). */
  lineBreak?: boolean;
}

/** A block of a document. */
export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] };

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Parses Markdown into blocks. */
export function parseMarkdown(text: string): Block[] {
  const tokens = parser.parse(text, {});
  const [blocks] = readBlocks(tokens, 0, null);
  return blocks;
}

/** Reads blocks from tokens[i] until a token of type `until`; returns them and the index after it. */
function readBlocks(tokens: Token[], i: number, until: string | null): [Block[], number] {
  const blocks: Block[] = [];
  while (i < tokens.length && tokens[i].type !== until) {
    const t = tokens[i];
    switch (t.type) {
      case 'paragraph_open':
        blocks.push({ kind: 'paragraph', inlines: inlines(tokens[i + 1]) });
        i += 3;
        break;
      case 'heading_open':
        blocks.push({ kind: 'heading', level: Number(t.tag.slice(1)), inlines: inlines(tokens[i + 1]) });
        i += 3;
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ kind: 'code', text: t.content.replace(/\n$/, '') });
        i += 1;
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        i += 1;
        break;
      case 'blockquote_open': {
        const [inner, next] = readBlocks(tokens, i + 1, 'blockquote_close');
        blocks.push({ kind: 'quote', blocks: inner });
        i = next + 1;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const close = t.type.replace('_open', '_close');
        const items: Block[][] = [];
        i += 1;
        while (tokens[i].type !== close) {
          const [item, next] = readBlocks(tokens, i + 1, 'list_item_close');
          items.push(item);
          i = next + 1;
        }
        blocks.push({ kind: 'list', ordered: t.type === 'ordered_list_open', start: Number(t.attrGet('start') ?? 1), items });
        i += 1;
        break;
      }
      case 'table_open': {
        const rows: Inline[][][] = [];
        let header: Inline[][] = [];
        for (i += 1; tokens[i].type !== 'table_close'; i++) {
          if (tokens[i].type === 'tr_open') rows.push([]);
          if (tokens[i].type === 'inline') rows[rows.length - 1].push(inlines(tokens[i]));
          if (tokens[i].type === 'thead_close') header = rows.pop() ?? [];
        }
        blocks.push({ kind: 'table', header, rows });
        i += 1;
        break;
      }
      case 'html_block':
        blocks.push({ kind: 'paragraph', inlines: [{ text: t.content.replace(/\n$/, '') }] });
        i += 1;
        break;
      default:
        i += 1; // closing tokens of containers handled above, and anything markdown-it adds that has no text
    }
  }
  return [blocks, i];
}

/** The inline children of an `inline` token as runs of text with their marks. */
function inlines(token: Token): Inline[] {
  const out: Inline[] = [];
  const marks = { bold: 0, italic: 0, strike: 0 };
  let link: string | undefined;
  for (const c of token.children ?? []) {
    const mark = { ...(marks.bold > 0 ? { bold: true } : {}), ...(marks.italic > 0 ? { italic: true } : {}), ...(marks.strike > 0 ? { strike: true } : {}), ...(link === undefined ? {} : { link }) };
    if (c.type === 'text' || c.type === 'html_inline') out.push({ text: c.content, ...mark });
    else if (c.type === 'code_inline') out.push({ text: c.content, code: true, ...mark });
    else if (c.type === 'image') out.push({ text: `[image: ${c.content}]`, ...mark });
    else if (c.type === 'softbreak') out.push({ text: ' ', ...mark });
    else if (c.type === 'hardbreak') out.push({ text: '', lineBreak: true });
    else if (c.type === 'strong_open' || c.type === 'strong_close') marks.bold += c.nesting;
    else if (c.type === 'em_open' || c.type === 'em_close') marks.italic += c.nesting;
    else if (c.type === 's_open' || c.type === 's_close') marks.strike += c.nesting;
    else if (c.type === 'link_open') link = c.attrGet('href') ?? '';
    else if (c.type === 'link_close') link = undefined;
  }
  return out;
}

function inlineHtml(runs: Inline[]): string {
  return runs
    .map((r) => {
      if (r.lineBreak === true) return '<br>';
      let html = escapeHtml(r.text);
      if (r.code === true) html = `<code>${html}</code>`;
      if (r.bold === true) html = `<strong>${html}</strong>`;
      if (r.italic === true) html = `<em>${html}</em>`;
      if (r.strike === true) html = `<s>${html}</s>`;
      // Only web and mail addresses become links: a report must not carry javascript: or file: links.
      if (r.link !== undefined && /^(https?:|mailto:)/i.test(r.link)) html = `<a href="${escapeHtml(r.link)}">${html}</a>`;
      return html;
    })
    .join('');
}

/** The blocks as HTML, every text escaped. */
export function blocksToHtml(blocks: Block[]): string {
  return blocks
    .map((b): string => {
      switch (b.kind) {
        case 'paragraph':
          return `<p>${inlineHtml(b.inlines)}</p>`;
        case 'heading':
          return `<h${Math.min(6, b.level + 2)}>${inlineHtml(b.inlines)}</h${Math.min(6, b.level + 2)}>`;
        case 'code':
          return `<pre class="answer-code">\n${escapeHtml(b.text)}</pre>`;
        case 'rule':
          return '<hr>';
        case 'quote':
          return `<blockquote>${blocksToHtml(b.blocks)}</blockquote>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
          return `<${tag}${start}>${b.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'table': {
          const head = `<thead><tr>${b.header.map((c) => `<th>${inlineHtml(c)}</th>`).join('')}</tr></thead>`;
          return `<table class="answer-table">${head}<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
        }
      }
    })
    .join('\n');
}
