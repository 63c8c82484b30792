/**
 * Writing self-contained HTML safely: escaping text, embedding JSON and scripts so that no data can end their
 * <script> element, and the plotly.js bundle read from the installed `plotly.js-dist-min` so pages work offline.
 * Used by the notebooks' plots and by @rnnlab/cli's report.html.
 */
import { readFileSync } from 'node:fs';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that is safe inside a <script> element: `<`, `>`, `&`, U+2028/9 written as \u escapes. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Script text that cannot end its <script> element early: `<` before "/script" or "!--" becomes `\x3C`, which
 * means the same inside the string, template, regex and comment where such text can occur in a minified bundle.
 */
export function inlineScript(source: string): string {
  return source.replace(/<(?=\/script|!--)/gi, '\\x3C');
}

let bundle: string | undefined;

/** The minified plotly.js bundle (≈ 4.8 MB), read once per process. */
export function plotlyBundle(): string {
  bundle ??= readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
  return bundle;
}

/** The version of the installed plotly.js. */
export function plotlyVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('plotly.js-dist-min/package.json'), 'utf8')) as { version: string }).version;
}
