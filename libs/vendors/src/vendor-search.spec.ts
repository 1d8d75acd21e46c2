import { markdownPlainText, vendorSearchFields } from './vendor-search';

describe('vendor search fields', () => {
  it('reads Markdown as plain text', () => {
    expect(
      markdownPlainText('## 简介\n专注**工业视觉**，见[产品页](https://example.cn)。\n\n- 面料\n- `焊缝`\n> 引言'),
    ).toBe('简介\n专注工业视觉，见产品页。\n面料\n焊缝\n引言');
    expect(markdownPlainText(null)).toBe('');
  });

  it('indexes names and product names first, then texts, cases and certificates, then taxonomy labels', () => {
    const fields = vendorSearchFields(
      {
        organisationId: 'x',
        description: '**面料**瑕疵检测',
        products: [{ name: '焊缝检测一体机', description: '外观质检' }],
        pastCases: [{ title: '茶叶包装', client: '安吉茶企', year: 2024, outcome: '复检减半' }],
        certifications: [{ name: 'ISO 9001', issuer: '认证中心' }],
        domains: ['manufacturing'],
        capabilityCodes: ['cv_inspection'],
        industryFields: ['beidou_smart_driving'],
        districts: ['anji'],
      },
      { nameZh: '慧眼科技', nameEn: 'Huiyan Tech' },
    );
    expect(fields.map((f) => f.weight)).toEqual(['A', 'B', 'C', 'D']);
    expect(fields[0].text).toBe('慧眼科技\nHuiyan Tech\n焊缝检测一体机');
    expect(fields[1].text).toBe('面料瑕疵检测\n外观质检');
    expect(fields[2].text).toBe('茶叶包装\n安吉茶企\n复检减半\nISO 9001\n认证中心');
    for (const label of ['智能制造', '机器视觉质检', '北斗智驾', '安吉县', 'BeiDou & smart driving'])
      expect(fields[3].text).toContain(label);
  });
});
