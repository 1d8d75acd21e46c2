/**
 * Baseline: a bare node:http handler doing exactly what the Nest route does for the benchmark — the
 * same JWT verification (same library, key, algorithm allow-list, issuer, audience) and the same
 * indexed query — with nothing else (no framework, guards, logging, metrics or rate limits).
 */
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';
import { loadConfig } from '@app/config';
import { accessTokenVerifyOptions } from '../../libs/identity/src/auth/access-tokens';

const config = loadConfig(process.env);
const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
const key = createSecretKey(Buffer.from(config.JWT_ACCESS_SECRET, 'utf8'));
const verifyOptions = accessTokenVerifyOptions(config);
const route = /^\/api\/v1\/organisations\/([0-9a-f-]{36})$/;

const server = createServer((req, res) => {
  const m = route.exec(req.url ?? '');
  const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  if (req.method !== 'GET' || !m) return void res.writeHead(404).end();
  try {
    if (!auth) throw new Error('no token');
    verify(auth[1], key, verifyOptions);
  } catch {
    return void res.writeHead(401).end();
  }
  pool
    .query('SELECT * FROM organisation WHERE id = $1', [m[1]])
    .then(({ rows }) => {
      if (!rows[0]) return void res.writeHead(404).end();
      const body = JSON.stringify(rows[0]);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    })
    .catch(() => res.writeHead(500).end());
});

server.listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
