import { vendorMessages } from './i18n';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('vendor texts', () => {
  it('has every key in both Chinese and English', () => {
    const zh = keys(vendorMessages.zh);
    const en = keys(vendorMessages.en);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it('uses the same interpolations in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const get = (tree: Tree, key: string) =>
      key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k], tree) as string;
    const mismatched = keys(vendorMessages.zh).filter(
      (k) => JSON.stringify(vars(get(vendorMessages.zh, k))) !== JSON.stringify(vars(get(vendorMessages.en, k))),
    );
    expect(mismatched).toEqual([]);
  });
});
