import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { KeyFilter } from './key-filter.js';

/** How long the start of an escape sequence waits for its rest before it is dropped. */
const SEQUENCE_WAIT_MS = 50;

/** What ink needs of a terminal's input: a readable stream that can switch raw mode. */
export type KeyboardStream = PassThrough & {
  isTTY: true;
  setRawMode(enabled: boolean): KeyboardStream;
  ref(): KeyboardStream;
  unref(): KeyboardStream;
};

/**
 * The terminal's input as ink should see it: the real stdin's bytes decoded as UTF-8 (a code
 * point split between two reads is joined) and passed through the KeyFilter, so that ink and
 * every component under it only ever receive keys. Raw mode and ref/unref go to the real stdin.
 */
export function filteredStdin(source: NodeJS.ReadStream = process.stdin): KeyboardStream {
  const stream = new PassThrough({ encoding: 'utf8' }) as KeyboardStream;
  const decoder = new StringDecoder('utf8');
  const filter = new KeyFilter();
  let escapeTimer: NodeJS.Timeout | undefined;

  const forward = (text: string) => {
    if (text !== '') stream.write(text);
  };
  const onData = (data: Buffer | string) => {
    clearTimeout(escapeTimer);
    const { pass, waiting } = filter.push(typeof data === 'string' ? data : decoder.write(data));
    forward(pass);
    if (waiting) escapeTimer = setTimeout(() => forward(filter.flush()), SEQUENCE_WAIT_MS);
  };

  let listening = false;
  stream.isTTY = true;
  stream.setRawMode = (enabled: boolean) => {
    source.setRawMode?.(enabled);
    if (enabled && !listening) {
      source.on('data', onData);
      listening = true;
    } else if (!enabled && listening) {
      source.off('data', onData);
      source.pause();
      clearTimeout(escapeTimer);
      listening = false;
    }
    return stream;
  };
  stream.ref = () => {
    source.ref();
    return stream;
  };
  stream.unref = () => {
    source.unref();
    return stream;
  };
  return stream;
}
