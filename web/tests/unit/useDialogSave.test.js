import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';

const success = vi.fn();
vi.mock('element-plus', () => ({ ElMessage: { success: (...args) => success(...args) } }));
const { useDialogSave } = await import('../../src/core/useDialogSave.js');

describe('useDialogSave', () => {
  it('after the work: the message, the dialog closes, then onSaved with what the work answered', async () => {
    const visible = ref(true);
    const seen = [];
    const { save } = useDialogSave(visible, {
      message: () => 'saved!',
      onSaved: (answer) => seen.push([answer, visible.value]),
    });
    await expect(save(async () => 7)).resolves.toBe(7);
    expect(success).toHaveBeenCalledWith('saved!');
    expect(seen).toEqual([[7, false]]);
  });

  it('leaves the dialog open, without a message, when the work fails', async () => {
    success.mockClear();
    const visible = ref(true);
    const onSaved = vi.fn();
    const { save, problem } = useDialogSave(visible, { message: () => 'saved!', onSaved });
    const error = Object.assign(new Error('boom'), { code: 'x.y' });
    await save(() => Promise.reject(error));
    expect(problem.value).toBe(error);
    expect(visible.value).toBe(true);
    expect(success).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
