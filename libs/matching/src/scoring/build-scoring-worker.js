/**
 * Bundles the scoring worker thread (scoring.worker.ts and the engine) next to the API and worker
 * bundles as `matching-scoring.worker.js`, where ScoringPool looks for it in a built app (webpack
 * bundles have no separate file to start a thread from). Run after `nest build` (npm run build).
 */
const path = require('node:path');
const webpack = require('webpack');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const root = path.resolve(__dirname, '../../../..');
const outputs = ['dist/apps/worker', 'dist/apps/api'];

const configs = outputs.map((out) => ({
  mode: 'production',
  target: 'node',
  entry: path.join(__dirname, 'scoring.worker.ts'),
  output: { path: path.join(root, out), filename: 'matching-scoring.worker.js', library: { type: 'commonjs2' } },
  externals: [nodeExternals({ modulesDir: path.join(root, 'node_modules') })],
  externalsPresets: { node: true },
  resolve: {
    extensions: ['.ts', '.js'],
    plugins: [new TsconfigPathsPlugin({ configFile: path.join(root, 'tsconfig.build.json') })],
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        options: { transpileOnly: true, configFile: path.join(root, 'tsconfig.build.json') },
      },
    ],
  },
  optimization: { minimize: false },
  node: { __dirname: false, __filename: false },
}));

webpack(configs, (error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString('errors-only'));
    process.exit(1);
  }
  console.log(`matching-scoring.worker.js written to ${outputs.join(', ')}`);
});
