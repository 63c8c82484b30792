/**
 * The source of each check, read from its checks file (exercism's results show the code of every test beside its
 * result): the text of each `check('name', …)` call, by name.
 */
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';

/** name → the source text of the `check(...)` call that declares it, for one checks file. */
export function checkSources(checksFile: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(checksFile)) return found;
  const source = ts.createSourceFile(checksFile, readFileSync(checksFile, 'utf8'), ts.ScriptTarget.ES2022, true);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'check' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.set(node.arguments[0].text, node.getText(source));
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}
