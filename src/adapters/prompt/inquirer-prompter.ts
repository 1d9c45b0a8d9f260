/**
 * Questions on a terminal. Text and yes/no questions are sluss's own prompts
 * (text-prompts.ts); lists are inquirer's select, with its key hints themed
 * into the user's language. Inquirer never checks for a terminal itself, so
 * the container only creates this when stdin and stdout are TTYs; Ctrl-C
 * becomes an `interrupted` error before anything is written. The prompt code
 * is loaded on the first question, so commands that ask nothing start fast.
 */
import type { Choice, Prompter } from '../../app/ports.js';
import { SlussError } from '../../core/errors.js';
import type { PromptWords } from './text-prompts.js';

const prompts = () => import('./text-prompts.js');
const inquirer = () => import('@inquirer/prompts');

export type { PromptWords };

/** `typed()` is what the question held when Ctrl-C came, handed on in the error (see the Prompter port). */
async function interruptible<T>(ask: () => Promise<T>, typed: () => string = () => ''): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      const partialAnswer = typed();
      throw new SlussError('interrupted', partialAnswer.trim() === '' ? {} : { partialAnswer }, { cause: error });
    }
    throw error;
  }
}

export function createInquirerPrompter(words: PromptWords): Prompter {
  const keysHelpTip = (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${words.keys[action] ?? action}`).join(' • ');
  return {
    input: (options) => {
      let typed = '';
      const ask = async () =>
        (await prompts()).textPrompt({
          message: options.message,
          multiline: Boolean(options.multiline),
          ...(options.default !== undefined ? { default: options.default } : {}),
          validate: (value: string) => {
            if (options.required && value.trim() === '') return words.required;
            return options.validate ? options.validate(value) : true;
          },
          onDraft: (answer: string) => {
            typed = answer;
          },
          words,
        });
      return interruptible(ask, () => typed);
    },
    select: <T>(options: { message: string; choices: readonly Choice<T>[]; default?: T }) =>
      interruptible(async () =>
        (await inquirer()).select<T>({
          message: options.message,
          choices: options.choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) })),
          ...(options.default !== undefined ? { default: options.default } : {}),
          pageSize: 15,
          theme: { style: { keysHelpTip } },
        }),
      ),
    confirm: (options) => interruptible(async () => (await prompts()).yesNoPrompt({ message: options.message, default: options.default ?? false, words })),
  };
}
