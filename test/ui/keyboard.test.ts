import { describe, expect, it } from 'vitest';
import { handleKey, initialUiState, type Selectable, submitPrompt } from '../../source/ui/ui-state.js';

const selectable: Selectable = { pages: 3, chunkIds: [4, 7] };
const key = (input: string, extra: object = {}) => ({ input, ...extra });

describe('the keyboard reducer', () => {
  it('turns single keys into the commands a script could type', () => {
    expect(handleKey(initialUiState, key('m'), selectable, 'a').run).toBe('mmap');
    expect(handleKey(initialUiState, key('w'), selectable, 'a').run).toBe('write p0');
    expect(handleKey({ ...initialUiState, selectedPage: 2 }, key('x'), selectable, 'a').run).toBe('madvise p2 dontneed');
    // d frees the chunk selected in the list; with the pages focused, the session asks to pick one.
    expect(handleKey(initialUiState, key('d'), selectable, 'a').run).toBe('free p0');
    expect(handleKey({ ...initialUiState, focus: 'chunks' }, key('d'), selectable, 'a').run).toBe('free #4');
    expect(handleKey(initialUiState, key('t'), selectable, 'a').run).toBe('mode b');
    expect(handleKey(initialUiState, key('t'), selectable, 'b').run).toBe('mode a');
    expect(handleKey(initialUiState, key('', { return: true }), selectable, 'a').run).toBe('read p0');
  });

  it('names the selected page by its stable p<N>, not its position', () => {
    const named: Selectable = { ...selectable, pageNames: [0, 3, 4] };
    const state = handleKey(initialUiState, key('', { rightArrow: true }), named, 'a').state;
    expect(handleKey(state, key('w'), named, 'a').run).toBe('write p3');
    expect(handleKey(state, key('u'), named, 'a').run).toBe('munmap p3');
  });

  it('moves the selection with arrows and Tab, within bounds', () => {
    let state = handleKey(initialUiState, key('', { rightArrow: true }), selectable, 'a').state;
    state = handleKey(state, key('', { rightArrow: true }), selectable, 'a').state;
    state = handleKey(state, key('', { rightArrow: true }), selectable, 'a').state;
    expect(state.selectedPage).toBe(2);
    state = handleKey(state, key('', { tab: true }), selectable, 'a').state;
    expect(state.focus).toBe('chunks');
    state = handleKey(state, key('', { downArrow: true }), selectable, 'a').state;
    expect(handleKey(state, key('w'), selectable, 'a').run).toBe('write #7');
    expect(handleKey(state, key('d'), selectable, 'a').run).toBe('free #7');
  });

  it('keeps typing and single keys apart: ":" opens the prompt, letters then do nothing, Esc leaves', () => {
    let state = handleKey(initialUiState, key(':'), selectable, 'a').state;
    expect(state.mode).toBe('prompt');
    const typed = handleKey(state, key('q'), selectable, 'a');
    expect(typed.quit).toBeUndefined();
    expect(typed.run).toBeUndefined();
    state = handleKey(state, key('', { escape: true }), selectable, 'a').state;
    expect(state.mode).toBe('keys');
    expect(handleKey(state, key('q'), selectable, 'a').quit).toBe(true);
  });

  it('a opens the prompt with "alloc " ready for the size', () => {
    const state = handleKey(initialUiState, key('a'), selectable, 'a').state;
    expect(state).toMatchObject({ mode: 'prompt', prompt: 'alloc ' });
  });

  it('runs the prompt line, keeps a history, and walks it with up and down', () => {
    let state = { ...initialUiState, mode: 'prompt' as const, prompt: 'mmap 2' };
    const first = submitPrompt(state);
    expect(first.run).toBe('mmap 2');
    state = { ...first.state, prompt: 'stat' };
    state = submitPrompt(state).state;
    expect(state.history).toEqual(['mmap 2', 'stat']);
    state = handleKey(state, key('', { upArrow: true }), selectable, 'a').state;
    expect(state.prompt).toBe('stat');
    state = handleKey(state, key('', { upArrow: true }), selectable, 'a').state;
    expect(state.prompt).toBe('mmap 2');
    state = handleKey(state, key('', { downArrow: true }), selectable, 'a').state;
    expect(state.prompt).toBe('stat');
    state = handleKey(state, key('', { downArrow: true }), selectable, 'a').state;
    expect(state.prompt).toBe('');
    expect(submitPrompt({ ...state, prompt: '   ' }).run).toBeUndefined();
  });

  it('help closes on any key without acting on it', () => {
    const open = handleKey(initialUiState, key('?'), selectable, 'a').state;
    expect(open.mode).toBe('help');
    const closed = handleKey(open, key('m'), selectable, 'a');
    expect(closed.state.mode).toBe('keys');
    expect(closed.run).toBeUndefined();
  });

  it('an emoji (two UTF-16 units, one key) is one unknown key, not a crash', () => {
    expect(handleKey(initialUiState, key('😀'), selectable, 'a')).toEqual({ state: initialUiState });
    expect(handleKey({ ...initialUiState, mode: 'help' }, key('😀'), selectable, 'a').state.mode).toBe('keys');
  });

  it('after the last chunk is freed, the selection acts on the chunk the screen highlights', () => {
    const afterFree: Selectable = { pages: 3, chunkIds: [3, 5] };
    const state = { ...initialUiState, focus: 'chunks' as const, selectedChunk: 2 };
    expect(handleKey(state, key('w'), afterFree, 'a').run).toBe('write #5');
    expect(handleKey(state, key('d'), afterFree, 'a').run).toBe('free #5');
  });

  it('Ctrl-C quits from any mode', () => {
    for (const mode of ['keys', 'prompt', 'help'] as const) {
      expect(handleKey({ ...initialUiState, mode }, key('c', { ctrl: true }), selectable, 'a').quit).toBe(true);
    }
  });
});
