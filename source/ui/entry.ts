// What the CLI loads for the UI: ink's render and the App. scripts/bundle-ui.mjs bundles it with
// ink and React into dist/ui.bundle.js, which starts several times faster than ~100 modules.
export { render } from 'ink';
export { App } from './app.js';
