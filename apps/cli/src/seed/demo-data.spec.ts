import { ROLES, ROLES_BY_ORGANISATION_TYPE } from '@app/common';
import { Passwords, validateUscc } from '@app/identity';
import { isKnownCode } from '@app/taxonomy';
import {
  DEMO_ACCOUNT_BY_ROLE,
  DEMO_ACCOUNTS,
  DEMO_AGENCIES,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_VENDORS,
  demoOrganisation,
  demoUscc,
} from './demo-data';

describe('demo data', () => {
  it('gives every organisation a valid, unique USCC registered in Huzhou (3305xx)', () => {
    for (const org of DEMO_ORGANISATIONS) {
      expect({ org: org.key, result: validateUscc(org.uscc) }).toEqual({
        org: org.key,
        result: { valid: true, code: org.uscc },
      });
      expect(org.uscc.slice(2, 6)).toBe('3305');
    }
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.uscc)).size).toBe(DEMO_ORGANISATIONS.length);
  });

  it('computes the same USCC on every run, and a different one for another key', () => {
    expect(demoUscc('enterprise', 'deqing', 'qianxun')).toBe(demoOrganisation('qianxun').uscc);
    expect(demoUscc('enterprise', 'deqing', 'qianxun-2')).not.toBe(demoOrganisation('qianxun').uscc);
    expect(() => demoUscc('enterprise', 'shanghai', 'x')).toThrow(/district/);
  });

  it('uses only districts of the taxonomy', () => {
    for (const org of DEMO_ORGANISATIONS)
      expect([org.key, isKnownCode('district', org.districtCode)]).toEqual([org.key, true]);
  });

  it('has the agencies and a dozen vendors, two of them waiting for verification', () => {
    expect(DEMO_AGENCIES.map((a) => a.nameZh)).toEqual(
      expect.arrayContaining([
        '湖州市经济和信息化局',
        '湖州市农业农村局',
        '湖州市文化广电旅游体育局',
        '湖州市交通运输局',
      ]),
    );
    expect(DEMO_AGENCIES.filter((a) => a.districtCode !== 'citywide').length).toBeGreaterThanOrEqual(2);
    expect(DEMO_VENDORS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_VENDORS.filter((v) => v.status === 'pending').map((v) => v.key)).toEqual(['bocai', 'youaizhihe']);
  });

  it('has an account for every role, each in an organisation whose type allows that role', () => {
    for (const role of ROLES) expect(DEMO_ACCOUNT_BY_ROLE[role]?.role).toBe(role);
    expect(DEMO_ACCOUNT_BY_ROLE.agency_admin).toMatchObject({
      email: 'agency.admin@demo.huzhou.ai',
      organisation: '湖州市经济和信息化局',
    });
    expect(DEMO_ACCOUNT_BY_ROLE.reviewer.organisation).toBeNull();
    for (const a of DEMO_ACCOUNTS) {
      if (a.organisationKey === null) {
        expect(a.role).toBe('reviewer');
      } else {
        expect([a.email, ROLES_BY_ORGANISATION_TYPE[demoOrganisation(a.organisationKey).type]]).toEqual([
          a.email,
          expect.arrayContaining([a.role]),
        ]);
      }
    }
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.email.toLowerCase())).size).toBe(DEMO_ACCOUNTS.length);
  });

  it('names the user who registered each pending vendor', () => {
    for (const v of DEMO_VENDORS.filter((x) => x.status === 'pending')) {
      expect(DEMO_ACCOUNTS.filter((a) => a.organisationKey === v.key && a.role === 'vendor_admin')).toHaveLength(1);
    }
  });

  it('uses a demo password the platform accepts', () => {
    expect(() => new Passwords().assertStrong(DEMO_PASSWORD, 'password')).not.toThrow();
  });
});
