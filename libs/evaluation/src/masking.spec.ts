import fc from 'fast-check';
import {
  blindLabels,
  letters,
  maskContent,
  maskedFileName,
  maskStrings,
  maskText,
  reviewerLabels,
  saltedOrder,
} from './masking';

/** Chinese company-like names: 2–12 CJK characters (labels are ASCII, so they never contain one). */
const cjkName = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 2, maxLength: 12 })
  .map((cs) => String.fromCharCode(...cs));

describe('blind labels', () => {
  it('counts in letters like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(letters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('gives every proposal a distinct label, the same whatever the input order, and new ones per evaluation', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.uuid(),
        fc
          .uniqueArray(fc.uuid(), { minLength: 1, maxLength: 40 })
          .chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))),
        (evaluationId, otherEvaluation, [ids, shuffled]) => {
          const labels = blindLabels(evaluationId, ids);
          expect(blindLabels(evaluationId, shuffled)).toEqual(labels);
          expect(new Set(labels.values()).size).toBe(ids.length);
          expect([...labels.values()].sort()).toEqual(ids.map((_, i) => `Vendor ${letters(i)}`).sort());
          if (ids.length > 6 && evaluationId !== otherEvaluation)
            expect(saltedOrder(otherEvaluation, ids)).not.toEqual(saltedOrder(evaluationId, ids));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('numbers reviewers 1..n in an order unrelated to their ids', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const labels = reviewerLabels('e1', ids);
    expect([...labels.values()].sort()).toEqual(ids.map((_, i) => `Reviewer ${i + 1}`).sort());
    expect(ids.map((id) => labels.get(id))).not.toEqual(ids.map((_, i) => `Reviewer ${i + 1}`));
  });
});

describe('masking text and content', () => {
  it('replaces every occurrence of every name, longest first, leaving one-character names alone', () => {
    const pseudonyms = [
      { name: '湖州智造', label: 'Vendor A' },
      { name: '湖州智造科技有限公司', label: 'Vendor A' },
      { name: '南太湖视觉', label: 'Vendor B' },
      { name: '湖', label: 'Vendor C' },
    ];
    expect(maskText('湖州智造科技有限公司联合南太湖视觉；湖州智造负责算法。', pseudonyms)).toBe(
      'Vendor A联合Vendor B；Vendor A负责算法。',
    );
  });

  it('masks Latin names whatever their case, but only as whole words (a phone number is not masked inside a longer one)', () => {
    const pseudonyms = [
      { name: 'Loom Vision Ltd', label: 'Vendor A' },
      { name: '0572-2345678', label: 'Vendor A' },
      { name: 'Li', label: 'Team member 1' },
    ];
    expect(
      maskText(
        'LOOM VISION LTD (loom vision ltd) · Tel 0572-2345678 · 10572-23456789 · Li leads Linux work',
        pseudonyms,
      ),
    ).toBe('Vendor A (Vendor A) · Tel Vendor A · 10572-23456789 · Team member 1 leads Linux work');
    expect(maskText('a+b (huzhou) co. wins', [{ name: 'A+B (Huzhou) Co.', label: 'Vendor B' }])).toBe('Vendor B wins');
  });

  it('leaves no name in any string of a nested value, and keeps its shape and other values', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(cjkName, { minLength: 1, maxLength: 5 }),
        fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        fc.integer(),
        (names, fillers, n) => {
          const pseudonyms = names.map((name, i) => ({ name, label: `Vendor ${letters(i)}` }));
          const text = fillers.map((f, i) => `${f}${names[i % names.length]}`).join('');
          const value = { a: text, list: [text, { deep: text, n }], flag: true, none: null };
          const masked = maskStrings(value, pseudonyms);
          for (const name of names) expect(JSON.stringify(masked)).not.toContain(name);
          expect(masked.list[1]).toEqual({ deep: masked.a, n });
          expect(masked.flag).toBe(true);
          expect(masked.none).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('masks team members and reference clients by position, in their fields and in the text', () => {
    const content = {
      technicalApproach: '由张三牵头，沿用为浙江某纺织集团实施的方案，湖州智造提供算法。',
      team: [
        { name: '张三', role: '项目经理', qualifications: '高级工程师' },
        { name: '李四', role: '算法工程师', qualifications: '曾与张三合作' },
      ],
      references: [{ client: '浙江某纺织集团', project: '面料检测', year: 2024 }],
      priceYuan: 900_000,
      trialPlan: null,
    };
    const masked = maskContent(content, [{ name: '湖州智造', label: 'Vendor A' }]);
    expect(masked).toEqual({
      technicalApproach: '由Team member 1牵头，沿用为Client 1实施的方案，Vendor A提供算法。',
      team: [
        { name: 'Team member 1', role: '项目经理', qualifications: '高级工程师' },
        { name: 'Team member 2', role: '算法工程师', qualifications: '曾与Team member 1合作' },
      ],
      references: [{ client: 'Client 1', project: '面料检测', year: 2024 }],
      priceYuan: 900_000,
      trialPlan: null,
    });
  });

  it('keeps only the position and extension of an attachment name', () => {
    expect(maskedFileName('湖州智造-技术方案.PDF', 0)).toBe('attachment-1.pdf');
    expect(maskedFileName('报价单.xlsx', 2)).toBe('attachment-3.xlsx');
    expect(maskedFileName('README', 1)).toBe('attachment-2');
  });
});
