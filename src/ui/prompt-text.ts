/** The words of the terminal questions themselves (answers, key hints, how to end a text), Swedish and English. */
import type { Lang } from '../core/messages.js';

const sv = {
  required: 'Måste fyllas i.',
  multilineHint: '(flera rader går bra – avsluta med en tom rad)',
  linesJoined: (count: number) => `${count} inklistrade rader slogs ihop till en rad.`,
  moreLines: (count: number) => `(+${count} ${count === 1 ? 'rad' : 'rader'})`,
  yesAnswers: ['j', 'ja', 'y', 'yes'],
  noAnswers: ['n', 'nej', 'no'],
  yes: 'ja',
  no: 'nej',
  yesNoHint: (defaultYes: boolean): string => (defaultYes ? 'J/n' : 'j/N'),
  answerYesOrNo: 'Svara ja eller nej (j/n).',
  keys: { navigate: 'flytta', select: 'välj' } as Readonly<Record<string, string>>,
};

export type PromptText = typeof sv;

const en: PromptText = {
  required: 'Required.',
  multilineHint: '(several lines are fine – finish with an empty line)',
  linesJoined: (count) => `${count} pasted lines were joined into one line.`,
  moreLines: (count) => `(+${count} ${count === 1 ? 'line' : 'lines'})`,
  yesAnswers: ['y', 'yes'],
  noAnswers: ['n', 'no'],
  yes: 'yes',
  no: 'no',
  yesNoHint: (defaultYes) => (defaultYes ? 'Y/n' : 'y/N'),
  answerYesOrNo: 'Answer yes or no (y/n).',
  keys: { navigate: 'move', select: 'choose' },
};

export function promptText(lang: Lang): PromptText {
  return lang === 'en' ? en : sv;
}
