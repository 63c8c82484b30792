/** Self-contained HTML: escaping, safe inline JSON and scripts, the plotly.js bundle for the notebooks' plots. */
export { escapeHtml, inlineScript, jsonForScript, plotlyBundle, plotlyVersion } from './html';
