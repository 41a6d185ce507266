import { describe, expect, it } from 'vitest';
import { textLabel } from '../../src/modules/org/mapText.js';

describe('textLabel', () => {
  it('keeps markup as the characters typed', () => {
    const label = textLabel('<img src=x onerror="alert(1)"><b>枫源村</b>');
    expect(label.querySelector('img, b')).toBeNull();
    expect(label.textContent).toBe('<img src=x onerror="alert(1)"><b>枫源村</b>');
  });

  it('puts each argument on its own line', () => {
    const label = textLabel('第一网格', '办理中 3 件，超期 1 件');
    expect(label.querySelectorAll('br')).toHaveLength(1);
    expect([...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent)).toEqual([
      '第一网格',
      '办理中 3 件，超期 1 件',
    ]);
  });

  it('shows nothing for a missing value', () => {
    expect(textLabel(undefined).textContent).toBe('');
  });
});
