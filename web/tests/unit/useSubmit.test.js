import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { useSubmit } from '../../src/core/useSubmit.js';

describe('useSubmit', () => {
  it('is saving while the work runs and answers what the work answered', async () => {
    const { saving, problem, run } = useSubmit();
    let release;
    const pending = run(() => new Promise((resolve) => (release = resolve)));
    expect(saving.value).toBe(true);
    release(42);
    await expect(pending).resolves.toBe(42);
    expect(saving.value).toBe(false);
    expect(problem.value).toBeNull();
  });

  it('puts a failure into problem, clears it on the next run and stops saving', async () => {
    const { saving, problem, run } = useSubmit();
    const error = Object.assign(new Error('boom'), { code: 'x.y' });
    await expect(run(() => Promise.reject(error))).resolves.toBeUndefined();
    expect(problem.value).toBe(error);
    expect(saving.value).toBe(false);
    const seen = [];
    await run(() => seen.push(problem.value));
    expect(seen).toEqual([null]);
  });

  it('lets onError turn an error into another problem or handle it (null)', async () => {
    const handled = vi.fn();
    const { problem, run } = useSubmit({
      onError(error) {
        if (error.code === 'conflict') {
          handled(error);
          return null;
        }
        return { ...error, title: 'mapped' };
      },
    });
    await run(async () => {
      throw Object.assign(new Error('c'), { code: 'conflict' });
    });
    expect(handled).toHaveBeenCalledOnce();
    expect(problem.value).toBeNull();
    await run(async () => {
      throw Object.assign(new Error('o'), { code: 'other' });
    });
    expect(problem.value).toMatchObject({ code: 'other', title: 'mapped' });
  });

  it('writes into the form\'s own problem ref, a text from onError, or leaves it to onError', async () => {
    const error = ref('');
    const { problem, run } = useSubmit({ problem: error, onError: (e) => `failed: ${e.message}` });
    expect(problem).toBe(error);
    await run(() => Promise.reject(new Error('x')));
    expect(error.value).toBe('failed: x');

    const own = ref('');
    const selfSet = useSubmit({
      problem: own,
      onError(e) {
        own.value = `set by the form: ${e.message}`;
      },
    });
    await selfSet.run(() => Promise.reject(new Error('y')));
    expect(own.value).toBe('set by the form: y');
  });
});
