import type { KeyBinding, Selection } from '../../session/index.js';
import type { ScreenFacts } from '../view/screen.js';
import type { KeyPress } from './key-press.js';
import {
  correctedCursor, editLine, emptyLine, insertText, type Line, lineAtEnd, splitCompleteLines, textInputStep,
} from './line-editor.js';

/**
 * The keyboard's mode: single keys act at once; the prompt takes typing; help covers the screen;
 * input takes a line for the program memtui started (`watch --`), as its terminal would.
 */
export type KeyMode = 'keys' | 'prompt' | 'help' | 'input';

export interface UiState {
  mode: KeyMode;
  /** The page the user selected, by its name (p<N>); the screen draws the nearest one if it is gone. */
  selectedPage: number | null;
  /** The chunk selected in the list: its id, and its place (kept when the chunk itself is freed). */
  selectedChunk: { id: number | null; index: number };
  focus: 'pages' | 'chunks';
  logScroll: number;
  lessonScroll: number;
  helpScroll: number;
  /** The prompt's line and cursor, as ink-text-input holds them (see line-editor.ts). */
  line: Line;
  /**
   * Bumped whenever this reducer sets the line itself (history, Home/End, a paste, a key the
   * text input did not see): the prompt then places a fresh text input at `line`.
   */
  placement: number;
  history: string[];
  /** Position while walking the history with up/down; null when editing a new line. */
  historyIndex: number | null;
}

export const initialUiState: UiState = {
  mode: 'keys', selectedPage: null, selectedChunk: { id: null, index: 0 }, focus: 'pages', logScroll: 0, lessonScroll: 0, helpScroll: 0,
  line: emptyLine, placement: 0, history: [], historyIndex: null,
};

export interface KeyContext {
  /** The selection as the screen drew it, and the bounds of what scrolls. */
  facts: ScreenFacts;
  /** The next page name after (1) or before (-1) one, or null past the end. */
  stepPage(from: number, direction: 1 | -1): number | null;
  /** Whether an item of the grid by that name is there now. */
  hasPage(name: number): boolean;
  /** How commands name a grid item that is not a page of ours (a watched mapping's start address). */
  addressOf?(name: number): string | null;
  /** The single keys the commands declare. */
  keys: readonly KeyBinding[];
  part: 'a' | 'b';
  /**
   * True while the prompt's text input is subscribed to the keyboard and sees this key too:
   * then it does the editing, and this reducer only follows it. Right after the prompt opens or
   * is placed anew, the input is not listening yet, and keys that come in that moment are
   * edited here instead, so none is lost.
   */
  textInputListening: boolean;
}

export interface KeyOutcome {
  state: UiState;
  /** Command lines to run, in order. */
  runs?: string[];
  /** Text for the standard input of the program memtui started (a line and its newline). */
  input?: string;
  quit?: boolean;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** Lines `[` and `]` scroll the lesson by. */
export const LESSON_STEP = 3;

/** The prompt, opened on `line`: a new text input is placed there. */
function openPrompt(state: UiState, line: Line): UiState {
  return { ...state, mode: 'prompt', line, placement: state.placement + 1, historyIndex: null };
}

/*
 * The selection a key acts on. Keys can come faster than frames (a held arrow, keys typed ahead):
 * the facts are the last frame's, so the state's own selection, while its item is still there,
 * is the newer one; the frame's stands in when the state's page or chunk is gone.
 */
function selectedPage(state: UiState, context: KeyContext): number | null {
  return state.selectedPage !== null && context.hasPage(state.selectedPage) ? state.selectedPage : context.facts.page;
}

function selectedChunk(state: UiState, facts: ScreenFacts): number | null {
  return state.selectedChunk.id !== null && facts.chunkIds.includes(state.selectedChunk.id) ? state.selectedChunk.id : facts.chunk;
}

function selection(state: UiState, context: KeyContext): Selection {
  const { facts } = context;
  const page = selectedPage(state, context);
  const chunk = selectedChunk(state, facts);
  return {
    page: page === null ? null : `p${page}`,
    chunk: state.focus === 'chunks' && chunk !== null ? `#${chunk}` : null,
    part: context.part,
    region: facts.region === undefined ? undefined : page === null ? null : page === facts.page ? facts.region : context.addressOf?.(page) ?? null,
  };
}

function scrollLog(state: UiState, key: KeyPress, facts: ScreenFacts): UiState {
  const step = key.pageUp ? facts.logPage : -facts.logPage;
  return { ...state, logScroll: clamp(Math.min(state.logScroll, facts.maxLogScroll) + step, 0, facts.maxLogScroll) };
}

function helpKey(state: UiState, key: KeyPress, facts: ScreenFacts): KeyOutcome {
  const step = key.upArrow || key.input === 'k' ? -1 : key.downArrow || key.input === 'j' ? 1
    : key.pageUp ? -10 : key.pageDown || key.input === ' ' ? 10 : 0;
  if (step !== 0) return { state: { ...state, helpScroll: clamp(state.helpScroll + step, 0, facts.maxHelpScroll) } };
  // Any other key closes help, and does nothing else.
  return { state: { ...state, mode: 'keys', helpScroll: 0 } };
}

/** The keyboard as a reducer: a key and the state in, the new state and maybe commands out. */
export function handleKey(state: UiState, key: KeyPress, context: KeyContext): KeyOutcome {
  if (key.ctrl && key.input === 'c') return { state, quit: true };
  // The program ended while a line was being typed for it: nothing more goes to it.
  if (state.mode === 'input' && !context.facts.programRunning) return { state: { ...state, mode: 'keys', line: emptyLine, placement: state.placement + 1 } };
  if (state.mode === 'prompt' || state.mode === 'input') return promptKey(state, key, context);
  // Keys typed before the screen listened, or coalesced on the way (ssh, a busy machine), come
  // as one chunk: outside the prompt, each character is a key of its own. Counted in code
  // points: an emoji is one key of two UTF-16 units.
  if ([...key.input].length > 1 && !key.ctrl && !key.meta) return keysInSequence(state, key.input, context);
  const { facts } = context;
  if (state.mode === 'help') return helpKey(state, key, facts);

  const input = key.input;
  if (key.pageUp || key.pageDown) return { state: scrollLog(state, key, facts) };
  if (key.tab) return { state: { ...state, focus: state.focus === 'pages' ? 'chunks' : 'pages' } };
  if (key.leftArrow || key.rightArrow || key.upArrow || key.downArrow) {
    const step = key.leftArrow || key.upArrow ? -1 : 1;
    if (state.focus === 'chunks' && facts.chunkIds.length > 0) {
      const chunk = selectedChunk(state, facts);
      const at = chunk === null ? 0 : Math.max(0, facts.chunkIds.indexOf(chunk));
      const index = clamp(at + step, 0, facts.chunkIds.length - 1);
      return { state: { ...state, selectedChunk: { id: facts.chunkIds[index]!, index } } };
    }
    const page = selectedPage(state, context);
    if (page === null) return { state };
    return { state: { ...state, selectedPage: context.stepPage(page, step) ?? page } };
  }
  if (input === '[' || input === ']') {
    const lessonScroll = clamp(state.lessonScroll + (input === ']' ? LESSON_STEP : -LESSON_STEP), 0, facts.maxLessonScroll);
    return { state: { ...state, lessonScroll } };
  }
  const selected = selection(state, context);
  if (key.return) {
    // Watching a program memtui started: Enter is the program's (a program paused in getchar goes on).
    if (facts.programRunning) return { state, input: '\n' };
    if (selected.region) return { state, runs: [`pages ${selected.region}`] };
    const target = selected.chunk ?? selected.page;
    return target === null ? { state } : { state, runs: [`read ${target}`] };
  }
  // Alt+key and the named keys without a binding (F1, Insert, ...) do nothing outside the prompt.
  if (key.meta || key.ctrl || input === '') return { state };
  if (input === ':' || input === '/') return { state: openPrompt(state, emptyLine) };
  if (input === '>' && facts.programRunning) return { state: { ...openPrompt(state, emptyLine), mode: 'input' } };
  if (input === '?') return { state: { ...state, mode: 'help', helpScroll: 0 } };
  if (input === 'q') return { state, quit: true };
  const binding = context.keys.find((entry) => entry.key === input);
  if (!binding) return { state };
  if (binding.prompt !== undefined) return { state: openPrompt(state, lineAtEnd(binding.prompt)) };
  const line = binding.line?.(selected) ?? null;
  return line === null ? { state } : { state, runs: [line] };
}

/** A chunk of keys, one by one; once one opens the prompt, the rest is typed into it. */
function keysInSequence(state: UiState, text: string, context: KeyContext): KeyOutcome {
  let current = state;
  const runs: string[] = [];
  let input = '';
  const chars = [...text];
  for (let index = 0; index < chars.length; index += 1) {
    if (current.mode === 'prompt' || current.mode === 'input') {
      const typed = typeIntoPrompt(current, chars.slice(index).join(''));
      const sent = input + (typed.input ?? '');
      return { state: typed.state, runs: [...runs, ...(typed.runs ?? [])], ...(sent === '' ? {} : { input: sent }) };
    }
    const char = chars[index]!;
    const key: KeyPress = char === '\r' || char === '\n' ? { input: '', return: true } : char === '\t' ? { input: '', tab: true } : { input: char };
    const outcome = handleKey(current, key, context);
    current = outcome.state;
    runs.push(...(outcome.runs ?? []));
    input += outcome.input ?? '';
    if (outcome.quit) return { state: current, runs, quit: true };
  }
  return { state: current, runs, ...(input === '' ? {} : { input }) };
}

/** Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-U, Ctrl-W on the prompt's line; null for any other Ctrl key. */
function lineEdit(line: Line, letter: string): Line | null {
  const { value, cursor } = line;
  switch (letter) {
    case 'a': return { value, cursor: 0 };
    case 'e': return { value, cursor: value.length };
    case 'k': return { value: value.slice(0, cursor), cursor };
    case 'u': return { value: value.slice(cursor), cursor: 0 };
    case 'w': {
      const start = value.slice(0, cursor).replace(/\S+\s*$/, '').length;
      return { value: value.slice(0, start) + value.slice(cursor), cursor: start };
    }
    default: return null;
  }
}

function promptKey(state: UiState, key: KeyPress, context: KeyContext): KeyOutcome {
  if (key.escape) return { state: { ...state, mode: 'keys', historyIndex: null } };
  if (key.return) return submitLine(state);
  if ((key.upArrow || key.downArrow) && state.mode === 'input') return { state };
  if (key.upArrow || key.downArrow) {
    if (state.history.length === 0) return { state };
    const last = state.history.length - 1;
    let index = state.historyIndex;
    if (key.upArrow) index = index === null ? last : Math.max(0, index - 1);
    else index = index === null || index >= last ? null : index + 1;
    return { state: { ...openPrompt(state, lineAtEnd(index === null ? '' : state.history[index]!)), historyIndex: index } };
  }
  if (key.pageUp || key.pageDown) return { state: scrollLog(state, key, context.facts) };
  if (key.home || key.end) {
    return { state: { ...state, line: { ...state.line, cursor: key.home ? 0 : state.line.value.length }, placement: state.placement + 1 } };
  }
  if (key.tab) return { state };
  // Line editing as in a shell; any other Ctrl or Alt key types nothing. The text input may have
  // typed the letter itself: the line is placed anew either way.
  if ((key.ctrl || key.meta) && !key.backspace && !key.delete && !key.leftArrow && !key.rightArrow) {
    const line = key.ctrl ? lineEdit(state.line, key.input) : null;
    return { state: { ...state, line: line ?? state.line, placement: state.placement + 1 } };
  }
  if (!context.textInputListening) return afterEdit(state, editLine(state.line, key), true);
  // The text input edits this key itself; the line follows it, and is put back where its own
  // arithmetic would leave the cursor outside the text.
  const followed = textInputStep(state.line, key);
  const corrected = correctedCursor(followed);
  return afterEdit(state, corrected === null ? followed : { ...followed, cursor: corrected }, corrected !== null);
}

/** A new line from an edit: complete lines in it (a pasted line break) run; the rest stays. */
function afterEdit(state: UiState, line: Line, place: boolean): KeyOutcome {
  const { complete, rest } = splitCompleteLines(line);
  const edited = line.value === state.line.value ? state.historyIndex : null;
  if (complete.length === 0) return { state: { ...state, line, historyIndex: edited, placement: state.placement + (place ? 1 : 0) } };
  let current: UiState = state;
  const runs: string[] = [];
  let input = '';
  for (const text of complete) {
    const outcome = submitLine({ ...current, line: lineAtEnd(text) });
    current = outcome.state;
    runs.push(...(outcome.runs ?? []));
    input += outcome.input ?? '';
  }
  const mode = state.mode === 'input' ? 'input' : 'prompt';
  return { state: { ...current, mode, line: rest, placement: state.placement + 1 }, runs, ...(input === '' ? {} : { input }) };
}

/** Text typed or pasted into the prompt at the cursor (whole lines in it run). */
export function typeIntoPrompt(state: UiState, text: string): KeyOutcome {
  const open = state.mode === 'prompt' || state.mode === 'input' ? state : openPrompt(state, emptyLine);
  // Control keys that came glued to text (the key filter lets the line-editing ones through) type nothing.
  return afterEdit(open, insertText(open.line, text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')), true);
}

/** Enter on a typed line: a command runs (the prompt), or the line goes to the program (input). */
function submitLine(state: UiState): KeyOutcome {
  return state.mode === 'input' ? submitInput(state) : submitPrompt(state);
}

/** Enter in input mode: the line and a newline go to the program (an empty line is Enter alone); the line stays open. */
export function submitInput(state: UiState): KeyOutcome {
  return { state: { ...state, line: emptyLine, placement: state.placement + 1 }, input: `${state.line.value}\n` };
}

/** Enter in the prompt: the line runs, joins the history, and the prompt stays open for the next. */
export function submitPrompt(state: UiState): KeyOutcome {
  const line = state.line.value.trim();
  if (line === '') return { state: { ...state, mode: 'keys', line: emptyLine, placement: state.placement + 1 } };
  const history = state.history[state.history.length - 1] === line ? state.history : [...state.history, line].slice(-200);
  return { state: { ...state, line: emptyLine, placement: state.placement + 1, history, historyIndex: null, logScroll: 0 }, runs: [line] };
}
