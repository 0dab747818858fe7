import type { LessonView } from '../../walkthrough/index.js';
import { fitLine, type Line, seg, type Tone } from './line.js';
import { wrapWords } from './wrap.js';

function paragraph(label: string, text: string, width: number, tone?: Tone): Line[] {
  return wrapWords(`${label}${text}`, width).map((line, index): Line => {
    const bold = label.trimEnd();
    if (index === 0 && bold !== '' && line.startsWith(bold)) return [seg(bold, { bold: true, tone }), seg(line.slice(bold.length), { tone })];
    return [seg(line, { tone })];
  });
}

/**
 * Every line of the lesson panel at `width`: title, progress, what to do and watch, then what the
 * last finished step measured and why. Nothing is left out; the panel scrolls when it is taller
 * than its box.
 */
export function lessonText(lesson: LessonView, width: number, typing: boolean): Line[] {
  const currentIndex = lesson.steps.findIndex((step) => step.status === 'current');
  const current = lesson.steps[currentIndex];
  const lastDoneIndex = lesson.steps.map((step) => step.status).lastIndexOf('done');
  const lastDone = lesson.steps[lastDoneIndex];
  const marks = lesson.steps.map((step) => (step.status === 'done' ? '[x]' : step.status === 'current' ? '[>]' : '[ ]')).join('');
  // While the prompt has the keyboard, n would be typed: say how to get to the keys.
  // The first wording that fits beside the marks (a side column may be 32 wide; lesson 8 has 7 steps).
  const keys = (typing ? ['Esc, then n: next lesson', 'Esc, then n', ''] : ['n next, b back, l list', 'n next, b back', 'n, b', ''])
    .find((text) => marks.length + 2 + text.length <= width) ?? '';
  const lines: Line[] = [
    ...paragraph(`Lesson ${lesson.number}/${lesson.count}: ${lesson.title}`, '', width),
    [seg(keys === '' ? marks : `${marks}  ${keys}`, { tone: 'muted' })],
  ];
  if (lastDoneIndex < 0) lines.push(...paragraph('', lesson.intro, width));
  if (current) {
    lines.push(...paragraph(`Do (${currentIndex + 1}/${lesson.steps.length}): `, current.task, width));
    lines.push(...paragraph('Watch: ', current.watch, width));
    if (lesson.hint) lines.push(...paragraph('Not yet: ', lesson.hint, width, 'warn'));
  } else {
    const onward = typing ? 'Press Esc, then n, for the next one (or type lesson next).' : 'Press n for the next one.';
    lines.push(...paragraph('Lesson complete. ', lesson.number < lesson.count ? onward : 'That was the last lesson.', width, 'good'));
  }
  if (lastDone) {
    lines.push(...paragraph(`Seen (${lastDoneIndex + 1}): `, lastDone.observed ?? '', width, 'good'));
    if (lastDone.caveat) lines.push(...paragraph('Note: ', lastDone.caveat, width, 'warn'));
    lines.push(...paragraph('Why: ', lastDone.why ?? '', width));
  }
  return lines;
}

export interface ScrolledText {
  lines: Line[];
  /** How far the text can scroll in this box. */
  maxScroll: number;
  scroll: number;
}

/**
 * A text in a box of `height` rows, from line `scroll` on. When it does not fit, the last row
 * says how much is left and which keys scroll it (`keys`), so the way on is on screen.
 */
export function scrolledText(text: Line[], width: number, height: number, wantedScroll: number, keys: string): ScrolledText {
  if (text.length <= height) return { lines: text.map((line) => fitLine(line, width)), maxScroll: 0, scroll: 0 };
  const rows = Math.max(1, height - 1);
  const maxScroll = text.length - rows;
  const scroll = Math.max(0, Math.min(wantedScroll, maxScroll));
  const below = text.length - scroll - rows;
  const status = below > 0 ? `${keys}: ${below} more line${below === 1 ? '' : 's'} below` : `${keys}: end (${scroll} line${scroll === 1 ? '' : 's'} above)`;
  return {
    lines: [...text.slice(scroll, scroll + rows).map((line) => fitLine(line, width)), fitLine([seg(status, { inverse: true })], width)],
    maxScroll,
    scroll,
  };
}
