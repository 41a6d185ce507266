import { t } from '../../core/i18n.js';

/** "12,345 平方米" below 1 km², else "1.23 平方千米". */
export function formatArea(areaM2) {
  if (areaM2 === null || areaM2 === undefined || Number.isNaN(Number(areaM2))) return '—';
  const value = Number(areaM2);
  if (value >= 1_000_000) {
    return t('grid.areaValueKm', { value: (value / 1_000_000).toFixed(2) });
  }
  return t('grid.areaValue', { value: Math.round(value).toLocaleString('en-US') });
}
