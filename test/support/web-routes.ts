// The web UI's routes, read from the router's own definition (`routes` in apps/web/src/App.tsx)
// with the TypeScript parser rather than from a copy, so a browser spec that must visit every
// screen learns of a new route the day it is added.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../../scripts/lib/services';

const APP = path.join(ROOT, 'apps/web/src/App.tsx');

/**
 * Every URL pattern the router answers, as the browser sees it ("/audits/:auditId/grid", and
 * "*" for the catch-all): each route with a path or an index, its parents' paths joined on.
 */
export function webRoutePatterns(file = APP): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let routes: ts.ArrayLiteralExpression | undefined;
  source.forEachChild(function find(node) {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'routes' &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
    )
      routes = node.initializer;
    else node.forEachChild(find);
  });
  if (!routes) throw new Error(`no \`routes\` array in ${file}`);

  const found = new Set<string>();
  const walk = (list: ts.ArrayLiteralExpression, parent: string) => {
    for (const element of list.elements) {
      if (!ts.isObjectLiteralExpression(element)) throw new Error(`a route that is not an object literal in ${file}`);
      const prop = (name: string) =>
        element.properties.find(
          (p): p is ts.PropertyAssignment =>
            ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
        )?.initializer;
      const own = prop('path');
      if (own && !ts.isStringLiteral(own)) throw new Error(`a route path that is not a string literal in ${file}`);
      const full = !own
        ? parent
        : own.text === '*' || own.text.startsWith('/')
          ? own.text
          : `${parent.replace(/\/$/, '')}/${own.text}`;
      if (own || prop('index')?.kind === ts.SyntaxKind.TrueKeyword) found.add(full || '/');
      const children = prop('children');
      if (children && ts.isArrayLiteralExpression(children)) walk(children, full);
    }
  };
  walk(routes, '');
  return [...found];
}
