import { describe, expect, it } from 'vitest';
import { declarationPayload, newConflicts } from './declarations';
import type { VendorDeclaration } from './types';

const vendor = (
  id: string,
  name: string,
  conflicted: boolean | null,
  note: string | null = null,
): VendorDeclaration => ({
  organisationId: id,
  name,
  declared: conflicted !== null,
  conflicted,
  note,
});

const VENDORS = [
  vendor('o1', '九州未来（湖州）科技有限公司', null),
  vendor('o2', '浙江中海达空间信息技术有限公司', false),
  vendor('o3', '湖州实在智能科技有限公司', true, '曾任该公司顾问'),
];

describe('declarationPayload', () => {
  it('sends every vendor in list order, keeps a declared conflict and sends notes with conflicts only', () => {
    expect(
      declarationPayload(VENDORS, {
        declarations: [
          { conflicted: true, note: '  配偶在该公司任职 ' },
          { conflicted: false, note: '不应发送' },
          { conflicted: false, note: undefined },
        ],
      }),
    ).toEqual({
      declarations: [
        { organisationId: 'o1', conflicted: true, note: '配偶在该公司任职' },
        { organisationId: 'o2', conflicted: false, note: null },
        { organisationId: 'o3', conflicted: true, note: '曾任该公司顾问' },
      ],
    });
  });

  it('sends no note for a conflict without one', () => {
    expect(declarationPayload([VENDORS[0]], { declarations: [{ conflicted: true, note: '  ' }] })).toEqual({
      declarations: [{ organisationId: 'o1', conflicted: true, note: null }],
    });
  });
});

describe('newConflicts', () => {
  it('names the conflicts this submission adds, not those declared before', () => {
    const added = newConflicts(VENDORS, {
      declarations: [{ conflicted: false }, { conflicted: true }, { conflicted: true }],
    });
    expect(added.map((v) => v.organisationId)).toEqual(['o2']);
    expect(newConflicts(VENDORS, { declarations: [] })).toEqual([]);
  });
});
