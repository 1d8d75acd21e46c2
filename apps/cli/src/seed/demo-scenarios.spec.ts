import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateScenarioDto, GENERATIVE_AI_CAPABILITIES, ScenarioEntity, submissionViolations } from '@app/scenarios';
import { DEMO_ACCOUNTS, demoOrganisation } from './demo-data';
import { DEMO_SCENARIOS, demoDeadline } from './demo-scenarios';

const NOW = new Date('2026-11-24T23:30:00Z');

describe('demo scenarios', () => {
  it('are valid scenario input, drafted by agency accounts, unique by title within each agency', () => {
    const keys = new Set<string>();
    for (const spec of DEMO_SCENARIOS) {
      const deadline =
        spec.deadlineDays === null ? {} : { proposalDeadline: demoDeadline(NOW, spec.deadlineDays).toISOString() };
      const dto = plainToInstance(CreateScenarioDto, { ...spec.fields, ...deadline });
      expect([spec.fields.title, validateSync(dto).map((e) => e.property)]).toEqual([spec.fields.title, []]);
      const author = DEMO_ACCOUNTS.find((a) => a.email === spec.author);
      expect(author?.role).toMatch(/^agency_(officer|admin)$/);
      expect(demoOrganisation(author!.organisationKey!).type).toBe('agency');
      keys.add(`${author!.organisationKey}/${spec.fields.title}`);
    }
    expect(keys.size).toBe(DEMO_SCENARIOS.length);
  });

  it('are complete enough to submit unless left as drafts, with deadlines 20–60 days ahead', () => {
    for (const spec of DEMO_SCENARIOS.filter((s) => s.status !== 'draft')) {
      const s = Object.assign(new ScenarioEntity(), {
        kpis: [],
        dataResources: [],
        capabilityCodes: [],
        privateFields: [],
        ...spec.fields,
        proposalDeadline: demoDeadline(NOW, spec.deadlineDays!),
      });
      expect([spec.fields.title, submissionViolations(s, NOW)]).toEqual([spec.fields.title, []]);
      expect(spec.deadlineDays).toBeGreaterThanOrEqual(20);
      expect(spec.deadlineDays).toBeLessThanOrEqual(60);
      expect(spec.fields.budgetMinYuan).toBeGreaterThanOrEqual(300_000);
      expect(spec.fields.budgetMaxYuan).toBeLessThanOrEqual(5_000_000);
      if (spec.fields.capabilityCodes!.some((c) => GENERATIVE_AI_CAPABILITIES.includes(c)))
        expect(spec.fields.compliance?.generativeAiFiling).toBe(true);
    }
  });

  it('cover the four domains and the statuses a demo needs', () => {
    const count = (status: string) => DEMO_SCENARIOS.filter((s) => s.status === status).length;
    expect(DEMO_SCENARIOS.length).toBeGreaterThanOrEqual(24);
    expect(count('published')).toBeGreaterThanOrEqual(15);
    expect(count('submitted')).toBeGreaterThanOrEqual(3);
    expect(count('draft')).toBeGreaterThanOrEqual(2);
    expect(count('returned')).toBe(1);
    expect(DEMO_SCENARIOS.find((s) => s.status === 'returned')?.returnComments).toBeDefined();
    for (const domain of ['manufacturing', 'agriculture', 'culture_tourism', 'transport'])
      expect([domain, DEMO_SCENARIOS.some((s) => s.status === 'published' && s.fields.domain === domain)]).toEqual([
        domain,
        true,
      ]);
    expect(DEMO_SCENARIOS.some((s) => s.fields.contact && !s.fields.contact.public)).toBe(true);
    expect(DEMO_SCENARIOS.some((s) => s.fields.titleEn)).toBe(true);
  });

  it('puts deadlines in the future at 17:00 Beijing time, whatever the time of the run', () => {
    expect(demoDeadline(NOW, 1).toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(demoDeadline(new Date('2026-11-24T00:10:00Z'), 1).getTime()).toBeGreaterThan(
      Date.parse('2026-11-24T00:10:00Z'),
    );
    expect(demoDeadline(NOW, 30).getTime()).toBeGreaterThan(NOW.getTime() + 29 * 86_400_000);
  });
});
