import dayjs from 'dayjs';
import { currentLanguage } from '../i18n';

/** Amounts in yuan; Chinese readers expect 万元 above ten thousand. */
export function formatYuan(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(n)) return String(value);
  if (currentLanguage() === 'en') return `¥${n.toLocaleString('en-US')}`;
  if (Math.abs(n) >= 10_000) return `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  return `${n.toLocaleString('zh-CN')} 元`;
}

export function formatBudget(min: number | string | null | undefined, max: number | string | null | undefined): string {
  if ((min === null || min === undefined) && (max === null || max === undefined)) return '—';
  if (min === max || min === null || min === undefined) return formatYuan(max);
  if (max === null || max === undefined) return formatYuan(min);
  return `${formatYuan(min)} – ${formatYuan(max)}`;
}

export function formatDate(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}
