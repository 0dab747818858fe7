import type { LessonView } from '../walkthrough/index.js';
import type { Line } from './grid-lines.js';
import { wrapWords } from './wrap-words.js';

interface Paragraph {
  lines: Line[];
  /** Optional paragraphs (intro, note, why) give way, cut at the bottom, when rows run out. */
  optional: boolean;
}

function paragraph(label: string, text: string, width: number, color?: string, optional = false): Paragraph {
  const lines = wrapWords(`${label}${text}`, width).map((line, index): Line => {
    const bold = label.trimEnd();
    if (index === 0 && bold !== '' && line.startsWith(bold)) {
      return [{ text: bold, bold: true, color }, { text: line.slice(bold.length), color }];
    }
    return [{ text: line, color }];
  });
  return { lines, optional };
}

/**
 * The lesson panel's lines for a box of `width` x `height`: title, progress, what to do and
 * watch, what was seen; the intro, the note and the why fill the rows that are left.
 */
export function lessonLines(lesson: LessonView, width: number, height: number, typing = false): Line[] {
  const currentIndex = lesson.steps.findIndex((step) => step.status === 'current');
  const current = lesson.steps[currentIndex];
  const lastDoneIndex = lesson.steps.map((step) => step.status).lastIndexOf('done');
  const lastDone = lesson.steps[lastDoneIndex];
  const marks = lesson.steps.map((step) => (step.status === 'done' ? '[x]' : step.status === 'current' ? '[>]' : '[ ]')).join('');
  const parts: Paragraph[] = [
    paragraph(`Lesson ${lesson.number}/${lesson.count}: ${lesson.title}`, '', width),
    // While the prompt has the keyboard, n would be typed: say how to get to the keys.
    { lines: [[{ text: `${marks}  ${typing ? 'Esc, then n: next lesson' : 'n next, b back, l list'}`.slice(0, width), color: 'gray' }]], optional: false },
  ];
  if (lastDoneIndex < 0) parts.push(paragraph('', lesson.intro, width, undefined, true));
  if (current) {
    parts.push(paragraph(`Do (${currentIndex + 1}/${lesson.steps.length}): `, current.task, width));
    parts.push(paragraph('Watch: ', current.watch, width));
    if (lesson.hint) parts.push(paragraph('Not yet: ', lesson.hint, width, 'yellow'));
  } else {
    const onward = typing ? 'Press Esc, then n, for the next one (or type lesson next).' : 'Press n for the next one.';
    parts.push(paragraph('Lesson complete. ', lesson.number < lesson.count ? onward : 'That was the last lesson.', width, 'green'));
  }
  if (lastDone) {
    parts.push(paragraph(`Seen (${lastDoneIndex + 1}): `, lastDone.observed ?? '', width, 'green'));
    if (lastDone.caveat) parts.push(paragraph('Note: ', lastDone.caveat, width, 'yellow', true));
    parts.push(paragraph('Why: ', lastDone.why ?? '', width, undefined, true));
  }
  let spare = height - parts.filter((part) => !part.optional).reduce((rows, part) => rows + part.lines.length, 0);
  const lines: Line[] = [];
  for (const part of parts) {
    if (!part.optional) lines.push(...part.lines);
    else {
      const shown = part.lines.slice(0, Math.max(0, spare));
      spare -= shown.length;
      lines.push(...shown);
    }
  }
  return lines.slice(0, height);
}
