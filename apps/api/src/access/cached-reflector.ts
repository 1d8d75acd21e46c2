import { Reflector } from '@nestjs/core';

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/**
 * Route metadata is fixed once the application has started, so lookups can be memoised per
 * (handler, class, key). For guards that read many keys on every request: the throttler reads ~16.
 */
export class CachedReflector extends Reflector {
  private readonly cache = new WeakMap<object, WeakMap<object, Map<unknown, unknown>>>();

  override getAllAndOverride<T = unknown>(metadataKey: unknown, targets: Target[]): T {
    const [handler, classRef] = targets;
    if (targets.length !== 2 || !handler || !classRef) return super.getAllAndOverride<T>(metadataKey, targets);
    let byClass = this.cache.get(handler);
    if (!byClass) this.cache.set(handler, (byClass = new WeakMap()));
    let byKey = byClass.get(classRef);
    if (!byKey) byClass.set(classRef, (byKey = new Map()));
    if (!byKey.has(metadataKey)) byKey.set(metadataKey, super.getAllAndOverride<T>(metadataKey, targets));
    return byKey.get(metadataKey) as T;
  }
}
