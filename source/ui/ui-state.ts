/** The keyboard's mode: single keys act at once; the prompt takes typing; help covers the screen. */
export type KeyMode = 'keys' | 'prompt' | 'help';

export interface UiState {
  mode: KeyMode;
  selectedPage: number;
  selectedChunk: number;
  focus: 'pages' | 'chunks';
  logScroll: number;
  prompt: string;
  history: string[];
  /** Position while walking the history with up/down; null when editing a new line. */
  historyIndex: number | null;
}

export const initialUiState: UiState = {
  mode: 'keys', selectedPage: 0, selectedChunk: 0, focus: 'pages', logScroll: 0, prompt: '', history: [], historyIndex: null,
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
}

/** What the screen offers to select, from the snapshot. */
export interface Selectable {
  pages: number;
  /** Ids of the used chunks of the current allocator, in address order. */
  chunkIds: number[];
  /** The target for page-level keys (p<N>), and the raw mapping id of the selected page if it is raw. */
  pageIsRaw: (page: number) => boolean;
}

export interface KeyOutcome {
  state: UiState;
  run?: string;
  quit?: boolean;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** Single-key commands: each is one command line, so a script can do all the keys can. */
export const singleKeys: Array<{ key: string; label: string; command: (target: string) => string | null }> = [
  { key: 'm', label: 'map a page', command: () => 'mmap' },
  { key: 'w', label: 'write the selection', command: (target) => `write ${target}` },
  { key: 'r', label: 'read (hexdump) the selection', command: (target) => `read ${target}` },
  { key: 'x', label: 'madvise dontneed the selected page', command: (target) => `madvise ${target} dontneed` },
  { key: 'u', label: 'munmap the selected mapping', command: (target) => `munmap ${target}` },
  { key: 'i', label: 'init the allocator', command: () => 'init' },
  { key: 'a', label: 'alloc (asks the size)', command: () => null },
  { key: 'd', label: 'free the selected chunk', command: (target) => `free ${target}` },
  { key: 'c', label: 'cleanup the allocator', command: () => 'cleanup' },
  { key: 't', label: 'toggle Part A / Part B', command: () => null },
  { key: 's', label: 'stat: VSZ, RSS, ours', command: () => 'stat' },
  { key: 'p', label: 'run ps on this process', command: () => 'ps' },
  { key: 'M', label: 'maps: /proc/self/maps', command: () => 'maps' },
  { key: 'k', label: 'mark a baseline for the deltas', command: () => 'mark' },
  { key: 'n', label: 'next lesson', command: () => 'lesson next' },
  { key: 'b', label: 'previous lesson', command: () => 'lesson back' },
  { key: 'l', label: 'list the lessons', command: () => 'lesson list' },
];

function pageTarget(state: UiState, selectable: Selectable): string {
  return `p${clamp(state.selectedPage, 0, Math.max(0, selectable.pages - 1))}`;
}

function selectionTarget(state: UiState, selectable: Selectable): string {
  const chunk = selectable.chunkIds[state.selectedChunk];
  if (state.focus === 'chunks' && chunk !== undefined) return `#${chunk}`;
  return pageTarget(state, selectable);
}

/** The keyboard as a reducer: a key and the state in, the new state and maybe a command out. */
export function handleKey(state: UiState, key: KeyPress, selectable: Selectable, currentMode: 'a' | 'b'): KeyOutcome {
  if (key.ctrl && key.input === 'c') return { state, quit: true };
  if (state.mode === 'help') {
    return { state: { ...state, mode: 'keys' } };
  }
  if (state.mode === 'prompt') return promptKey(state, key);

  const input = key.input;
  if (key.pageUp) return { state: { ...state, logScroll: state.logScroll + 5 } };
  if (key.pageDown) return { state: { ...state, logScroll: Math.max(0, state.logScroll - 5) } };
  if (key.tab) return { state: { ...state, focus: state.focus === 'pages' ? 'chunks' : 'pages' } };
  if (key.leftArrow || key.rightArrow || key.upArrow || key.downArrow) {
    const step = key.leftArrow || key.upArrow ? -1 : 1;
    if (state.focus === 'chunks' && selectable.chunkIds.length > 0) {
      return { state: { ...state, selectedChunk: clamp(state.selectedChunk + step, 0, selectable.chunkIds.length - 1) } };
    }
    return { state: { ...state, selectedPage: clamp(state.selectedPage + step, 0, Math.max(0, selectable.pages - 1)) } };
  }
  if (key.return) return { state, run: `read ${selectionTarget(state, selectable)}` };
  if (input === ':' || input === '/') return { state: { ...state, mode: 'prompt', prompt: '', historyIndex: null } };
  if (input === '?') return { state: { ...state, mode: 'help' } };
  if (input === 'q') return { state, quit: true };
  if (input === 'a') return { state: { ...state, mode: 'prompt', prompt: 'alloc ', historyIndex: null } };
  if (input === 't') return { state, run: `mode ${currentMode === 'a' ? 'b' : 'a'}` };
  const single = singleKeys.find((entry) => entry.key === input);
  if (single) {
    const pageKeys = new Set(['x', 'u']);
    const target = pageKeys.has(input) ? pageTarget(state, selectable)
      : input === 'd' ? (selectable.chunkIds[state.selectedChunk] !== undefined ? `#${selectable.chunkIds[state.selectedChunk]}` : 'p-none')
        : selectionTarget(state, selectable);
    if (input === 'd' && target === 'p-none') return { state, run: 'free' };
    return { state, run: single.command(target) ?? undefined };
  }
  return { state };
}

function promptKey(state: UiState, key: KeyPress): KeyOutcome {
  if (key.escape) return { state: { ...state, mode: 'keys', historyIndex: null } };
  if (key.upArrow || key.downArrow) {
    if (state.history.length === 0) return { state };
    const last = state.history.length - 1;
    let index = state.historyIndex;
    if (key.upArrow) index = index === null ? last : Math.max(0, index - 1);
    else index = index === null || index >= last ? null : index + 1;
    return { state: { ...state, historyIndex: index, prompt: index === null ? '' : state.history[index]! } };
  }
  if (key.pageUp) return { state: { ...state, logScroll: state.logScroll + 5 } };
  if (key.pageDown) return { state: { ...state, logScroll: Math.max(0, state.logScroll - 5) } };
  return { state };
}

/** Enter in the prompt: the line runs, joins the history, and the prompt stays open for the next. */
export function submitPrompt(state: UiState): KeyOutcome {
  const line = state.prompt.trim();
  if (line === '') return { state: { ...state, mode: 'keys' } };
  const history = state.history[state.history.length - 1] === line ? state.history : [...state.history, line].slice(-200);
  return { state: { ...state, prompt: '', history, historyIndex: null, logScroll: 0 }, run: line };
}
