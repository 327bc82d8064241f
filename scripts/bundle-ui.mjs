#!/usr/bin/env node
// Bundles the REPL (dist/repl.js, dist/app.js, dist/ui/*) with Ink, React and
// ink-text-input into dist/repl.bundle.js, so starting the REPL loads one file instead of a few
// hundred modules (about 330 ms here). weft's own modules outside the UI stay separate
// files (they find their data relative to themselves): the bundle imports them by path.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const uiDir = path.join(dist, 'ui');
const outfile = path.join(dist, 'repl.bundle.js');
const inUi = (file) => [path.join(dist, 'app.js'), path.join(dist, 'repl.js')].includes(file) || file.startsWith(uiDir + path.sep);

/** weft modules outside the UI: external, re-pointed from the bundle's own folder. */
const weftModulesStayFiles = {
  name: 'weft-modules-stay-files',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      if (!file.startsWith(dist + path.sep) || inUi(file)) return undefined;
      let rel = path.relative(dist, file).split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
    // Ink's devtools are imported only when DEV=true; there is nothing to connect to.
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

await build({
  entryPoints: [path.join(dist, 'repl.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // React's production build: the development one checks and warns at every render.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS (React) calls require() for Node's built-ins.
  banner: { js: "import { createRequire as __weftRequire } from 'node:module'; const require = __weftRequire(import.meta.url);" },
  plugins: [weftModulesStayFiles],
  logLevel: 'warning',
  legalComments: 'none',
});
