/**
 * The import graph of `src/`, read with the TypeScript compiler's parser:
 * every static import and re-export (type-only ones too: they are
 * dependencies of the design even when erased) and every `import()`.
 * Also the sizes the standards bound: lines of each file and of each function.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SRC = join(ROOT, 'src');

export interface ImportEdge {
  /** Both relative to the repository root, forward slashes. */
  from: string;
  to: string;
  specifier: string;
  typeOnly: boolean;
  dynamic: boolean;
}

export interface SourceGraph {
  files: string[];
  edges: ImportEdge[];
  /** Imports of packages and Node built-ins (not files of src/), by file; type-only ones left out. */
  external: Map<string, string[]>;
  /** Relative imports that name no file of src/. */
  unresolved: ImportEdge[];
}

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export const repoPath = (absolute: string) => relative(ROOT, absolute).split('\\').join('/');

/** `./x.js` → `src/…/x.ts` (sources import their siblings by the name they will have once built). */
function resolveSpecifier(fromFile: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => known.has(candidate));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function importsOf(source: ts.SourceFile): { specifier: string; typeOnly: boolean; dynamic: boolean }[] {
  const found: { specifier: string; typeOnly: boolean; dynamic: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: Boolean(node.importClause?.isTypeOnly), dynamic: false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, dynamic: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function buildSourceGraph(): SourceGraph {
  const absolute = listSources(SRC);
  const known = new Set(absolute);
  const graph: SourceGraph = { files: absolute.map(repoPath), edges: [], external: new Map(), unresolved: [] };
  for (const file of absolute) {
    for (const found of importsOf(parse(file))) {
      const from = repoPath(file);
      if (!found.specifier.startsWith('.')) {
        if (!found.typeOnly) graph.external.set(from, [...(graph.external.get(from) ?? []), found.specifier]);
        continue;
      }
      const target = resolveSpecifier(file, found.specifier, known);
      const edge = { from, to: target ? repoPath(target) : found.specifier, ...found };
      if (target) graph.edges.push(edge);
      else if (!found.specifier.endsWith('.json')) graph.unresolved.push(edge);
    }
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: Pick<SourceGraph, 'files' | 'edges'>): string[][] {
  const next = new Map<string, string[]>(graph.files.map((file) => [file, []]));
  for (const edge of graph.edges) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (next.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.files) if (!index.has(file)) connect(file);
  return cycles;
}

export interface SizeViolation {
  file: string;
  /** The function's name and first line, or undefined for the file itself. */
  fn?: string;
  lines: number;
}

const linesOf = (source: ts.SourceFile, node: ts.Node) =>
  source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

/** Hand-written files over `maxFileLines` and functions over `maxFunctionLines`; `*.generated.ts` are not hand-written. */
export function sizeViolations(files: readonly string[], maxFileLines: number, maxFunctionLines: number): SizeViolation[] {
  const violations: SizeViolation[] = [];
  for (const file of files.filter((path) => !path.endsWith('.generated.ts'))) {
    const source = parse(join(ROOT, file));
    const fileLines = source.getLineAndCharacterOfPosition(source.getEnd()).line + (source.text.endsWith('\n') ? 0 : 1);
    if (fileLines > maxFileLines) violations.push({ file, lines: fileLines });
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const lines = linesOf(source, node);
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        if (lines > maxFunctionLines) violations.push({ file, fn: `${functionName(node as ts.FunctionLikeDeclaration)}:${line}`, lines });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}
