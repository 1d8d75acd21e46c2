import { Controller, Get } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@app/config';
import { AccessTokens } from '@app/identity';
import { DomainErrorFilter } from '../errors/domain-error.filter';
import { Public, Roles } from './access.decorators';
import { AccessGuard } from './access.guard';

@Controller('probe')
class ProbeController {
  @Get('forgotten')
  forgotten() {
    return { reached: true };
  }

  @Get('open')
  @Public()
  open() {
    return { reached: true };
  }

  @Get('staff')
  @Roles('staff')
  staffOnly() {
    return { reached: true };
  }
}

describe('AccessGuard (default deny)', () => {
  let app: NestFastifyApplication;
  let tokens: AccessTokens;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [
        AccessTokens,
        { provide: AppConfig, useValue: loadConfig({}) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    tokens = app.get(AccessTokens);
  });
  afterAll(async () => app.close());

  const get = (url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses a route that declares no policy, even to the platform admin', async () => {
    const admin = tokens.sign({ userId: 'u', organisationId: 'o', role: 'platform_admin' }).token;
    const res = await get('/probe/forgotten', admin);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCESS_NO_POLICY');
  });

  it('lets anyone reach a public route, and only the named roles reach a role route', async () => {
    expect((await get('/probe/open')).statusCode).toBe(200);
    expect((await get('/probe/staff')).statusCode).toBe(401);
    const vendor = tokens.sign({ userId: 'u', organisationId: 'o', role: 'vendor_admin' }).token;
    expect((await get('/probe/staff', vendor)).statusCode).toBe(403);
    const staff = tokens.sign({ userId: 'u', organisationId: 'o', role: 'staff' }).token;
    expect((await get('/probe/staff', staff)).json()).toEqual({ reached: true });
  });
});
