/**
 * JSON Schema validation of idea front matter and of sluss.yaml. The schemas in
 * the package's `schemas/` folder are the single source of both formats; the
 * validators are compiled from them ahead of time (scripts/compile-schemas.mjs),
 * so no command pays for compiling them.
 */
import type { ErrorObject } from 'ajv';
import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };
import ideaSchema from '../../../schemas/idea.schema.json' with { type: 'json' };
import { validateConfig, validateIdea } from './schema-validators.generated.js';

export const IDEA_SCHEMA: Record<string, unknown> = ideaSchema;
export const CONFIG_SCHEMA: Record<string, unknown> = configSchema;

export interface SchemaProblem {
  /** Path to the field, e.g. ['history', 2, 'date']. */
  path: (string | number)[];
  keyword: string;
  params: Record<string, unknown>;
}

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export function validateIdeaSchema(data: unknown): SchemaProblem[] {
  return problemsOf(validateIdea as CompiledValidator, data);
}

export function validateConfigSchema(data: unknown): SchemaProblem[] {
  return problemsOf(validateConfig as CompiledValidator, data);
}

function problemsOf(validate: CompiledValidator, data: unknown): SchemaProblem[] {
  return validate(data) ? [] : toProblems(validate.errors ?? []);
}

function toProblems(errors: ErrorObject[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // A value that fails `pattern` and `format` says the same thing twice; `if` adds nothing.
    if (error.keyword === 'if') continue;
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (error.keyword === 'required') path.push(String(error.params['missingProperty']));
    if (error.keyword === 'additionalProperties') path.push(String(error.params['additionalProperty']));
    const key = path.join('.');
    if (seen.has(key) && (error.keyword === 'format' || error.keyword === 'pattern')) continue;
    seen.add(key);
    problems.push({ path, keyword: error.keyword, params: { ...error.params, schemaMessage: error.message } });
  }
  return problems;
}
