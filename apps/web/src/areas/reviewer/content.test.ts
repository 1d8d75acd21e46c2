import { describe, expect, it } from 'vitest';
import { formatBytes, textBlocks } from './content';

describe('textBlocks', () => {
  it('reads the seeded technical approach', () => {
    expect(textBlocks('## 技术路线\n巡查车加装边缘AI一体机，实时识别道路病害。')).toEqual([
      { type: 'heading', text: '技术路线' },
      { type: 'paragraph', text: '巡查车加装边缘AI一体机，实时识别道路病害。' },
    ]);
  });

  it('groups lists and paragraphs', () => {
    expect(textBlocks('概述第一行\n第二行\n\n- 甲\n- 乙\n  续行\n1. 一\n2. 二\n\n结语')).toEqual([
      { type: 'paragraph', text: '概述第一行\n第二行' },
      { type: 'list', ordered: false, items: ['甲', '乙 续行'] },
      { type: 'list', ordered: true, items: ['一', '二'] },
      { type: 'paragraph', text: '结语' },
    ]);
  });

  it('keeps markup as text and copes with nothing', () => {
    expect(textBlocks('<script>alert(1)</script>')).toEqual([{ type: 'paragraph', text: '<script>alert(1)</script>' }]);
    expect(textBlocks(undefined)).toEqual([]);
    expect(textBlocks('\r\n\r\n')).toEqual([]);
  });
});

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(300 * 1024)).toBe('300 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
