/** The words of the terminal questions themselves (answers, key hints, how to end a text), in English. */
import type { PromptText } from '../sv/prompt.js';

export const prompt: PromptText = {
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
