/**
 * The keyboard while watching another process: Enter and > reach the program memtui started
 * (`watch --`), Enter or v count the selected mapping's pages (`--pid`), and a line typed for the
 * program goes to it whole, as a terminal sends it.
 */
import { describe, expect, it } from 'vitest';
import { builtinCommands, CommandRegistry } from '../../../source/session/index.js';
import { handleKey, initialUiState, type KeyContext, typeIntoPrompt, type UiState } from '../../../source/ui/keyboard/keyboard-reducer.js';
import type { KeyPress } from '../../../source/ui/keyboard/key-press.js';
import type { ScreenFacts } from '../../../source/ui/view/screen.js';

const keys = new CommandRegistry(builtinCommands).keys();
const MAPPING = '0x7f10f8836000';
const facts = (extra: Partial<ScreenFacts> = {}): ScreenFacts => ({
  page: 0x7f10f8836, chunk: null, chunkIds: [], logPage: 10, maxLogScroll: 25, maxLessonScroll: 5, maxHelpScroll: 30, lessonKey: null,
  region: MAPPING, programRunning: false, ...extra,
});
const context = (extra: Partial<ScreenFacts> = {}, listening = true): KeyContext => ({
  facts: facts(extra), stepPage: () => null, hasPage: () => false, keys, part: 'a', textInputListening: listening,
});
const running = context({ programRunning: true });
const press = (state: UiState, input: string, extra: Partial<KeyPress> = {}, ctx = context()) => handleKey(state, { input, ...extra }, ctx);

describe('the keyboard while watching a process', () => {
  it('--pid: Enter and v count the pages of the selected mapping; keys that change memory still run (the session refuses them, saying why)', () => {
    expect(press(initialUiState, '', { return: true })).toEqual({ state: initialUiState, runs: [`pages ${MAPPING}`] });
    expect(press(initialUiState, 'v').runs).toEqual([`pages ${MAPPING}`]);
    expect(press(initialUiState, 'v', {}, context({ region: null })).runs).toBeUndefined();
    expect(press(initialUiState, 'm').runs).toEqual(['mmap']);
    // No program of memtui's: > is no key.
    expect(press(initialUiState, '>')).toEqual({ state: initialUiState });
  });

  it('watch: Enter goes to the running program as a newline, and runs nothing', () => {
    expect(press(initialUiState, '', { return: true }, running)).toEqual({ state: initialUiState, input: '\n' });
    // Keys coalesced in one read: each Enter is one newline for the program.
    expect(press(initialUiState, '\r\r', {}, running)).toMatchObject({ input: '\n\n', runs: [] });
  });

  it('watch: > opens INPUT, where a typed line goes to the program with its newline on Enter, and the line stays open', () => {
    const open = press(initialUiState, '>', {}, running).state;
    expect(open).toMatchObject({ mode: 'input', line: { value: '', cursor: 0 } });
    let state = typeIntoPrompt(open, '42').state;
    expect(state).toMatchObject({ mode: 'input', line: { value: '42' } });
    const sent = press(state, '', { return: true }, running);
    expect(sent.input).toBe('42\n');
    expect(sent.runs).toBeUndefined();
    expect(sent.state).toMatchObject({ mode: 'input', line: { value: '' } });
    // An empty line is Enter alone; a pasted line break sends the line; ; is the program's text, not a command separator.
    expect(press(sent.state, '', { return: true }, running).input).toBe('\n');
    state = typeIntoPrompt(sent.state, 'a;b\nrest').state;
    expect(typeIntoPrompt(sent.state, 'a;b\nrest')).toMatchObject({ input: 'a;b\n', runs: [] });
    expect(state).toMatchObject({ mode: 'input', line: { value: 'rest' } });
    // Up and down walk no history here; Esc goes back to single keys.
    expect(press(state, '', { upArrow: true }, running).state).toBe(state);
    expect(press(state, '', { escape: true }, running).state.mode).toBe('keys');
  });

  it('keys typed before the text input listens are edited by the reducer, and still reach the program', () => {
    const open = press(initialUiState, '>', {}, running).state;
    const notListening = context({ programRunning: true }, false);
    let state = press(open, 'h', {}, notListening).state;
    state = press(state, 'i', {}, notListening).state;
    expect(state.line.value).toBe('hi');
    expect(press(state, '', { return: true }, notListening).input).toBe('hi\n');
  });

  it('the program ended while a line was typed for it: the next key goes back to single keys and sends nothing', () => {
    const open = typeIntoPrompt(press(initialUiState, '>', {}, running).state, 'late').state;
    const after = press(open, '', { return: true }, context({ programRunning: false }));
    expect(after.input).toBeUndefined();
    expect(after.state).toMatchObject({ mode: 'keys', line: { value: '' } });
    // And Enter in KEYS then counts pages, as with --pid.
    expect(press(after.state, '', { return: true }).runs).toEqual([`pages ${MAPPING}`]);
  });

  it('Ctrl-C quits from INPUT too', () => {
    const open = press(initialUiState, '>', {}, running).state;
    expect(press(open, 'c', { ctrl: true }, running).quit).toBe(true);
  });
});
