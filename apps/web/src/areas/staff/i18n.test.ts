import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staffMessages } from './i18n';

type Dict = { [key: string]: string | Dict };

function leaves(dict: Dict, prefix = ''): string[] {
  return Object.entries(dict).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'i18n.ts' ? [path] : [];
  });
}

const zh = new Set(leaves(staffMessages.zh));
const en = new Set(leaves(staffMessages.en));

describe('staff texts', () => {
  it('has the same keys in Chinese and English', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('defines every literal key the pages use', () => {
    const used = new Set<string>();
    for (const file of sources(__dirname)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['`]staff\.([A-Za-z0-9_.]+)['`]/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !zh.has(k)).sort()).toEqual([]);
  });
});
