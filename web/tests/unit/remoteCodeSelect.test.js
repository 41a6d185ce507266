import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import RemoteCodeSelect from '../../src/core/components/RemoteCodeSelect.vue';

// el-select stand-ins: the select passes its props on, each option names its value.
const ElSelect = defineComponent({
  props: ['modelValue', 'remote', 'remoteMethod', 'loading'],
  emits: ['update:modelValue', 'change', 'visible-change'],
  setup: (_props, { slots }) => () => h('div', { class: 'select' }, slots.default?.()),
});
const ElOption = defineComponent({
  props: ['value', 'label'],
  setup: (props) => () => h('i', { class: 'option' }, String(props.value)),
});
const ElOptionGroup = defineComponent({
  props: ['label'],
  setup: (props, { slots }) => () => h('b', { 'data-group': props.label }, slots.default?.()),
});
const stubs = { 'el-select': ElSelect, 'el-option': ElOption, 'el-option-group': ElOptionGroup };
const codes = (wrapper) => wrapper.findAll('.option').map((o) => o.text());

describe('RemoteCodeSelect', () => {
  it('offers initial() at once, search(q) when typing, and initial() again for empty text', async () => {
    const search = vi.fn(async (q) => [{ code: `s-${q}`, name: q }]);
    const wrapper = mount(RemoteCodeSelect, {
      props: { initial: async () => [{ code: 'a', name: 'A' }], search },
      global: { stubs },
    });
    await flushPromises();
    expect(codes(wrapper)).toEqual(['a']);
    const select = wrapper.findComponent(ElSelect);
    expect(select.props('remote')).toBe(true);
    await select.props('remoteMethod')(' 东 ');
    await flushPromises();
    expect(search).toHaveBeenCalledWith('东');
    expect(codes(wrapper)).toEqual(['s-东']);
    await select.props('remoteMethod')('');
    await flushPromises();
    expect(codes(wrapper)).toEqual(['a']);
  });

  it('shows the value it was opened with by its name, and emits the picked item', async () => {
    const wrapper = mount(RemoteCodeSelect, {
      props: { modelValue: 'x', initialName: '旧网格', search: async () => [] },
      global: { stubs },
    });
    expect(codes(wrapper)).toEqual(['x']);
    wrapper.findComponent(ElSelect).vm.$emit('change', 'x');
    expect(wrapper.emitted('picked')[0][0]).toMatchObject({ code: 'x', name: '旧网格' });
    wrapper.findComponent(ElSelect).vm.$emit('change', 'nope');
    expect(wrapper.emitted('picked')[1][0]).toBeNull();
  });

  it('shows given groups, filters locally without search, and survives a failed load', async () => {
    const wrapper = mount(RemoteCodeSelect, {
      props: { grouped: true, options: [{ key: 'k', label: '事件 · 市容', items: [{ code: '0101', name: '垃圾' }] }] },
      global: { stubs },
    });
    expect(wrapper.find('[data-group="事件 · 市容"]').exists()).toBe(true);
    expect(codes(wrapper)).toEqual(['0101']);
    expect(wrapper.findComponent(ElSelect).props('remote')).toBe(false);
    const failing = mount(RemoteCodeSelect, { props: { initial: () => Promise.reject(new Error('x')) }, global: { stubs } });
    await flushPromises();
    expect(codes(failing)).toEqual([]);
  });
});
