import fc from 'fast-check';
import type { RubricCriterion } from './rubric';
import { coverage, type Declarations, eligibility, scoreViolations } from './scoring-rules';

const RUBRIC: RubricCriterion[] = [
  { key: 'technical', name: '技术方案', weight: 60, scaleMax: 10, commentRequired: true },
  { key: 'price', name: '报价', weight: 40, scaleMax: 5, commentRequired: false },
];

describe('score rules', () => {
  it('accepts one whole value within scale per criterion, with the comments the rubric asks for', () => {
    expect(
      scoreViolations(RUBRIC, [
        { criterion: 'technical', value: 10, comment: '方案完整' },
        { criterion: 'price', value: 0 },
      ]),
    ).toEqual([]);
  });

  it('names the criterion whose value is off its scale or whose required comment is missing', () => {
    expect(
      scoreViolations(RUBRIC, [
        { criterion: 'technical', value: 11, comment: '  ' },
        { criterion: 'price', value: 2.5 },
      ]),
    ).toEqual([
      {
        field: 'scores.technical.value',
        rule: 'evaluation.score_out_of_scale',
        params: { criterion: 'technical', max: 10 },
      },
      { field: 'scores.technical.comment', rule: 'evaluation.comment_required', params: { criterion: 'technical' } },
      { field: 'scores.price.value', rule: 'evaluation.score_out_of_scale', params: { criterion: 'price', max: 5 } },
    ]);
    expect(scoreViolations(RUBRIC, [{ criterion: 'price', value: -1 }])).toEqual([
      { field: 'scores.price.value', rule: 'evaluation.score_out_of_scale', params: { criterion: 'price', max: 5 } },
      { field: 'scores.technical', rule: 'evaluation.criterion_missing', params: { criterion: 'technical' } },
    ]);
  });

  it('refuses unknown and repeated criteria', () => {
    expect(
      scoreViolations(RUBRIC, [
        { criterion: 'technical', value: 5, comment: '可以' },
        { criterion: 'technical', value: 6, comment: '可以' },
        { criterion: 'price', value: 3 },
        { criterion: 'beauty', value: 1 },
      ]),
    ).toEqual([
      { field: 'scores[1].criterion', rule: 'evaluation.duplicate_criterion', params: { criterion: 'technical' } },
      { field: 'scores[3].criterion', rule: 'evaluation.unknown_criterion', params: { criterion: 'beauty' } },
    ]);
  });

  it('accepts a value exactly when it is a whole number from 0 to the scale maximum', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true })), (v) => {
        const ok =
          scoreViolations(RUBRIC, [
            { criterion: 'technical', value: 5, comment: '好' },
            { criterion: 'price', value: v },
          ]).length === 0;
        expect(ok).toBe(Number.isInteger(v) && v >= 0 && v <= 5);
      }),
      { numRuns: 300 },
    );
  });
});

describe('conflicts of interest and coverage', () => {
  const decl = (entries: [string, boolean][]): Declarations =>
    new Map(entries.map(([org, conflicted]) => [org, { conflicted }]));
  const consortium = { proposalId: 'p1', organisationIds: ['lead', 'member'] };

  it('excludes a reviewer conflicted with any party of a consortium; undeclared parties block opening', () => {
    expect(
      eligibility(
        decl([
          ['lead', false],
          ['member', false],
        ]),
        consortium,
      ),
    ).toBe('eligible');
    expect(
      eligibility(
        decl([
          ['lead', false],
          ['member', true],
        ]),
        consortium,
      ),
    ).toBe('conflicted');
    expect(eligibility(decl([['member', true]]), consortium)).toBe('conflicted');
    expect(eligibility(decl([['lead', false]]), consortium)).toBe('undeclared');
  });

  it('counts eligible, conflicted and undeclared reviewers per proposal against the minimum', () => {
    const proposals = [consortium, { proposalId: 'p2', organisationIds: ['solo'] }];
    const all = (c: boolean): [string, boolean][] => [
      ['lead', c],
      ['member', false],
      ['solo', false],
    ];
    const declarations = new Map<string, Declarations>([
      ['r1', decl(all(false))],
      ['r2', decl(all(true))],
      ['r3', decl([['solo', true]])],
    ]);
    expect(coverage(['r1', 'r2', 'r3', 'r4'], declarations, proposals, 2)).toEqual([
      { proposalId: 'p1', eligible: 1, conflicted: 1, undeclared: 2, shortfall: 1, enough: false },
      { proposalId: 'p2', eligible: 2, conflicted: 1, undeclared: 1, shortfall: 0, enough: true },
    ]);
  });

  it('always accounts for every panel member exactly once per proposal', () => {
    const orgs = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.constantFrom(...orgs), fc.boolean()), { maxLength: 4 }), { maxLength: 8 }),
        fc.array(fc.subarray(orgs, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (panelDecls, parties, minimum) => {
          const panel = panelDecls.map((_, i) => `r${i}`);
          const declarations = new Map(panelDecls.map((d, i) => [`r${i}`, decl(d)]));
          const proposals = parties.map((organisationIds, i) => ({ proposalId: `p${i}`, organisationIds }));
          for (const c of coverage(panel, declarations, proposals, minimum)) {
            expect(c.eligible + c.conflicted + c.undeclared).toBe(panel.length);
            expect(c.enough).toBe(c.eligible >= minimum);
            expect(c.shortfall).toBe(Math.max(0, minimum - c.eligible));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
