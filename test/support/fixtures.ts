import { randomInt } from 'node:crypto';
import { usccCheckCharacter, USCC_ALPHABET } from '@app/identity';

/** A random, valid USCC for a Huzhou (3305xx) enterprise: position 18 computed per GB 32100. */
export function randomUscc(authority = '9', category = '1'): string {
  let body = `${authority}${category}3305${String(randomInt(0, 100)).padStart(2, '0')}`;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[randomInt(0, 31)];
  return body + usccCheckCharacter(body);
}

let seq = 0;
export function uniqueEmail(label = 'user'): string {
  return `${label}.${Date.now().toString(36)}.${++seq}@example.cn`;
}

export const GOOD_PASSWORD = 'Huzhou2026secure';

export function registrationBody(
  type: 'agency' | 'vendor' = 'vendor',
  overrides: { email?: string; uscc?: string } = {},
) {
  return {
    organisation: {
      type,
      nameZh: type === 'agency' ? '湖州市测试局' : '湖州测试智能科技有限公司',
      uscc: overrides.uscc ?? randomUscc(type === 'agency' ? '1' : '9'),
      districtCode: 'wuxing',
      contactName: '王测试',
      contactPhone: '0572-2345678',
      contactEmail: 'contact@example.cn',
    },
    user: { email: overrides.email ?? uniqueEmail(type), password: GOOD_PASSWORD, displayName: '测试管理员' },
  };
}
