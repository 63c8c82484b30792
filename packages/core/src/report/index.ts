/** The run writers: report.html (summary, loss curve, text evolution) and samples.md. */
export { type LogRecord, type ReportInput, MAX_PLOT_POINTS, decimateLog, renderReportHtml } from './report';
export { type SampleRecord, type SamplesMarkdownOptions, renderSamplesMarkdown } from './samples-md';
export { escapeHtml, inlineScript, jsonForScript, plotlyBundle, plotlyVersion } from './html';
