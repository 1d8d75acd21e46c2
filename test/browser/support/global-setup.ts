import { ensureWebBuild } from './web-build';

/**
 * The browser project's own global setup (Jest runs it only when a browser test is selected, before
 * the run's shared setup in test/support): makes sure there is a web build to serve, once per run.
 */
export default function browserGlobalSetup(): void {
  ensureWebBuild();
}
