import type { KeyPress } from './key-press.js';
import {
  correctedCursor, editLine, emptyLine, insertText, type Line, lineAtEnd, splitCompleteLines, textInputStep,
} from './line-editor.js';

/** The keyboard's mode: single keys act at once; the prompt takes typing; help covers the screen. */
export type KeyMode = 'keys' | 'prompt' | 'help';

export interface UiState {
  mode: KeyMode;
  selectedPage: number;
  selectedChunk: number;
  focus: 'pages' | 'chunks';
  logScroll: number;
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
  mode: 'keys', selectedPage: 0, selectedChunk: 0, focus: 'pages', logScroll: 0, line: emptyLine, placement: 0, history: [], historyIndex: null,
};

/** What the screen offers to select, from the snapshot. */
export interface Selectable {
  pages: number;
  /** The name (p<N>) of each page on screen, in screen order; absent means p0, p1, ... */
  pageNames?: number[];
  /** Ids of the used chunks of the current allocator, in address order. */
  chunkIds: number[];
  /** How far back the log can scroll (computed on demand: it walks the log). */
  maxLogScroll?: () => number;
}

export interface KeyContext {
  selectable: Selectable;
  currentMode: 'a' | 'b';
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
  quit?: boolean;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** Lines PgUp and PgDn move the log by. */
export const LOG_PAGE = 8;

/** Single-key commands: each is one command line, so a script can do all the keys can. */
export const singleKeys: Array<{ key: string; label: string; command: (target: string) => string | null }> = [
  { key: 'm', label: 'map a page', command: () => 'mmap' },
  { key: 'w', label: 'write the selection', command: (target) => `write ${target}` },
  { key: 'r', label: 'read (hexdump)', command: (target) => `read ${target}` },
  { key: 'x', label: 'drop page (dontneed)', command: (target) => `madvise ${target} dontneed` },
  { key: 'u', label: 'munmap the mapping', command: (target) => `munmap ${target}` },
  { key: 'i', label: 'init allocator', command: () => 'init' },
  { key: 'a', label: 'alloc (asks the size)', command: () => null },
  { key: 'd', label: 'free selected chunk', command: (target) => `free ${target}` },
  { key: 'c', label: 'cleanup allocator', command: () => 'cleanup' },
  { key: 't', label: 'switch Part A / B', command: () => null },
  { key: 's', label: 'stat: VSZ, RSS, ours', command: () => 'stat' },
  { key: 'p', label: 'ps on this process', command: () => 'ps' },
  { key: 'M', label: '/proc/self/maps', command: () => 'maps' },
  { key: 'k', label: 'mark a baseline', command: () => 'mark' },
  { key: 'n', label: 'next lesson (or 1st)', command: () => 'lesson next' },
  { key: 'b', label: 'previous lesson', command: () => 'lesson back' },
  { key: 'l', label: 'list the lessons', command: () => 'lesson list' },
];

function pageTarget(state: UiState, selectable: Selectable): string {
  const position = clamp(state.selectedPage, 0, Math.max(0, selectable.pages - 1));
  return `p${selectable.pageNames?.[position] ?? position}`;
}

function selectionTarget(state: UiState, selectable: Selectable): string {
  // Clamped as the screen clamps it: after a free, the highlighted chunk is the last one left.
  const chunk = selectable.chunkIds[clamp(state.selectedChunk, 0, selectable.chunkIds.length - 1)];
  if (state.focus === 'chunks' && chunk !== undefined) return `#${chunk}`;
  return pageTarget(state, selectable);
}

/** The prompt, opened on `line`: a new text input is placed there. */
function openPrompt(state: UiState, line: Line): UiState {
  return { ...state, mode: 'prompt', line, placement: state.placement + 1, historyIndex: null };
}

/** The keyboard as a reducer: a key and the state in, the new state and maybe commands out. */
export function handleKey(state: UiState, key: KeyPress, context: KeyContext): KeyOutcome {
  if (key.ctrl && key.input === 'c') return { state, quit: true };
  if (state.mode === 'prompt') return promptKey(state, key, context);
  // Keys typed before the screen listened, or coalesced on the way (ssh, a busy machine), come
  // as one chunk: outside the prompt, each character is a key of its own. Counted in code
  // points: an emoji is one key of two UTF-16 units.
  if ([...key.input].length > 1 && !key.ctrl && !key.meta) return keysInSequence(state, key.input, context);
  if (state.mode === 'help') return { state: { ...state, mode: 'keys' } };

  const { selectable } = context;
  const input = key.input;
  if (key.pageUp || key.pageDown) return { state: scrollLog(state, key, selectable) };
  if (key.tab) return { state: { ...state, focus: state.focus === 'pages' ? 'chunks' : 'pages' } };
  if (key.leftArrow || key.rightArrow || key.upArrow || key.downArrow) {
    const step = key.leftArrow || key.upArrow ? -1 : 1;
    if (state.focus === 'chunks' && selectable.chunkIds.length > 0) {
      return { state: { ...state, selectedChunk: clamp(state.selectedChunk + step, 0, selectable.chunkIds.length - 1) } };
    }
    return { state: { ...state, selectedPage: clamp(state.selectedPage + step, 0, Math.max(0, selectable.pages - 1)) } };
  }
  if (key.return) return { state, runs: [`read ${selectionTarget(state, selectable)}`] };
  // Alt+key and the named keys without a binding (F1, Insert, ...) do nothing outside the prompt.
  if (key.meta || key.ctrl || input === '') return { state };
  if (input === ':' || input === '/') return { state: openPrompt(state, emptyLine) };
  if (input === '?') return { state: { ...state, mode: 'help' } };
  if (input === 'q') return { state, quit: true };
  if (input === 'a') return { state: openPrompt(state, lineAtEnd('alloc ')) };
  if (input === 't') return { state, runs: [`mode ${context.currentMode === 'a' ? 'b' : 'a'}`] };
  const single = singleKeys.find((entry) => entry.key === input);
  if (single) {
    // x and u act on pages; d on the chunk selected in the list (on a page, the session says to pick a chunk).
    const target = input === 'x' || input === 'u' ? pageTarget(state, selectable) : selectionTarget(state, selectable);
    const command = single.command(target);
    return command === null ? { state } : { state, runs: [command] };
  }
  return { state };
}

/** A chunk of keys, one by one; once one opens the prompt, the rest is typed into it. */
function keysInSequence(state: UiState, text: string, context: KeyContext): KeyOutcome {
  let current = state;
  const runs: string[] = [];
  const chars = [...text];
  for (let index = 0; index < chars.length; index += 1) {
    if (current.mode === 'prompt') {
      const typed = typeIntoPrompt(current, chars.slice(index).join(''));
      return { state: typed.state, runs: [...runs, ...(typed.runs ?? [])] };
    }
    const char = chars[index]!;
    const key: KeyPress = char === '\r' || char === '\n' ? { input: '', return: true } : char === '\t' ? { input: '', tab: true } : { input: char };
    const outcome = handleKey(current, key, context);
    current = outcome.state;
    runs.push(...(outcome.runs ?? []));
    if (outcome.quit) return { state: current, runs, quit: true };
  }
  return { state: current, runs };
}

function scrollLog(state: UiState, key: KeyPress, selectable: Selectable): UiState {
  const limit = selectable.maxLogScroll?.() ?? Number.MAX_SAFE_INTEGER;
  const scroll = key.pageUp ? Math.min(limit, state.logScroll + LOG_PAGE) : Math.max(0, state.logScroll - LOG_PAGE);
  return { ...state, logScroll: scroll };
}

function promptKey(state: UiState, key: KeyPress, context: KeyContext): KeyOutcome {
  if (key.escape) return { state: { ...state, mode: 'keys', historyIndex: null } };
  if (key.return) return submitPrompt(state);
  if (key.upArrow || key.downArrow) {
    if (state.history.length === 0) return { state };
    const last = state.history.length - 1;
    let index = state.historyIndex;
    if (key.upArrow) index = index === null ? last : Math.max(0, index - 1);
    else index = index === null || index >= last ? null : index + 1;
    return { state: { ...openPrompt(state, lineAtEnd(index === null ? '' : state.history[index]!)), historyIndex: index } };
  }
  if (key.pageUp || key.pageDown) return { state: scrollLog(state, key, context.selectable) };
  if (key.home || key.end) {
    return { state: { ...state, line: { ...state.line, cursor: key.home ? 0 : state.line.value.length }, placement: state.placement + 1 } };
  }
  if (key.tab) return { state };
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
  for (const text of complete) {
    const outcome = submitPrompt({ ...current, line: lineAtEnd(text) });
    current = outcome.state;
    runs.push(...(outcome.runs ?? []));
  }
  return { state: { ...current, mode: 'prompt', line: rest, placement: state.placement + 1 }, runs };
}

/** Text typed or pasted into the prompt at the cursor (whole lines in it run). */
export function typeIntoPrompt(state: UiState, text: string): KeyOutcome {
  const open = state.mode === 'prompt' ? state : openPrompt(state, emptyLine);
  return afterEdit(open, insertText(open.line, text), true);
}

/** Enter in the prompt: the line runs, joins the history, and the prompt stays open for the next. */
export function submitPrompt(state: UiState): KeyOutcome {
  const line = state.line.value.trim();
  if (line === '') return { state: { ...state, mode: 'keys', line: emptyLine, placement: state.placement + 1 } };
  const history = state.history[state.history.length - 1] === line ? state.history : [...state.history, line].slice(-200);
  return { state: { ...state, line: emptyLine, placement: state.placement + 1, history, historyIndex: null, logScroll: 0 }, runs: [line] };
}
