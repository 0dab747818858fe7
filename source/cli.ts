#!/usr/bin/env node
// React's development build is several times slower; the published bin is production.
process.env.NODE_ENV ??= 'production';
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
