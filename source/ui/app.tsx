import { Box, Text, useApp, useInput, useStdin } from 'ink';
import React, { useCallback, useState } from 'react';
import type { Session } from '../session/index.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { LessonPanel } from './components/lesson-panel.js';
import { LogView } from './components/log-view.js';
import { PageGrid } from './components/page-grid.js';
import { SidePanel, statsLine } from './components/side-panel.js';
import { TooSmall } from './components/too-small.js';
import { useLiveSample } from './hooks/use-live-sample.js';
import { useSession } from './hooks/use-session.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { calculateLayout } from './layout.js';
import { handleKey, initialUiState, type KeyOutcome, type Selectable, submitPrompt, type UiState } from './ui-state.js';

export interface AppProps {
  session: Session;
  /** Live sampling period; the bench and tests may change it. */
  sampleMs?: number;
}

/** Keys reach the reducer only when stdin is a terminal: ink's useInput throws otherwise. */
function KeyboardInput({ onKey }: { onKey: Parameters<typeof useInput>[0] }) {
  useInput(onKey);
  return null;
}

/** The root: the one owner of the keyboard state and of the exit. */
export function App({ session, sampleMs = 400 }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const snapshot = useSession(session);
  const lastSeq = snapshot.log.length === 0 ? 0 : snapshot.log[snapshot.log.length - 1]!.seq;
  const sample = useLiveSample(session, sampleMs, lastSeq);
  const { columns, rows } = useTerminalSize();
  const [ui, setUi] = useState<UiState>(initialUiState);
  const lesson = snapshot.lesson;
  const layout = calculateLayout(columns, rows, { lesson: lesson !== null });

  const chunkIds = snapshot.chunks.filter((chunk) => !chunk.free).map((chunk) => chunk.id);
  const selectable: Selectable = {
    pages: snapshot.pages.length,
    chunkIds,
    pageIsRaw: (page) => snapshot.pages[page]?.owner === 'raw',
  };

  const apply = useCallback((outcome: KeyOutcome) => {
    setUi(outcome.state);
    if (outcome.quit) {
      exit();
      return;
    }
    if (outcome.run !== undefined) {
      const result = session.run(outcome.run);
      if (result.quit) exit();
    }
  }, [exit, session]);

  // A paste, or keys faster than a frame, can bring whole lines: each complete line runs.
  const onPromptChange = (text: string) => {
    const lines = text.split(/\r\n|\r|\n/);
    const rest = lines.pop()!;
    let state: UiState = { ...ui, prompt: rest, historyIndex: null };
    for (const line of lines) {
      const outcome = submitPrompt({ ...state, prompt: line });
      state = { ...outcome.state, prompt: rest, mode: 'prompt' };
      if (outcome.run !== undefined && session.run(outcome.run).quit) {
        exit();
        return;
      }
    }
    setUi(state);
  };

  const onKey: Parameters<typeof useInput>[0] = (input, key) => {
    apply(handleKey(ui, { ...key, input }, selectable, snapshot.mode));
  };

  if (layout.tooSmall) {
    return (
      <>
        {isRawModeSupported ? <KeyboardInput onKey={(input, key) => { if (input === 'q' || (key.ctrl && input === 'c')) exit(); }} /> : null}
        <TooSmall columns={columns} rows={rows} />
      </>
    );
  }

  const selectedPage = Math.min(ui.selectedPage, Math.max(0, snapshot.pages.length - 1));
  const selectedChunkId = chunkIds[Math.min(ui.selectedChunk, Math.max(0, chunkIds.length - 1))] ?? null;
  // With the chunk list focused, the grid follows the selected chunk to its page.
  const chunkPage = snapshot.chunks.find((chunk) => chunk.id === selectedChunkId)?.screenPage;
  const gridSelected = ui.focus === 'chunks' && chunkPage !== undefined ? chunkPage : selectedPage;
  const narrowStats = !layout.sidePanel || lesson !== null;
  // Narrow terminals put the lesson under the grid instead of beside it.
  const lessonBelow = lesson !== null && !layout.sidePanel;
  const lessonRows = lessonBelow ? Math.max(6, Math.floor(layout.middleRows / 2)) : 0;
  const gridHeight = layout.middleRows - (narrowStats ? 1 : 0) - lessonRows;

  return (
    <Box flexDirection="column" width={columns}>
      {isRawModeSupported ? <KeyboardInput onKey={onKey} /> : null}
      <Header pid={snapshot.pid} sample={sample} mark={session.mark} mode={snapshot.mode} policy={snapshot.policy} pageSize={snapshot.pageSize} />
      {ui.mode === 'help'
        ? <HelpOverlay width={columns} height={layout.middleRows + layout.logRows} />
        : (
          <>
            <Box height={layout.middleRows}>
              <Box flexDirection="column" width={layout.gridWidth}>
                <PageGrid pages={snapshot.pages} selected={gridSelected} height={gridHeight} width={layout.gridWidth} highlightId={ui.focus === 'chunks' ? selectedChunkId : null} />
                {narrowStats
                  ? <Text wrap="truncate" color="gray">{snapshot.stats ? `${snapshot.mode === 'a' ? 'Part A' : 'Part B'}: ${statsLine(snapshot.stats)}, ${snapshot.stats.policy} fit` : `mode ${snapshot.mode}: not initialised (i)`}</Text>
                  : null}
                {lessonBelow ? <LessonPanel lesson={lesson} width={layout.gridWidth} height={lessonRows} /> : null}
              </Box>
              {layout.sidePanel
                ? (
                  <Box marginLeft={1} width={layout.sideWidth}>
                    {lesson
                      ? <LessonPanel lesson={lesson} width={layout.sideWidth} height={layout.middleRows} />
                      : <SidePanel mode={snapshot.mode} chunks={snapshot.chunks} stats={snapshot.stats} selectedId={selectedChunkId} focused={ui.focus === 'chunks'} width={layout.sideWidth} height={layout.middleRows} />}
                  </Box>
                )
                : null}
            </Box>
            <LogView results={snapshot.log} height={layout.logRows} scroll={ui.logScroll} width={columns} />
          </>
        )}
      <Footer
        mode={ui.mode}
        prompt={ui.prompt}
        interactive={isRawModeSupported}
        onChange={onPromptChange}
        onSubmit={() => apply(submitPrompt(ui))}
      />
    </Box>
  );
}
