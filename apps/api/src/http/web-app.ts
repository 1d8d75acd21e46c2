import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the server, never to the single-page app's router. */
const SERVER_PATHS = /^\/(api|admin|health|metrics)(\/|$|\?)/;
/** A missing file (`/favicon.ico`, an old hashed asset) is a 404, not the app's page. */
const FILE_LIKE = /\/[^/?]+\.[a-z0-9]+(\?|$)/i;

/**
 * Serves the built web front end (apps/web → dist/apps/web) from the API process: hashed assets
 * cached for a year, index.html never cached, and every other GET of a page answered with
 * index.html so deep links work. Without a build the API runs alone (returns false).
 */
export async function mountWebApp(app: NestFastifyApplication, distDir: string): Promise<boolean> {
  const root = resolve(distDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file found at start-up instead of a catch-all: the SPA fallback below owns `/*`.
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    if (SERVER_PATHS.test(request.url) || FILE_LIKE.test(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
