/** The words of the terminal questions themselves (answers, key hints, how to end a text), in Swedish. */

export const prompt = {
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

export type PromptText = typeof prompt;
