// After tsc: bundles the UI, and marks the bin executable (tsc writes files without the x bit,
// and npx runs the bin of a clone's own package as a program).
//
// Bundles the UI (ink, React, yoga and our components) into one file, dist/ui.bundle.js: loading
// one file instead of about a hundred modules cuts the time to the first frame by about 300 ms.
// Our own rooms (session, heap, proc, native, walkthrough) stay outside the bundle, so the UI
// and the CLI share one copy of them and of their state (the live mappings, above all).
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

const rooms = /^(?:\.\.\/)+(session|heap|proc|native|walkthrough|result)\/index\.js$/;

await build({
  entryPoints: ['dist/ui/entry.js'],
  outfile: 'dist/ui.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // React picks its production build by this test; the UI is always run in production.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some of ink's dependencies are CommonJS and call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Smaller to read from disk and to parse at every start; no source map is shipped.
  minify: true,
  logLevel: 'warning',
  plugins: [{
    name: 'memtui-rooms-and-stubs',
    setup(context) {
      context.onResolve({ filter: rooms }, (args) => ({ path: `./${rooms.exec(args.path)[1]}/index.js`, external: true }));
      // ink imports its React devtools bridge only when DEV is set; memtui never sets it.
      context.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
      context.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {};', loader: 'js' }));
    },
  }],
});

chmodSync('dist/cli.js', 0o755);
