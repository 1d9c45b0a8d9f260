/**
 * Text and yes/no questions on a terminal, written on @inquirer/core so every
 * word on the screen comes from sluss's catalogues (inquirer's own input and
 * confirm prompts print English and take only y/n), and pasted text is never
 * cut or spilled into the next question:
 *
 * - one line: lines pasted into it are joined with spaces, and the answer says so;
 * - several lines: ended by an empty line; a paste may hold empty lines;
 * - yes/no: ja/j/nej/n (yes/y/no/n in English), asked again on anything else.
 *
 * A paste is told from typing by the terminal's bracketed paste mode. A
 * terminal without it delivers a paste as one burst of keys, so an Enter that
 * more keys follow at once is taken as a line break inside the text.
 */
import { createPrompt, isBackspaceKey, isEnterKey, isTabKey, makeTheme, useEffect, useKeypress, usePrefix, useRef, useState } from '@inquirer/core';

/** Sluss's words for the questions, from the interface catalogue (src/ui/prompt-text.ts). */
export interface PromptWords {
  required: string;
  /** After a question that takes several lines: how to end the answer. */
  multilineHint: string;
  /** Under a one-line answer that was pasted as several lines. */
  linesJoined(count: number): string;
  /** Lines of a long answer not shown on the screen. */
  moreLines(count: number): string;
  yesAnswers: readonly string[];
  noAnswers: readonly string[];
  yes: string;
  no: string;
  /** `j/N`: the answers, the default in capitals. */
  yesNoHint(defaultYes: boolean): string;
  answerYesOrNo: string;
  /** Inquirer's key hints (`navigate`, `select`) in the user's language. */
  keys: Readonly<Record<string, string>>;
}

/** Keys that arrive within this time of an Enter belong to the same paste. */
const PASTE_BURST_MS = 30;
/** Lines of a several-line answer kept on the screen while it is typed. */
const VISIBLE_LINES = 6;
const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';

export interface TextConfig {
  message: string;
  multiline: boolean;
  default?: string;
  validate: (value: string) => string | true;
  /** Told the answer as it stands after every key, so an interruption can keep what was typed. */
  onDraft?: (answer: string) => void;
  words: PromptWords;
}

/** The answer the lines make: one line joined with spaces, or the lines without empty ones around them. */
function answerOf(lines: readonly string[], multiline: boolean): string {
  if (!multiline) return lines.map((line) => line.trim()).filter((line) => line !== '').join(' ');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return '';
  const last = lines.length - 1 - [...lines].reverse().findIndex((line) => line.trim() !== '');
  return lines.slice(first, last + 1).join('\n');
}

export const textPrompt = createPrompt<string, TextConfig>((config, done) => {
  const { multiline } = config;
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [joined, setJoined] = useState(0);
  // The lines live in a ref (a paste adds many between two renders); this count makes a change show.
  const [, setLineCount] = useState(0);
  const lines = useRef<string[]>([]);
  const pasting = useRef(false);
  const lastKey = useRef('');
  const settle = useRef<NodeJS.Timeout | undefined>(undefined);
  const prefix = usePrefix({ status, theme });

  useEffect((rl) => {
    rl.output.unmute();
    rl.output.write(BRACKETED_PASTE_ON);
    rl.output.mute();
    return () => {
      clearTimeout(settle.current);
      rl.output.unmute();
      rl.output.write(BRACKETED_PASTE_OFF);
      rl.output.mute();
    };
  }, []);

  /** After an Enter and a pause: a one-line answer is complete; several lines end with an empty line. */
  const submitIfEnded = (rl: { write(data: string): void }) => {
    if (multiline && lines.current.at(-1) !== '') return;
    const answer = answerOf(lines.current, multiline) || (config.default ?? '');
    const verdict = config.validate(answer);
    if (verdict === true) {
      setJoined(multiline ? 0 : lines.current.filter((line) => line.trim() !== '').length);
      setValue(answer);
      setStatus('done');
      done(answer);
      return;
    }
    setError(verdict);
    if (multiline) {
      lines.current = answer === '' ? [] : answer.split('\n');
      setLineCount(lines.current.length);
    } else {
      // The answer stays on the line to be corrected, not typed again.
      lines.current = [];
      rl.write(answer);
      setValue(answer);
    }
  };

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    const previous = lastKey.current;
    lastKey.current = key.name;
    if (key.name === 'paste-start' || key.name === 'paste-end') {
      pasting.current = key.name === 'paste-start';
      clearTimeout(settle.current);
      return;
    }
    // A pasted Windows line ending (\r\n) is one line break, not two.
    if (key.name === 'enter' && previous === 'return') return;
    if (isEnterKey(key)) {
      lines.current.push(value);
      setLineCount(lines.current.length);
      setValue('');
      setError(undefined);
      clearTimeout(settle.current);
      if (!pasting.current) settle.current = setTimeout(() => submitIfEnded(rl), PASTE_BURST_MS);
      return;
    }
    // More keys right after an Enter: that Enter was a line break inside a paste.
    clearTimeout(settle.current);
    if (multiline && isBackspaceKey(key) && value === '' && rl.line === '' && lines.current.length > 0) {
      const back = lines.current.pop()!;
      setLineCount(lines.current.length);
      rl.write(back);
      setValue(back);
      return;
    }
    if (isTabKey(key) && value === '' && config.default) {
      rl.clearLine(0);
      rl.write(config.default);
    }
    setValue(rl.line);
    setError(undefined);
  });

  if (status === 'idle') config.onDraft?.(answerOf([...lines.current, value], multiline));
  return textView(config, { prefix, status, value, error, joined, lines: lines.current });
});

/** The question as it stands: the answer when done; else the typed lines, the line being typed and any error under them. */
function textView(
  config: TextConfig,
  state: { prefix: string; status: 'idle' | 'done'; value: string; error: string | undefined; joined: number; lines: readonly string[] },
): [string, string | undefined] {
  const { words, multiline } = config;
  const theme = makeTheme({});
  const { prefix, value, lines } = state;
  const message = theme.style.message(config.message, state.status);
  if (state.status === 'done') {
    const [first = '', ...rest] = value.split('\n');
    const more = rest.length > 0 ? ` ${theme.style.help(words.moreLines(rest.length))}` : '';
    const note = state.joined > 1 ? `\n  ${theme.style.help(words.linesJoined(state.joined))}` : '';
    return [`${prefix} ${message} ${theme.style.answer(first)}${more}${note}`, undefined];
  }
  const errorLine = state.error ? theme.style.error(state.error) : undefined;
  if (!multiline) {
    const defaultShown = config.default && value === '' ? ` ${theme.style.defaultAnswer(config.default)}` : '';
    // Lines pasted so far stay in view before the one being typed.
    const pasted = lines.filter((line) => line.trim() !== '').map((line) => `${line.trim()} `).join('');
    return [`${prefix} ${message}${defaultShown} ${pasted}${value}`, errorLine];
  }
  const hidden = Math.max(0, lines.length - VISIBLE_LINES);
  const shown = [...(hidden > 0 ? [`  ${theme.style.help(words.moreLines(hidden))}`] : []), ...lines.slice(hidden).map((line) => `  ${line}`)];
  return [[`${prefix} ${message} ${theme.style.help(words.multilineHint)}`, ...shown, `  ${value}`].join('\n'), errorLine];
}

export interface YesNoConfig {
  message: string;
  default: boolean;
  words: PromptWords;
}

export const yesNoPrompt = createPrompt<boolean, YesNoConfig>((config, done) => {
  const { words } = config;
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (!isEnterKey(key)) {
      setValue(rl.line);
      setError(undefined);
      return;
    }
    const typed = value.trim().toLocaleLowerCase();
    const answer = typed === '' ? config.default : words.yesAnswers.includes(typed) ? true : words.noAnswers.includes(typed) ? false : undefined;
    if (answer === undefined) {
      setError(words.answerYesOrNo);
      setValue('');
      return;
    }
    setValue(answer ? words.yes : words.no);
    setStatus('done');
    done(answer);
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(value)}`;
  return [`${prefix} ${message} ${theme.style.defaultAnswer(words.yesNoHint(config.default))} ${value}`, error ? theme.style.error(error) : undefined];
});
