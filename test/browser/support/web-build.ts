import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The web build the browser tests serve: `dist/apps/web` (what `npm run build` and CI produce), or
 * `SX_BROWSER_WEB_DIR` when set (a developer's own build, e.g. `npx vite build --config
 * apps/web/vite.config.mts --outDir /tmp/web-mine --emptyOutDir`, so a shared dist/ is left alone).
 */
export function webDistDir(): string {
  return resolve(ROOT, process.env.SX_BROWSER_WEB_DIR ?? join('dist', 'apps', 'web'));
}

/** The newest modification time (ms) of the files the web build is made from. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of [
    'apps/web/src',
    'apps/web/index.html',
    'apps/web/vite.config.mts',
    'libs/taxonomy/src/taxonomy-data.json',
  ]) {
    visit(join(ROOT, p));
  }
  return newest;
}

/**
 * Builds the web front end into webDistDir() when it has no index.html yet or is older than its
 * sources (CI builds right before testing; a developer may have changed pages since the last build),
 * so the browser tests never test stale pages.
 */
export function ensureWebBuild(): string {
  const dir = webDistDir();
  const index = join(dir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSourceMtime()) return dir;
  process.stderr.write(`browser tests: web build at ${dir} missing or older than apps/web, building it (vite)…\n`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(ROOT, 'apps', 'web', 'vite.config.mts'),
      '--outDir',
      dir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 },
  );
  if (result.status !== 0 || !existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `browser tests: the web build failed (exit ${result.status ?? result.signal}); run npx vite build --config apps/web/vite.config.mts`,
    );
  }
  process.stderr.write(`browser tests: web built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return dir;
}
