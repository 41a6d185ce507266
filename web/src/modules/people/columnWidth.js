// Table column widths grow with the text in elder mode, so numbers are not cut off.
import { useElderModeStore } from '../../core/stores/elderMode.js';

export const kElderWidthFactor = 1.35;

export function scaledWidth(px, elder) {
  return Math.round(px * (elder ? kElderWidthFactor : 1));
}

/** w(120) → 120, or 162 in elder mode (reactive inside templates). */
export function useColumnWidth() {
  const elderMode = useElderModeStore();
  return (px) => scaledWidth(px, elderMode.enabled);
}
