// Dependencies point one way (STYLE 14): worker/core holds the contracts and
// imports nothing else of ours; worker/ and site/ never import the nightly job
// or the developer tools in scripts/. Checked on the import specifiers of every
// source file, relative ones resolved against the importing file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|mts|js|mjs|astro)$/;

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')` (also `typeof import('x')`).
const SPECIFIER =
  /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every source file under `dir` (relative to the repository root), sorted. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => SOURCE.test(file))
    .map((file) => join(dir, file))
    .sort();
}

/** The import specifiers in `source`, in order. */
function importSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

/** One import: a repository path (a relative specifier, resolved) or a package (`tldts`, `astro:content`). */
interface Import {
  target: string;
  isPath: boolean;
}

function importsOf(file: string): Import[] {
  return importSpecifiers(readFileSync(join(ROOT, file), 'utf8')).map((specifier) =>
    specifier.startsWith('.') || specifier.startsWith('/')
      ? { target: relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/'), isPath: true }
      : { target: specifier, isPath: false },
  );
}

/** `file → import` for every import in `dirs` that `forbidden` rejects. */
function violations(dirs: string[], forbidden: (imported: Import) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) =>
      importsOf(file)
        .filter(forbidden)
        .map(({ target }) => `${file} → ${target}`),
    ),
  );
}

describe('the direction of dependencies', () => {
  test('the specifier scan sees every form of import', () => {
    const source = [
      "import type { Env } from './a.ts';",
      "import {\n  b,\n  c,\n} from '../b.ts';",
      "export { d } from './d.ts';",
      "import './e.ts';",
      "const f = await import('./f.ts');",
      "type G = typeof import('./g.ts');",
      '<script>import "../h.ts";</script>',
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.ts', '../b.ts', './d.ts', './e.ts', './f.ts', './g.ts', '../h.ts']);
  });

  test('the scan finds the source files it checks', () => {
    expect(sourceFiles('worker')).toContain('worker/index.ts');
    expect(sourceFiles('site')).toContain('site/src/pages/index.astro');
    expect(importsOf('worker/index.ts')).toContainEqual({ target: 'worker/http.ts', isPath: true });
  });

  test('nothing in worker/ or site/ imports from scripts/', () => {
    expect(violations(['worker', 'site'], ({ target, isPath }) => isPath && target.startsWith('scripts/'))).toEqual([]);
  });

  test('worker/core imports nothing outside worker/core but packages', () => {
    expect(violations(['worker/core'], ({ target, isPath }) => isPath && !target.startsWith('worker/core/'))).toEqual([]);
  });
});
