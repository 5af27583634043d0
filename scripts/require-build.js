// `npm start` runs dist/, which `npm run build` makes: without it Node would print a raw ERR_MODULE_NOT_FOUND
// stack. Plain JavaScript, because it runs before anything is compiled.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

if (!existsSync(entry)) {
  process.stderr.write(
    'trunkbot is not built yet: run `npm run build` first (it compiles src/ into dist/), then `npm start`.\n' +
      'To run from source without building, use `npm run dev`.\n',
  );
  process.exit(1);
}
