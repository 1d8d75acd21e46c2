import { analyseScenario, analyseVendor, corpusStats, prescore, scoreMatch } from './engine';
import { BUDGET_POINTS, TRL_POINTS, UNKNOWN_FIT } from './engine/engine';
import { type CandidatePreference, preferencePoints } from './match-index';
import { labelledSet, vendorInputs } from './testing/matching-fixtures';
import { scenarioInput } from './engine/eval-fixture';

const scenario: CandidatePreference = {
  domain: 'manufacturing',
  budgetMinYuan: 500_000,
  budgetMaxYuan: 1_000_000,
  trlRequired: 7,
};
const vendor = { budgetMinYuan: 300_000, budgetMaxYuan: 800_000, trl: 7, domainFit: 1 };

describe('candidate preference (budget and TRL, not in prescore)', () => {
  it('adds the engine’s budget fit and replaces the typical-TRL stand-in by the required TRL', () => {
    // Overlapping budgets, TRL meets both the requirement and the stand-in (7): budget points only.
    expect(preferencePoints(scenario, vendor)).toBeCloseTo(BUDGET_POINTS, 6);
    // A decade above the scenario's maximum: 1 − 1.2 × log10(10) < 0 → fit 0.
    expect(preferencePoints(scenario, { ...vendor, budgetMinYuan: 10_000_000, budgetMaxYuan: 20_000_000 })).toBe(0);
    // Unknown budget: neutral fit.
    expect(preferencePoints(scenario, { ...vendor, budgetMinYuan: null, budgetMaxYuan: null })).toBeCloseTo(
      BUDGET_POINTS * UNKNOWN_FIT,
      6,
    );
    // Scenario requires TRL 9, vendor at 7: fit 1 − 0.35 × 2 = 0.3 instead of the stand-in's 1.
    expect(preferencePoints({ ...scenario, trlRequired: 9 }, vendor)).toBeCloseTo(BUDGET_POINTS + TRL_POINTS * -0.7, 6);
    // No requirement: full TRL fit, minus the stand-in only as far as the domain posting carries it.
    expect(preferencePoints({ ...scenario, trlRequired: null }, { ...vendor, trl: 5, domainFit: 0.5 })).toBeCloseTo(
      BUDGET_POINTS + TRL_POINTS * (1 - 0.5 * 0.3),
      6,
    );
  });

  it('orders near-identical vendors (differing only in budget and TRL) as exact scoring does', () => {
    const base = vendorInputs(1, 7)[0];
    const s = analyseScenario({
      ...scenarioInput(labelledSet().scenarios[0]),
      id: 's',
      budgetMinYuan: 500_000,
      budgetMaxYuan: 1_000_000,
      trlRequired: 8,
    });
    const clones = [
      { ...base, organisationId: 'a', typicalBudgetMinYuan: 10, typicalBudgetMaxYuan: 20, trl: 3 },
      {
        ...base,
        organisationId: 'b',
        typicalBudgetMinYuan: s.budgetMinYuan,
        typicalBudgetMaxYuan: s.budgetMaxYuan,
        trl: 3,
      },
      {
        ...base,
        organisationId: 'c',
        typicalBudgetMinYuan: s.budgetMinYuan,
        typicalBudgetMaxYuan: s.budgetMaxYuan,
        trl: 9,
      },
    ].map(analyseVendor);
    const stats = corpusStats(clones);
    const exact = clones.map((v) => scoreMatch(s, v, stats).score);
    // The prescore (postings) plus the preference: what orders candidates in PostgreSQL.
    const preferred = clones.map(
      (v) =>
        prescore(s, v, stats) +
        preferencePoints(s, {
          budgetMinYuan: v.budgetMinYuan,
          budgetMaxYuan: v.budgetMaxYuan,
          trl: v.trl,
          domainFit: v.domainFit[s.domain] ?? 0,
        }),
    );
    expect(exact[0]).toBeLessThan(exact[1]);
    expect(exact[1]).toBeLessThan(exact[2]);
    expect(preferred[0]).toBeLessThan(preferred[1]);
    expect(preferred[1]).toBeLessThan(preferred[2]);
  });
});
