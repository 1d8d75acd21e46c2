import { SetMetadata } from '@nestjs/common';
import { CachedReflector } from './cached-reflector';

class Routes {
  @SetMetadata('limit', 5)
  a() {}

  @SetMetadata('limit', 7)
  b() {}

  c() {}
}
SetMetadata('limit', 1)(OtherRoutes);
function OtherRoutes() {}

describe('CachedReflector', () => {
  it('gives the same answers as Reflector, per handler, class and key', () => {
    const r = new CachedReflector();
    for (let i = 0; i < 2; i++) {
      expect(r.getAllAndOverride('limit', [Routes.prototype.a, Routes])).toBe(5);
      expect(r.getAllAndOverride('limit', [Routes.prototype.b, Routes])).toBe(7);
      expect(r.getAllAndOverride('limit', [Routes.prototype.c, Routes])).toBeUndefined();
      expect(r.getAllAndOverride('limit', [Routes.prototype.c, OtherRoutes])).toBe(1);
      expect(r.getAllAndOverride('ttl', [Routes.prototype.a, Routes])).toBeUndefined();
    }
  });
});
