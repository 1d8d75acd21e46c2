import { scenarioSearchFields } from './scenario-search';

const base = {
  title: '童装面料瑕疵AI视觉检测',
  summary: '面料瑕疵依赖人工目检',
  titleEn: 'Fabric inspection',
  summaryEn: null,
  description: '织里镇童装产业集群',
  currentSituation: '每条产线 4 名质检员',
  domain: 'manufacturing',
  sector: 'textile',
  capabilityCodes: ['cv_inspection'],
  district: 'wuxing',
  privateFields: [] as ('budget' | 'contact' | 'dataResources' | 'currentSituation')[],
};

describe('scenarioSearchFields', () => {
  it('weights title A, summary and English B, description and situation C, taxonomy labels D', () => {
    const fields = scenarioSearchFields(base);
    expect(fields.map((f) => f.weight)).toEqual(['A', 'B', 'C', 'D']);
    expect(fields[0].text).toBe(base.title);
    expect(fields[1].text).toContain('Fabric inspection');
    expect(fields[2].text).toContain('质检员');
    expect(fields[3].text).toEqual(expect.stringContaining('机器视觉质检'));
    expect(fields[3].text).toEqual(expect.stringContaining('Machine-vision inspection'));
    expect(fields[3].text).toEqual(expect.stringContaining('Textiles & apparel'));
    expect(fields[3].text).toEqual(expect.stringContaining('智能制造'));
  });

  it('leaves out a current situation the agency marked private', () => {
    const fields = scenarioSearchFields({ ...base, privateFields: ['currentSituation'] });
    expect(fields[2].text).not.toContain('质检员');
  });

  it('tolerates unknown codes and empty fields', () => {
    const fields = scenarioSearchFields({
      ...base,
      summary: null,
      titleEn: null,
      description: null,
      currentSituation: null,
      sector: null,
      district: null,
      capabilityCodes: ['no_such_code'],
    });
    expect(fields[1].text).toBe('');
    expect(fields[3].text).toContain('Manufacturing');
  });
});
