/**
 * Questions on a terminal through @inquirer/prompts. Inquirer never checks for
 * a terminal itself, so the container only creates this when stdin and stdout
 * are TTYs; Ctrl-C becomes an `interrupted` error before anything is written.
 * Inquirer is loaded on the first question, so commands that ask nothing start fast.
 */
const inquirer = () => import('@inquirer/prompts');
import type { Choice, Prompter } from '../../cli/ports.js';
import { SlussError } from '../../core/errors.js';

async function interruptible<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new SlussError('interrupted', {}, { cause: error });
    }
    throw error;
  }
}

export function createInquirerPrompter(requiredMessage: string): Prompter {
  return {
    input: (options) =>
      interruptible(async () =>
        (await inquirer()).input({
          message: options.message,
          ...(options.default !== undefined ? { default: options.default } : {}),
          validate: (value: string) => {
            if (options.required && value.trim() === '') return requiredMessage;
            return options.validate ? options.validate(value) : true;
          },
        }),
      ),
    select: <T>(options: { message: string; choices: readonly Choice<T>[]; default?: T }) =>
      interruptible(async () =>
        (await inquirer()).select<T>({
          message: options.message,
          choices: options.choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) })),
          ...(options.default !== undefined ? { default: options.default } : {}),
          pageSize: 15,
        }),
      ),
    confirm: (options) => interruptible(async () => (await inquirer()).confirm({ message: options.message, default: options.default ?? false })),
  };
}
