/** The SlussError a change throws; fails the test when it goes through or throws something else. */
import { SlussError } from '../../src/core/errors.js';

export function refused(action: () => unknown): SlussError {
  try {
    action();
  } catch (error) {
    if (error instanceof SlussError) return error;
    throw error;
  }
  throw new Error('expected the change to be refused');
}
