import type { Tone } from './view/line.js';

/** A tone as a terminal colour (ink's names), or nothing: with NO_COLOR or --no-color no colour code is sent at all. */
export type Theme = (tone: Tone | undefined) => string | undefined;

const palette: Record<Tone, string> = {
  muted: 'gray', good: 'green', warn: 'yellow', bad: 'red', written: 'yellow',
  chunk0: 'cyan', chunk1: 'magenta', chunk2: 'yellow', chunk3: 'green', chunk4: 'blueBright', chunk5: 'redBright', chunk6: 'cyanBright', chunk7: 'magentaBright',
};

export const colourTheme: Theme = (tone) => (tone === undefined ? undefined : palette[tone]);
export const plainTheme: Theme = () => undefined;
