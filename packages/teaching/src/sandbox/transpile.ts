/**
 * The student's TypeScript, made runnable and checked: transpiled to CommonJS (with an inline source map, so stack
 * traces point at exercise.ts lines) in the trusted parent, and type-checked against the core's declarations. Type
 * errors are feedback; only a file that cannot run fails its checks.
 */
import { basename } from 'node:path';
import ts from 'typescript';
import { coreTypes } from './paths.js';

/** The file as CommonJS JavaScript, ready for the child. Syntax errors are reported by the child when it compiles. */
export function transpileStudentFile(file: string, source: string): string {
  return ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: false,
    },
  }).outputText;
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
