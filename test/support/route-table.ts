import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_POLICY, type AccessPolicy } from '../../apps/api/src/access/access.decorators';
import { API_PREFIX, UNPREFIXED_PATHS } from '../../apps/api/src/app.factory';

export interface RouteInfo {
  /** e.g. `POST /api/v1/organisations/:id/verify` */
  key: string;
  method: string;
  path: string;
  policy: AccessPolicy | undefined;
  handler: (...args: unknown[]) => unknown;
  controller: string;
}

const join = (...parts: string[]) =>
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every route the Nest application serves, read from controller metadata (the real route table). */
export function routeTable(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const classPaths = [Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? ''].flat() as string[];
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, (...args: unknown[]) => unknown>)[name];
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const policy =
        (Reflect.getMetadata(ACCESS_POLICY, handler) as AccessPolicy | undefined) ??
        (Reflect.getMetadata(ACCESS_POLICY, wrapper.metatype) as AccessPolicy | undefined);
      for (const cp of classPaths) {
        for (const mp of [methodPath].flat()) {
          const local = join(cp, mp);
          const path = `/${UNPREFIXED_PATHS.includes(local) ? local : join(API_PREFIX, local)}`;
          routes.push({ key: `${method} ${path}`, method, path, policy, handler, controller: wrapper.name });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
