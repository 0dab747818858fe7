import { Box, Text, useApp, useInput, usePaste, useStdin } from 'ink';
import { useCallback, useRef, useState } from 'react';
import { type Session, splitScript } from '../session/index.js';
import { Footer } from './components/footer.js';
import { LiveHeader } from './components/live-header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { LessonPanel } from './components/lesson-panel.js';
import { LogView } from './components/log-view.js';
import { PageGrid } from './components/page-grid.js';
import { SidePanel, statsLine } from './components/side-panel.js';
import { TooSmall } from './components/too-small.js';
import { useSession } from './hooks/use-session.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { calculateLayout } from './layout.js';
import { gridRowsNeeded } from './grid-lines.js';
import { logWindow } from './log-lines.js';
import { Prompt } from './components/prompt.js';
import {
  handleKey, initialUiState, type KeyOutcome, type Selectable, typeIntoPrompt, type UiState,
} from './keyboard/keyboard-reducer.js';
import type { KeyPress } from './keyboard/key-press.js';

export interface AppProps {
  session: Session;
  /** Live sampling period; the bench and tests may change it. */
  sampleMs?: number;
}

/** Keys and pastes reach the reducer only when stdin is a terminal: ink's hooks throw otherwise. */
function KeyboardInput({ onKey, onPaste }: { onKey: Parameters<typeof useInput>[0]; onPaste?: (text: string) => void }) {
  useInput(onKey);
  usePaste((text) => onPaste?.(text));
  return null;
}

/** The root: the one owner of the keyboard state and of the exit. */
export function App({ session, sampleMs = 500 }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const snapshot = useSession(session);
  const lastSeq = snapshot.log.length === 0 ? 0 : snapshot.log[snapshot.log.length - 1]!.seq;
  const { columns, rows } = useTerminalSize();
  const [ui, setUi] = useState<UiState>(initialUiState);
  // Several keys of one read are handled one after another before React renders again: the
  // handler reads the state from this ref, never from a closure of the last frame.
  const uiRef = useRef<UiState>(initialUiState);
  // Which placement of the prompt's text input listens to the keyboard (-1: none yet).
  const listening = useRef(-1);
  const lesson = snapshot.lesson;
  const layout = calculateLayout(columns, rows, { lesson: lesson !== null });

  const chunkIds = snapshot.chunks.filter((chunk) => !chunk.free).map((chunk) => chunk.id);
  const selectable: Selectable = {
    pages: snapshot.pages.length,
    pageNames: snapshot.pages.map((page) => page.index),
    chunkIds,
    maxLogScroll: () => logWindow(snapshot.log, layout.logRows + layout.middleRows - 1, 100_000, columns).maxScroll,
  };

  const view = useRef({ selectable, mode: snapshot.mode });
  view.current = { selectable, mode: snapshot.mode };

  /** Runs a typed line, `;` separating commands as in scripts; true when one of them was quit. */
  const runLine = useCallback((line: string): boolean => {
    for (const command of splitScript(line)) if (session.run(command).quit) return true;
    return false;
  }, [session]);

  const apply = useCallback((outcome: KeyOutcome) => {
    const lines = outcome.runs ?? [];
    // A new result always shows: the log follows it even if it had been scrolled back.
    const state = lines.length > 0 ? { ...outcome.state, logScroll: 0 } : outcome.state;
    // A text input placed anew does not listen until its effect has run.
    if (state.placement !== uiRef.current.placement) listening.current = -1;
    uiRef.current = state;
    setUi(state);
    if (outcome.quit) {
      exit();
      return;
    }
    for (const line of lines) {
      if (runLine(line)) {
        exit();
        return;
      }
    }
  }, [exit, runLine]);

  const onKey: Parameters<typeof useInput>[0] = (input, key) => {
    const press: KeyPress = { ...key, input };
    apply(handleKey(uiRef.current, press, {
      selectable: view.current.selectable, currentMode: view.current.mode, textInputListening: listening.current === uiRef.current.placement,
    }));
  };
  // A paste goes into the prompt (it opens for it): pasted text never acts as single keys.
  const onPaste = (text: string) => apply(typeIntoPrompt(uiRef.current, text));
  // The text input produced a value the reducer did not expect: place it again where the reducer is.
  const onTextChange = (value: string, placement: number) => {
    const current = uiRef.current;
    if (placement === current.placement && value !== current.line.value) apply({ state: { ...current, placement: current.placement + 1 } });
  };

  if (layout.tooSmall) {
    return (
      <>
        {isRawModeSupported ? <KeyboardInput onKey={(input, key) => { if (input === 'q' || (key.ctrl && input === 'c')) exit(); }} /> : null}
        <TooSmall columns={columns} rows={rows} />
      </>
    );
  }

  // The selection is a position in the page list; the grid and commands use the page's name.
  const selectedPage = snapshot.pages[Math.min(ui.selectedPage, Math.max(0, snapshot.pages.length - 1))]?.index ?? 0;
  const selectedChunkId = chunkIds[Math.min(ui.selectedChunk, Math.max(0, chunkIds.length - 1))] ?? null;
  // With the chunk list focused, the grid follows the selected chunk to its page.
  const chunkPage = snapshot.chunks.find((chunk) => chunk.id === selectedChunkId)?.screenPage;
  const gridSelected = ui.focus === 'chunks' && chunkPage !== undefined ? chunkPage : selectedPage;
  const chunkListVisible = layout.chunkColumn || (layout.sidePanel && lesson === null);
  const narrowStats = !chunkListVisible;
  // Without room for the chunk list, Tab shows it in the grid's place.
  const chunksInGrid = !chunkListVisible && ui.focus === 'chunks';
  // Narrow terminals put the lesson under the grid instead of beside it.
  const lessonBelow = lesson !== null && !layout.sidePanel;
  // Beside the grid, the lesson takes the full height, the log's rows too: lessons need the room.
  const lessonBeside = lesson !== null && layout.sidePanel;
  // Rows the grid and the chunk list leave empty go to the log.
  const listRows = snapshot.stats ? snapshot.chunks.length + 7 : 3;
  const gridNeeds = chunksInGrid ? listRows : gridRowsNeeded(snapshot.pages) + 1;
  // Below the grid, the lesson gets every row the grid does not need, and at least half.
  const lessonRows = lessonBelow ? Math.max(Math.floor(layout.middleRows / 2), layout.middleRows - 1 - gridNeeds) : 0;
  const sideNeeds = (layout.sidePanel && lesson === null) || layout.chunkColumn ? listRows : 0;
  const spare = lesson !== null ? 0 : Math.max(0, layout.middleRows - Math.max(gridNeeds + (narrowStats ? 1 : 0), sideNeeds));
  const middleRows = layout.middleRows - spare;
  const logRows = layout.logRows + spare;
  const gridHeight = middleRows - (narrowStats ? 1 : 0) - lessonRows;
  const leftWidth = columns - layout.sideWidth - 1;

  return (
    <Box flexDirection="column" width={columns}>
      {isRawModeSupported ? <KeyboardInput onKey={onKey} onPaste={onPaste} /> : null}
      <LiveHeader session={session} version={lastSeq} sampleMs={sampleMs} mode={snapshot.mode} policy={snapshot.policy} pageSize={snapshot.pageSize} />
      {ui.mode === 'help'
        ? <HelpOverlay width={columns} height={layout.middleRows + layout.logRows} />
        : (
          <Box height={layout.middleRows + layout.logRows}>
            <Box flexDirection="column" width={lessonBeside ? leftWidth : columns}>
              <Box height={middleRows}>
                <Box flexDirection="column" width={layout.gridWidth}>
                  {chunksInGrid
                    ? <SidePanel mode={snapshot.mode} chunks={snapshot.chunks} stats={snapshot.stats} selectedId={selectedChunkId} focused width={layout.gridWidth} height={gridHeight} />
                    : <PageGrid pages={snapshot.pages} selected={gridSelected} height={gridHeight} width={layout.gridWidth} highlightId={ui.focus === 'chunks' ? selectedChunkId : null} />}
                  {narrowStats
                    ? <Text wrap="truncate" color="gray">{snapshot.stats ? `${snapshot.mode === 'a' ? 'Part A' : 'Part B'}: ${statsLine(snapshot.stats)}, ${snapshot.stats.policy} fit` : `mode ${snapshot.mode}: not initialised (i)`}</Text>
                    : null}
                  {lessonBelow ? <LessonPanel lesson={lesson} keyMode={ui.mode} width={layout.gridWidth} height={lessonRows} /> : null}
                </Box>
                {layout.chunkColumn
                  ? (
                    <Box marginLeft={1} width={layout.chunkWidth}>
                      <SidePanel mode={snapshot.mode} chunks={snapshot.chunks} stats={snapshot.stats} selectedId={selectedChunkId} focused={ui.focus === 'chunks'} width={layout.chunkWidth} height={middleRows} />
                    </Box>
                  )
                  : null}
                {layout.sidePanel && !lesson
                  ? (
                    <Box marginLeft={1} width={layout.sideWidth}>
                      <SidePanel mode={snapshot.mode} chunks={snapshot.chunks} stats={snapshot.stats} selectedId={selectedChunkId} focused={ui.focus === 'chunks'} width={layout.sideWidth} height={middleRows} />
                    </Box>
                  )
                  : null}
              </Box>
              <LogView results={snapshot.log} height={logRows} scroll={ui.logScroll} width={lessonBeside ? leftWidth : columns} />
            </Box>
            {lessonBeside
              ? (
                <Box marginLeft={1} width={layout.sideWidth}>
                  <LessonPanel lesson={lesson} keyMode={ui.mode} width={layout.sideWidth} height={layout.middleRows + layout.logRows} />
                </Box>
              )
              : null}
          </Box>
        )}
      <Footer
        mode={ui.mode}
        width={columns}
        prompt={isRawModeSupported
          ? <Prompt line={ui.line} placement={ui.placement} width={columns} listening={listening} onTextChange={onTextChange} />
          : <Text wrap="truncate">: {ui.line.value}</Text>}
      />
    </Box>
  );
}
