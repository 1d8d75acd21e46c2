import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { type Actor, type Role, systemContext } from '@app/common';
import { ScenarioService } from '@app/scenarios';
import { completeScenarioFields, registrationBody } from './fixtures';
import type { TestApp } from './test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A centre staff member (tokens need no stored user). */
export const staffActor = (): Actor => ({ userId: randomUUID(), organisationId: randomUUID(), role: 'staff' });

/** Calls to the API as an actor, and the usual ways of getting organisations and scenarios there. */
export function scenarioSetup(t: TestApp, staff: Actor = staffActor()) {
  const auth = (actor: Actor) => ({ authorization: `Bearer ${t.tokenFor(actor)}` });
  const call = (actor: Actor, method: Method, url: string, payload?: object): Promise<LightMyRequestResponse> =>
    t.request({ method, url: `/api/v1${url}`, headers: auth(actor), ...(payload ? { payload } : {}) });
  let seq = 0;

  /** A registered organisation's first user (its admin), verified by staff unless `verified` is false. */
  async function organisation(type: 'agency' | 'vendor', verified = true): Promise<Actor> {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', payload: registrationBody(type) });
    if (res.statusCode !== 201) throw new Error(`register ${type}: ${res.statusCode} ${res.body}`);
    const organisationId = res.json().organisation.id as string;
    if (verified) {
      const v = await call(staff, 'POST', `/organisations/${organisationId}/verify`);
      if (v.statusCode !== 200) throw new Error(`verify: ${v.statusCode} ${v.body}`);
    }
    return { userId: res.json().user.id, organisationId, role: res.json().user.role as Role };
  }

  /**
   * A complete scenario of `agency` taken through submission and vetting to `approved`; `fields`
   * override `completeScenarioFields()` (and `domain`, 'manufacturing' by default).
   */
  async function approvedScenario(
    agency: Actor,
    title = `童装面料瑕疵AI视觉检测 ${++seq}`,
    fields: Partial<ReturnType<typeof completeScenarioFields>> & { domain?: string } = {},
  ) {
    const { domain = 'manufacturing', ...overrides } = fields;
    const d = await call(agency, 'POST', '/scenarios', { title, domain });
    if (d.statusCode !== 201) throw new Error(`create: ${d.statusCode} ${d.body}`);
    const id = d.json().id as string;
    const p = await call(agency, 'PATCH', `/scenarios/${id}`, {
      ...completeScenarioFields(title),
      ...overrides,
      version: 1,
    });
    if (p.statusCode !== 200) throw new Error(`patch: ${p.statusCode} ${p.body}`);
    const s = await call(agency, 'POST', `/scenarios/${id}/submit`);
    if (s.statusCode !== 200) throw new Error(`submit: ${s.statusCode} ${s.body}`);
    const a = await call(staff, 'POST', `/vetting/${id}/approve`);
    if (a.statusCode !== 200) throw new Error(`approve: ${a.statusCode} ${a.body}`);
    return { id, code: s.json().code as string, title };
  }

  /** A scenario of `agency` published on the opportunity list (by the system, as a batch would). */
  async function publishedScenario(
    agency: Actor,
    title?: string,
    fields?: Partial<ReturnType<typeof completeScenarioFields>> & { domain?: string },
  ) {
    const s = await approvedScenario(agency, title, fields);
    await t.app.get(ScenarioService).transition(systemContext(randomUUID()), s.id, 'publish');
    return s;
  }

  return { staff, auth, call, organisation, approvedScenario, publishedScenario };
}
