/**
 * The student's TypeScript, made runnable and checked: transpiled to CommonJS (with an inline source map, so stack
 * traces point at exercise.ts lines) in the trusted parent, and type-checked against the core's declarations. Type
 * errors are feedback; only a file that cannot run fails its checks.
 */
import { basename } from 'node:path';
import ts from 'typescript';
import { coreTypes } from './paths.js';

/**
 * The file as CommonJS JavaScript, ready for the child. A file with syntax errors becomes a module that throws them
 * when loaded (TypeScript would emit a guess at what was meant, which must not be graded).
 */
export function transpileStudentFile(file: string, source: string): string {
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: false,
    },
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${basename(file)}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  if (errors.length > 0) {
    // No stack: the line of this generated module would point nowhere in the student's file.
    return `const e = new SyntaxError(${JSON.stringify(`the file does not parse: ${errors.join('; ')}`)}); e.stack = ''; throw e;\n`;
  }
  return output.outputText;
}

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  skipLibCheck: true,
  paths: { '@rnnlab/core': [coreTypes] },
};

/** A type checker that reuses the core's and the standard library's parsed (and bound) declarations across calls. */
export class TypeChecker {
  private readonly host = ts.createCompilerHost(options);
  private readonly declarations = new Map<string, ts.SourceFile>();

  constructor() {
    const read = this.host.getSourceFile.bind(this.host);
    this.host.getSourceFile = (fileName, language, onError, fresh) => {
      if (!fileName.endsWith('.d.ts')) return read(fileName, language, onError, fresh);
      if (!this.declarations.has(fileName)) {
        const file = read(fileName, language, onError, fresh);
        if (file) this.declarations.set(fileName, file);
      }
      return this.declarations.get(fileName);
    };
  }

  /** The type errors of each file, as `exercise.ts:12:5 - error TS2322: …` lines (only errors in the files themselves). */
  check(files: string[]): Map<string, string[]> {
    const program = ts.createProgram({ rootNames: files, options, host: this.host });
    const errors = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const file of files) {
      const source = program.getSourceFile(file);
      if (!source) continue;
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      for (const d of diagnostics) {
        const where = d.start === undefined ? '' : (() => {
          const { line, character } = source.getLineAndCharacterOfPosition(d.start);
          return `:${line + 1}:${character + 1}`;
        })();
        errors.get(file)?.push(`${basename(file)}${where} - error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    return errors;
  }
}
