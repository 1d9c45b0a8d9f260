/**
 * JSON Schema validation of idea front matter and of sluss.yaml. The schemas in
 * the package's `schemas/` folder are the single source of both formats.
 */
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// Same relative path from src/core/format and dist/core/format to the package root.
export const IDEA_SCHEMA = require('../../../schemas/idea.schema.json') as Record<string, unknown>;
export const CONFIG_SCHEMA = require('../../../schemas/config.schema.json') as Record<string, unknown>;

export interface SchemaProblem {
  /** Path to the field, e.g. ['history', 2, 'date']. */
  path: (string | number)[];
  keyword: string;
  params: Record<string, unknown>;
}

let compiled: { idea: ValidateFunction; config: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const addFormats = addFormatsModule as unknown as (a: Ajv, formats: string[]) => void;
    addFormats(ajv, ['date', 'email']);
    compiled = { idea: ajv.compile(IDEA_SCHEMA), config: ajv.compile(CONFIG_SCHEMA) };
  }
  return compiled;
}

export function validateIdeaSchema(data: unknown): SchemaProblem[] {
  const validate = validators().idea;
  return validate(data) ? [] : toProblems(validate.errors ?? []);
}

export function validateConfigSchema(data: unknown): SchemaProblem[] {
  const validate = validators().config;
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
