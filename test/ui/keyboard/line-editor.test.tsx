import fc from 'fast-check';
import { render } from 'ink-testing-library';
import TextInput from 'ink-text-input';
import React, { useState } from 'react';
import { describe, expect, it } from 'vitest';
import {
  editLine, insertText, type Line, splitCompleteLines, textInputStep, visibleWindow,
} from '../../../source/ui/keyboard/line-editor.js';
import { propertyRuns } from '../../property-runs.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The real ink-text-input, controlled as the prompt controls it; its cursor shows as the inverse cell. */
function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return <TextInput value={value} onChange={setValue} onSubmit={() => undefined} />;
}

describe('the line editor', () => {
  it('follows ink-text-input exactly: same text after every key of random sequences', async () => {
    const keys = fc.constantFrom('\x1b[D', '\x1b[C', '\x7f', 'a', 'bc', 'Z');
    await fc.assert(fc.asyncProperty(fc.array(keys, { maxLength: 14 }), async (sequence) => {
      const app = render(<Harness initial="xy" />);
      await settle();
      let line: Line = { value: 'xy', cursor: 2 };
      for (const key of sequence) {
        app.stdin.write(key);
        await settle();
        line = textInputStep(line, key === '\x1b[D' ? { input: '', leftArrow: true } : key === '\x1b[C' ? { input: '', rightArrow: true } : key === '\x7f' ? { input: '', backspace: true } : { input: key });
        // Colours are off in tests, so the frame is the text (plus a trailing space at the end).
        expect(app.lastFrame()!.trimEnd()).toBe(line.value.trimEnd());
      }
      app.unmount();
    }), { numRuns: propertyRuns(40) });
  });

  it('keeps its cursor inside the line when it edits a key itself', () => {
    expect(editLine({ value: 'ab', cursor: 0 }, { input: '', leftArrow: true })).toEqual({ value: 'ab', cursor: 0 });
    expect(editLine({ value: 'ab', cursor: 2 }, { input: '', rightArrow: true })).toEqual({ value: 'ab', cursor: 2 });
    expect(editLine({ value: 'ab', cursor: 1 }, { input: 'x' })).toEqual({ value: 'axb', cursor: 2 });
    expect(editLine({ value: 'ab', cursor: 0 }, { input: '', backspace: true })).toEqual({ value: 'ab', cursor: 0 });
  });

  it('ink-text-input\'s own quirk is reproduced, so the prompt knows when to correct it', () => {
    expect(textInputStep({ value: 'ab', cursor: 0 }, { input: '', leftArrow: true }).cursor).toBe(-1);
    // Typed at -1, the character lands before the last one: the prompt must never leave it there.
    expect(textInputStep({ value: 'ab', cursor: -1 }, { input: 'x' })).toEqual({ value: 'axb', cursor: 0 });
  });

  it('splits complete lines off a pasted text and keeps the rest with the cursor', () => {
    expect(splitCompleteLines(insertText({ value: '', cursor: 0 }, 'a\r\nb\nc'))).toEqual({ complete: ['a', 'b'], rest: { value: 'c', cursor: 1 } });
    expect(splitCompleteLines({ value: 'ab', cursor: 1 })).toEqual({ complete: [], rest: { value: 'ab', cursor: 1 } });
  });

  it('scrolls a long line so the cursor stays in view', () => {
    expect(visibleWindow({ value: 'x'.repeat(10), cursor: 10 }, 20).start).toBe(0);
    expect(visibleWindow({ value: 'x'.repeat(100), cursor: 100 }, 20).start).toBe(81);
    expect(visibleWindow({ value: 'x'.repeat(100), cursor: 5 }, 20).start).toBe(0);
  });
});
