/** The keyboard's mode: single keys act at once; the prompt takes typing; help covers the screen. */
export type KeyMode = 'keys' | 'prompt' | 'help';

export interface UiState {
  mode: KeyMode;
  selectedPage: number;
  selectedChunk: number;
  focus: 'pages' | 'chunks';
  logScroll: number;
  prompt: string;
  /** How many characters of the prompt lie after the cursor: 0 puts it at the end. */
  cursorBack: number;
  history: string[];
  /** Position while walking the history with up/down; null when editing a new line. */
  historyIndex: number | null;
}

export const initialUiState: UiState = {
  mode: 'keys', selectedPage: 0, selectedChunk: 0, focus: 'pages', logScroll: 0, prompt: '', cursorBack: 0, history: [], historyIndex: null,
};

export interface KeyPress {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  backspace?: boolean;
  delete?: boolean;
  home?: boolean;
  end?: boolean;
}

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

export interface KeyOutcome {
  state: UiState;
  run?: string;
  /** A paste of several lines: each complete line, in order, after run. */
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

/** The keyboard as a reducer: a key and the state in, the new state and maybe a command out. */
export function handleKey(state: UiState, key: KeyPress, selectable: Selectable, currentMode: 'a' | 'b'): KeyOutcome {
  if (key.ctrl && key.input === 'c') return { state, quit: true };
  // Keys typed before the screen listened, or coalesced on the way (ssh, a busy machine), come
  // as one chunk: outside the prompt, each character is a key of its own.
  // Counted in code points: an emoji is one key of two UTF-16 units, and must not come back here.
  if (state.mode !== 'prompt' && [...key.input].length > 1 && !key.ctrl && !key.meta) return keysInSequence(state, key.input, selectable, currentMode);
  if (state.mode === 'help') {
    return { state: { ...state, mode: 'keys' } };
  }
  if (state.mode === 'prompt') return promptKey(state, key, selectable);

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
  if (key.return) return { state, run: `read ${selectionTarget(state, selectable)}` };
  if (input === ':' || input === '/') return { state: { ...state, mode: 'prompt', prompt: '', cursorBack: 0, historyIndex: null } };
  if (input === '?') return { state: { ...state, mode: 'help' } };
  if (input === 'q') return { state, quit: true };
  if (input === 'a') return { state: { ...state, mode: 'prompt', prompt: 'alloc ', cursorBack: 0, historyIndex: null } };
  if (input === 't') return { state, run: `mode ${currentMode === 'a' ? 'b' : 'a'}` };
  const single = singleKeys.find((entry) => entry.key === input);
  if (single) {
    // x and u act on pages; d on the chunk selected in the list (on a page, the session says to pick a chunk).
    const target = input === 'x' || input === 'u' ? pageTarget(state, selectable) : selectionTarget(state, selectable);
    return { state, run: single.command(target) ?? undefined };
  }
  return { state };
}

/** A chunk of keys, one by one; once one opens the prompt, the rest is typed into it. */
function keysInSequence(state: UiState, text: string, selectable: Selectable, currentMode: 'a' | 'b'): KeyOutcome {
  let current = state;
  const runs: string[] = [];
  const chars = [...text];
  for (let index = 0; index < chars.length; index += 1) {
    if (current.mode === 'prompt') {
      const typed = promptKey(current, { input: chars.slice(index).join('') });
      return { state: typed.state, runs: [...runs, ...(typed.run === undefined ? [] : [typed.run]), ...(typed.runs ?? [])] };
    }
    const char = chars[index]!;
    const key: KeyPress = char === '\r' || char === '\n' ? { input: '', return: true } : char === '\t' ? { input: '', tab: true } : { input: char };
    const outcome = handleKey(current, key, selectable, currentMode);
    current = outcome.state;
    if (outcome.run !== undefined) runs.push(outcome.run);
    runs.push(...(outcome.runs ?? []));
    if (outcome.quit) return { state: current, runs, quit: true };
  }
  return { state: current, runs };
}

/**
 * The prompt's line editor. It lives in this reducer, not in a component with its own state:
 * ink subscribes key handlers in an effect after each frame, so a key that comes sooner meets
 * the handler of the previous frame; the app feeds this reducer the latest state, so no key
 * is lost or lands in the wrong place however fast the keys come.
 */
function scrollLog(state: UiState, key: KeyPress, selectable?: Selectable): UiState {
  const limit = selectable?.maxLogScroll?.() ?? Number.MAX_SAFE_INTEGER;
  const scroll = key.pageUp ? Math.min(limit, state.logScroll + LOG_PAGE) : Math.max(0, state.logScroll - LOG_PAGE);
  return { ...state, logScroll: scroll };
}

function promptKey(state: UiState, key: KeyPress, selectable?: Selectable): KeyOutcome {
  if (key.escape) return { state: { ...state, mode: 'keys', historyIndex: null } };
  if (key.return) return submitPrompt(state);
  if (key.upArrow || key.downArrow) {
    if (state.history.length === 0) return { state };
    const last = state.history.length - 1;
    let index = state.historyIndex;
    if (key.upArrow) index = index === null ? last : Math.max(0, index - 1);
    else index = index === null || index >= last ? null : index + 1;
    return { state: { ...state, historyIndex: index, prompt: index === null ? '' : state.history[index]!, cursorBack: 0 } };
  }
  if (key.pageUp || key.pageDown) return { state: scrollLog(state, key, selectable) };
  const back = clamp(state.cursorBack ?? 0, 0, state.prompt.length);
  const at = state.prompt.length - back;
  if (key.leftArrow) return { state: { ...state, cursorBack: Math.min(state.prompt.length, back + 1) } };
  if (key.rightArrow) return { state: { ...state, cursorBack: Math.max(0, back - 1) } };
  if (key.home) return { state: { ...state, cursorBack: state.prompt.length } };
  if (key.end) return { state: { ...state, cursorBack: 0 } };
  // ink names the usual Backspace byte (0x7f) "delete": both erase the character before the cursor.
  if (key.backspace || key.delete) {
    if (at === 0) return { state };
    return { state: { ...state, prompt: state.prompt.slice(0, at - 1) + state.prompt.slice(at), cursorBack: back, historyIndex: null } };
  }
  if (key.ctrl || key.meta || key.tab || key.input === '') return { state };
  return typeText({ ...state, cursorBack: back }, key.input);
}

/** Typed or pasted text at the cursor; a paste of whole lines runs each complete line. */
function typeText(state: UiState, text: string): KeyOutcome {
  const at = state.prompt.length - state.cursorBack;
  const before = state.prompt.slice(0, at);
  const after = state.prompt.slice(at);
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { state: { ...state, prompt: before + text + after, historyIndex: null } };
  const rest = lines.pop()!;
  lines[0] = before + lines[0];
  let current: UiState = state;
  const runs: string[] = [];
  for (const line of lines) {
    const outcome = submitPrompt({ ...current, prompt: line });
    current = outcome.state;
    if (outcome.run !== undefined) runs.push(outcome.run);
  }
  return { state: { ...current, mode: 'prompt', prompt: rest + after, cursorBack: after.length, historyIndex: null }, runs };
}

/** Enter in the prompt: the line runs, joins the history, and the prompt stays open for the next. */
export function submitPrompt(state: UiState): KeyOutcome {
  const line = state.prompt.trim();
  if (line === '') return { state: { ...state, mode: 'keys' } };
  const history = state.history[state.history.length - 1] === line ? state.history : [...state.history, line].slice(-200);
  return { state: { ...state, prompt: '', cursorBack: 0, history, historyIndex: null, logScroll: 0 }, run: line };
}
