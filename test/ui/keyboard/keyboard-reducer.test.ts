import { describe, expect, it } from 'vitest';
import { builtinCommands, CommandRegistry } from '../../../source/session/index.js';
import {
  handleKey, initialUiState, type KeyContext, submitPrompt, typeIntoPrompt, type UiState,
} from '../../../source/ui/keyboard/keyboard-reducer.js';
import type { KeyPress } from '../../../source/ui/keyboard/key-press.js';
import { lineAtEnd } from '../../../source/ui/keyboard/line-editor.js';
import type { ScreenFacts } from '../../../source/ui/view/screen.js';

const keys = new CommandRegistry(builtinCommands).keys();
/** Three pages named p0, p3 and p4 (p1 and p2 were unmapped); chunks #4 and #7 in the list. */
const names = [0, 3, 4];
const facts = (extra: Partial<ScreenFacts> = {}): ScreenFacts => ({
  page: 0, chunk: 4, chunkIds: [4, 7], logPage: 10, maxLogScroll: 25, maxLessonScroll: 5, maxHelpScroll: 30, lessonKey: null,
  region: undefined, programRunning: false, ...extra,
});
const stepPage = (from: number, direction: 1 | -1) => names[names.indexOf(from) + direction] ?? null;
const context = (extra: Partial<KeyContext> = {}): KeyContext => ({
  facts: facts(), stepPage, hasPage: (name) => names.includes(name), keys, part: 'a', textInputListening: true, ...extra,
});
const key = (input: string, extra: Partial<KeyPress> = {}): KeyPress => ({ input, ...extra });
const press = (state: UiState, input: string, extra: Partial<KeyPress> = {}, ctx = context()) => handleKey(state, key(input, extra), ctx);
const prompt = (value: string, cursor = value.length): UiState => ({ ...initialUiState, mode: 'prompt', line: { value, cursor } });

describe('the keyboard reducer in KEYS mode', () => {
  it('turns single keys into the commands a script could type, from the commands\' own key bindings', () => {
    expect(press(initialUiState, 'm').runs).toEqual(['mmap']);
    expect(press(initialUiState, 'w').runs).toEqual(['write p0']);
    expect(press(initialUiState, 'x', {}, context({ facts: facts({ page: 3 }) })).runs).toEqual(['madvise p3 dontneed']);
    // d frees the chunk selected in the list; with the pages focused, the session asks to pick one.
    expect(press(initialUiState, 'd').runs).toEqual(['free p0']);
    expect(press({ ...initialUiState, focus: 'chunks' }, 'd').runs).toEqual(['free #4']);
    expect(press(initialUiState, 't').runs).toEqual(['part b']);
    expect(press(initialUiState, 't', {}, context({ part: 'b' })).runs).toEqual(['part a']);
    expect(press(initialUiState, '', { return: true }).runs).toEqual(['read p0']);
    expect(press(initialUiState, 'n').runs).toEqual(['lesson next']);
    // v counts the selected page's pages in the kernel's pagemap (its mapping's, that is).
    expect(press(initialUiState, 'v').runs).toEqual(['pages p0']);
    // With nothing mapped, the keys that act on a page do nothing.
    expect(press(initialUiState, 'w', {}, context({ facts: facts({ page: null }) }))).toEqual({ state: initialUiState });
  });

  it('moves the selection by page name, skipping names that are gone, and stops at the ends', () => {
    let state = press(initialUiState, '', { rightArrow: true }).state;
    expect(state.selectedPage).toBe(3);
    state = press(state, '', { downArrow: true }, context({ facts: facts({ page: 3 }) })).state;
    expect(state.selectedPage).toBe(4);
    state = press(state, '', { downArrow: true }, context({ facts: facts({ page: 4 }) })).state;
    expect(state.selectedPage).toBe(4);
    state = press(state, '', { upArrow: true }, context({ facts: facts({ page: 4 }) })).state;
    expect(state.selectedPage).toBe(3);
  });

  it('keys faster than frames: each arrow steps from the one before, and a key acts on the page the arrows chose', () => {
    // No frame between the keys: every press sees the facts of the frame before the first.
    const stale = context({ facts: facts({ page: 0, chunk: 4 }) });
    let state = press(initialUiState, '', { downArrow: true }, stale).state;
    state = press(state, '', { downArrow: true }, stale).state;
    expect(state.selectedPage).toBe(4);
    expect(press(state, 'w', {}, stale).runs).toEqual(['write p4']);
    // The page the state selected is gone (unmapped): the frame's selection stands in.
    const gone = context({ facts: facts({ page: 3 }), hasPage: (name) => name !== 4 });
    expect(press(state, 'w', {}, gone).runs).toEqual(['write p3']);
    // The same in the chunk list.
    let chunks = press({ ...initialUiState, focus: 'chunks' }, '', { downArrow: true }, stale).state;
    expect(press(chunks, 'd', {}, stale).runs).toEqual(['free #7']);
    chunks = press(chunks, '', { upArrow: true }, stale).state;
    expect(chunks.selectedChunk.id).toBe(4);
  });

  it('Tab moves to the chunk list, where arrows move among the chunks and keys act on the chunk', () => {
    let state = press(initialUiState, '', { tab: true }).state;
    expect(state.focus).toBe('chunks');
    state = press(state, '', { downArrow: true }).state;
    expect(state.selectedChunk).toEqual({ id: 7, index: 1 });
    const on7 = context({ facts: facts({ chunk: 7 }) });
    expect(press(state, 'w', {}, on7).runs).toEqual(['write #7']);
    expect(press(state, 'd', {}, on7).runs).toEqual(['free #7']);
    expect(press(state, '', { downArrow: true }, on7).state.selectedChunk).toEqual({ id: 7, index: 1 });
  });

  it('PgUp and PgDn move the log by the page the screen reports, within its bounds', () => {
    let state = press(initialUiState, '', { pageUp: true }).state;
    expect(state.logScroll).toBe(10);
    state = press(state, '', { pageUp: true }).state;
    state = press(state, '', { pageUp: true }).state;
    expect(state.logScroll).toBe(25);
    state = press(state, '', { pageDown: true }).state;
    expect(state.logScroll).toBe(15);
  });

  it('[ and ] scroll the lesson within its bounds', () => {
    let state = press(initialUiState, ']').state;
    expect(state.lessonScroll).toBe(3);
    state = press(state, ']').state;
    expect(state.lessonScroll).toBe(5);
    expect(press(state, '[').state.lessonScroll).toBe(2);
  });

  it('named keys without a binding, Alt+key and an emoji do nothing', () => {
    for (const extra of [{ meta: true }, { ctrl: true }]) expect(press(initialUiState, 'm', extra)).toEqual({ state: initialUiState });
    expect(press(initialUiState, '')).toEqual({ state: initialUiState });
    expect(press(initialUiState, '😀')).toEqual({ state: initialUiState });
  });

  it('keys that arrive in one read act one by one; once the prompt opens, the rest is typed into it', () => {
    const outcome = press(initialUiState, 'mm:stat\rmmap 2');
    expect(outcome.runs).toEqual(['mmap', 'mmap', 'stat']);
    expect(outcome.state.mode).toBe('prompt');
    expect(outcome.state.line).toEqual(lineAtEnd('mmap 2'));
  });

  it('help scrolls with the arrows and PgUp/PgDn; any other key closes it without acting', () => {
    const open = press(initialUiState, '?').state;
    expect(open.mode).toBe('help');
    const scrolled = press(open, '', { pageDown: true }).state;
    expect(scrolled).toMatchObject({ mode: 'help', helpScroll: 10 });
    expect(press(scrolled, '', { downArrow: true }).state.helpScroll).toBe(11);
    const closed = press(scrolled, 'm');
    expect(closed.state.mode).toBe('keys');
    expect(closed.runs).toBeUndefined();
    expect(press(open, '😀').state.mode).toBe('keys');
  });

  it('Ctrl-C quits from any mode', () => {
    for (const mode of ['keys', 'prompt', 'help'] as const) expect(press({ ...initialUiState, mode }, 'c', { ctrl: true }).quit).toBe(true);
  });
});

describe('the keyboard reducer in PROMPT mode', () => {
  it('":" opens an empty prompt, "a" one with "alloc " and the cursor after it; letters then never act; Esc leaves', () => {
    let state = press(initialUiState, ':').state;
    expect(state).toMatchObject({ mode: 'prompt', line: { value: '', cursor: 0 } });
    expect(state.placement).toBe(initialUiState.placement + 1);
    const typed = press(state, 'q');
    expect(typed.quit).toBeUndefined();
    expect(typed.runs).toBeUndefined();
    state = press(state, '', { escape: true }).state;
    expect(state.mode).toBe('keys');
    expect(press(state, 'q').quit).toBe(true);
    expect(press(initialUiState, 'a').state).toMatchObject({ mode: 'prompt', line: { value: 'alloc ', cursor: 6 } });
  });

  it('follows the text input while it listens, and places it anew only where it must', () => {
    let state = prompt('stat');
    state = press(state, '', { leftArrow: true }).state;
    expect(state.line).toEqual({ value: 'stat', cursor: 3 });
    const placement = state.placement;
    state = press(state, 'x').state;
    expect(state.line).toEqual({ value: 'staxt', cursor: 4 });
    expect(state.placement).toBe(placement);
    // Left at the start: ink-text-input would leave its cursor at -1; the prompt puts it back at 0.
    state = press(prompt('ab', 0), '', { leftArrow: true }).state;
    expect(state.line.cursor).toBe(0);
    expect(state.placement).toBe(initialUiState.placement + 1);
  });

  it('edits keys itself while the text input is not listening yet, and places it after them', () => {
    const notListening = context({ textInputListening: false });
    let state = prompt('');
    for (const char of 'stat') state = press(state, char, {}, notListening).state;
    state = press(state, '', { backspace: true }, notListening).state;
    state = press(state, '', { backspace: true }, notListening).state;
    expect(state.line).toEqual({ value: 'st', cursor: 2 });
    expect(state.placement).toBe(initialUiState.placement + 6);
  });

  it('Home and End move the cursor by placing the text input', () => {
    const home = press(prompt('mmap 2'), '', { home: true }).state;
    expect(home.line).toEqual({ value: 'mmap 2', cursor: 0 });
    expect(press(home, '', { end: true }).state.line).toEqual({ value: 'mmap 2', cursor: 6 });
  });

  it('runs the line, keeps a history, and walks it with up and down', () => {
    const first = submitPrompt(prompt('mmap 2'));
    expect(first.runs).toEqual(['mmap 2']);
    let state = submitPrompt({ ...first.state, line: lineAtEnd('stat') }).state;
    expect(state.history).toEqual(['mmap 2', 'stat']);
    state = press(state, '', { upArrow: true }).state;
    expect(state.line).toEqual(lineAtEnd('stat'));
    state = press(state, '', { upArrow: true }).state;
    expect(state.line).toEqual(lineAtEnd('mmap 2'));
    state = press(state, '', { downArrow: true }).state;
    expect(state.line).toEqual(lineAtEnd('stat'));
    state = press(state, '', { downArrow: true }).state;
    expect(state.line.value).toBe('');
    expect(submitPrompt({ ...state, line: lineAtEnd('   ') }).runs).toBeUndefined();
  });

  it('a paste of several lines runs each complete line and keeps the rest at the cursor', () => {
    const outcome = typeIntoPrompt(prompt('xy', 1), 'mmap\rstat\nwri');
    expect(outcome.runs).toEqual(['xmmap', 'stat']);
    expect(outcome.state.line).toEqual({ value: 'wriy', cursor: 3 });
    // In KEYS mode a paste opens the prompt: pasted text never acts as single keys.
    const fromKeys = typeIntoPrompt(initialUiState, 'quit');
    expect(fromKeys.quit).toBeUndefined();
    expect(fromKeys.state).toMatchObject({ mode: 'prompt', line: { value: 'quit', cursor: 4 } });
  });

  it('a key with a line break in it (a paste without bracketing) runs the complete lines', () => {
    const outcome = press(prompt(''), 'mmap\rst');
    expect(outcome.runs).toEqual(['mmap']);
    expect(outcome.state.line).toEqual(lineAtEnd('st'));
  });
});
