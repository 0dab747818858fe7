import { Box, Text, useApp, useInput, usePaste, useStdin, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Session, splitCommands, watchedOf } from '../session/index.js';
import { Footer } from './components/footer.js';
import { LiveHeader } from './components/live-header.js';
import { Prompt } from './components/prompt.js';
import { ScreenLines } from './components/screen-lines.js';
import type { KeyPress } from './keyboard/key-press.js';
import { handleKey, initialUiState, type KeyOutcome, typeIntoPrompt, type UiState } from './keyboard/keyboard-reducer.js';
import { MIN_COLUMNS, MIN_ROWS } from './layout/layout.js';
import { colourTheme, plainTheme } from './theme.js';
import { LogLines } from './view/log-view.js';
import { chunkPanelFor } from './view/chunk-panel.js';
import { gridFor } from './view/grid-for.js';
import type { GridSource } from './view/grid-view.js';
import { buildScreen, type ScreenFacts } from './view/screen.js';
import { useSessionRunning, useSessionVersion } from './hooks/use-session-version.js';
import { useWatchTick } from './hooks/use-watch-tick.js';
import { watchKeysHint } from './view/help-view.js';

export interface AppProps {
  session: Session;
  /** Live sampling period; the bench and tests may change it. */
  sampleMs?: number;
  /** False with NO_COLOR or --no-color: no colour code is sent at all. */
  colour?: boolean;
  /** While watching another process: how often its figures, maps and pages are read (about once a second). */
  watchMs?: number;
}

/** Keys and pastes reach the reducer only when stdin is a terminal: ink's hooks throw otherwise. */
function KeyboardInput({ onKey, onPaste }: { onKey: Parameters<typeof useInput>[0]; onPaste?: (text: string) => void }) {
  useInput(onKey);
  usePaste((text) => onPaste?.(text));
  return null;
}

/**
 * The root: the one owner of the keyboard state and of the exit. It composes; the view model
 * (view/screen.ts) decides every row, and the components draw what they are given.
 */
export function App({ session, sampleMs = 500, colour = true, watchMs = 1000 }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const version = useSessionVersion(session);
  const running = useSessionRunning(session);
  const { columns, rows } = useWindowSize();
  const theme = colour ? colourTheme : plainTheme;
  const [ui, setUi] = useState<UiState>(initialUiState);
  // Several keys of one read are handled one after another before React renders again: the
  // handler reads the state from this ref, never from a closure of the last frame.
  const uiRef = useRef<UiState>(initialUiState);
  // Which placement of the prompt's text input listens to the keyboard (-1: none yet).
  const listening = useRef(-1);
  const logLines = useMemo(() => new LogLines(), []);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const watched = watchedOf(session.subject);
  // Watching another process: the screen follows it every `watchMs`, and whenever its program prints.
  const tick = useWatchTick(session, watchMs);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const grid = useMemo(() => gridFor(session), [session, version, tick]);
  const chunks = useMemo(() => chunkPanelFor(session), [session, version]);
  const gridRef = useRef<GridSource>(grid);
  gridRef.current = grid;
  const screen = useMemo(() => (tooSmall ? null : buildScreen(session, {
    columns, rows, keyMode: ui.mode, selectedPage: ui.selectedPage, selectedChunk: ui.selectedChunk, focus: ui.focus,
    logScroll: ui.logScroll, lessonScroll: ui.lessonScroll, helpScroll: ui.helpScroll,
  }, logLines, grid, chunks)),
  // version: the session changed; the rest: what the keyboard changed, and the size.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [session, version, tick, grid, chunks, columns, rows, tooSmall, ui.mode, ui.selectedPage, ui.selectedChunk, ui.focus, ui.logScroll, ui.lessonScroll, ui.helpScroll, logLines]);
  const facts = useRef<ScreenFacts | null>(null);
  if (screen) facts.current = screen.facts;

  // A new lesson step starts at the top of the lesson panel.
  const lessonKey = screen?.facts.lessonKey ?? null;
  useEffect(() => {
    if (uiRef.current.lessonScroll === 0) return;
    uiRef.current = { ...uiRef.current, lessonScroll: 0 };
    setUi(uiRef.current);
  }, [lessonKey]);

  const runLines = useCallback((lines: readonly string[]) => {
    // The session runs them one at a time, in this order; a quit among them ends the UI.
    for (const line of lines) {
      for (const command of splitCommands(line)) {
        void session.run(command).then((result) => { if (result.quit) exit(); });
      }
    }
  }, [session, exit]);

  const apply = useCallback((outcome: KeyOutcome) => {
    const lines = outcome.runs ?? [];
    // A new result always shows: the log follows it even if it had been scrolled back.
    const state = lines.length > 0 ? { ...outcome.state, logScroll: 0 } : outcome.state;
    // A text input placed anew does not listen until its effect has run.
    if (state.placement !== uiRef.current.placement) listening.current = -1;
    // A key that only runs a command changes nothing here: no frame for it, so that the frame
    // with the command's result goes out at once (ink draws at most one frame each 33 ms).
    const changed = (Object.keys(state) as Array<keyof UiState>).some((key) => state[key] !== uiRef.current[key]);
    uiRef.current = state;
    if (changed) setUi(state);
    if (outcome.quit) {
      exit();
      return;
    }
    // The program's own input: sent as a terminal sends a line (a program that ended refuses it; its pane says so).
    if (outcome.input !== undefined) watched?.program?.send(outcome.input);
    if (lines.length > 0) runLines(lines);
  }, [exit, runLines, watched]);

  const onKey: Parameters<typeof useInput>[0] = (input, key) => {
    const current = facts.current;
    // Too small to draw: the screen says q quits, whatever mode the keyboard was in.
    if (!current || tooSmall) {
      if (input === 'q' || (key.ctrl && input === 'c')) exit();
      return;
    }
    const press: KeyPress = { ...key, input };
    apply(handleKey(uiRef.current, press, {
      facts: current,
      stepPage: (from, direction) => gridRef.current.step(from, direction),
      hasPage: (name) => gridRef.current.has(name),
      addressOf: (name) => gridRef.current.addressOf?.(name) ?? null,
      keys: session.registry.keys(),
      part: session.lab.part,
      textInputListening: listening.current === uiRef.current.placement,
    }));
  };
  // A paste goes into the prompt (it opens for it): pasted text never acts as single keys.
  const onPaste = (text: string) => apply(typeIntoPrompt(uiRef.current, text));
  // The text input produced a value the reducer did not expect: place it again where the reducer is.
  const onTextChange = (value: string, placement: number) => {
    const current = uiRef.current;
    if (placement === current.placement && value !== current.line.value) apply({ state: { ...current, placement: current.placement + 1 } });
  };

  const keyboard = isRawModeSupported ? <KeyboardInput onKey={onKey} onPaste={onPaste} /> : null;
  if (!screen) {
    return (
      <Box flexDirection="column">
        {keyboard}
        <Text bold wrap="truncate">memtui needs {MIN_COLUMNS}x{MIN_ROWS}; this terminal is {columns}x{rows}.</Text>
        <Text wrap="truncate">Enlarge the terminal; q quits.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={columns}>
      {keyboard}
      <LiveHeader session={session} version={version} sampleMs={watched ? watchMs : sampleMs} width={columns} theme={theme} tick={tick} />
      <ScreenLines lines={screen.body} theme={theme} width={columns} />
      <Footer
        mode={ui.mode}
        keysHint={watched ? watchKeysHint(watched.program !== null && watched.exit === null, columns) : undefined}
        width={columns}
        theme={theme}
        running={running}
        prompt={isRawModeSupported
          ? <Prompt line={ui.line} placement={ui.placement} width={columns} listening={listening} onTextChange={onTextChange} lead={ui.mode === 'input' ? '>' : ':'} />
          : <Text wrap="truncate">{ui.mode === 'input' ? '>' : ':'} {ui.line.value}</Text>}
      />
    </Box>
  );
}
