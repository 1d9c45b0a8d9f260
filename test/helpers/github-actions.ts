/**
 * Runs the jobs of a GitHub Actions workflow the way a hosted runner does,
 * as far as sluss's generated workflow needs: `${{ }}` expressions (context
 * paths, string literals, ==, !=, !, &&, ||, parentheses and the status
 * functions), job and step `if:`, `needs` outputs, `GITHUB_OUTPUT`, and each
 * `run:` step in `bash --noprofile --norc -eo pipefail`, with the GITHUB_*
 * variables of the event. The few actions the workflow uses are stood in
 * for by the `actions` the caller hands in (checkout is the caller's own
 * clone; artifacts are folders).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Context = Record<string, unknown>;
export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string | number>;
  with?: Record<string, string | number | boolean>;
}
export interface Job {
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps: Step[];
}

// ---- expressions ------------------------------------------------------------

type Token = { kind: 'op' | 'str' | 'name'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||[!()])|([A-Za-z_][\w.-]*))/y;
  let position = 0;
  while (source.slice(position).trim() !== '') {
    pattern.lastIndex = position;
    const match = pattern.exec(source);
    if (!match) throw new Error(`cannot read expression: ${source}`);
    position = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'str', text: match[1].slice(1, -1).replace(/''/g, "'") });
    else if (match[2] !== undefined) tokens.push({ kind: 'op', text: match[2] });
    else tokens.push({ kind: 'name', text: match[3]! });
  }
  return tokens;
}

function lookup(context: Context, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), context);
}

/** Evaluates one expression (without `${{ }}`); status functions come from `status`. */
export function evaluate(source: string, context: Context, status: Record<string, () => boolean>): unknown {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at]?.text;
  const or = (): unknown => {
    let left = and();
    while (peek() === '||') {
      at++;
      const right = and();
      left = left || right;
    }
    return left;
  };
  const and = (): unknown => {
    let left = unary();
    while (peek() === '&&') {
      at++;
      const right = unary();
      left = left && right;
    }
    return left;
  };
  const unary = (): unknown => {
    if (peek() === '!') {
      at++;
      return !unary();
    }
    const left = primary();
    if (peek() === '==' || peek() === '!=') {
      const op = tokens[at++]!.text;
      const right = primary();
      return op === '==' ? left === right : left !== right;
    }
    return left;
  };
  const primary = (): unknown => {
    const token = tokens[at++];
    if (!token) throw new Error(`expression ends early: ${source}`);
    if (token.text === '(') {
      const value = or();
      at++;
      return value;
    }
    if (token.kind === 'str') return token.text;
    if (peek() === '(') {
      at += 2;
      const fn = status[token.text];
      if (!fn) throw new Error(`unknown function ${token.text}() in ${source}`);
      return fn();
    }
    return lookup(context, token.text);
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`cannot read expression: ${source}`);
  return value;
}

/** A string with `${{ … }}` parts replaced by their values. */
export function interpolate(text: string, context: Context, status: Record<string, () => boolean>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => String(evaluate(expression, context, status) ?? ''));
}

/** An `if:` condition: an expression with or without `${{ }}`, checked against `success()` when absent. */
function condition(text: string | undefined, context: Context, status: Record<string, () => boolean>): boolean {
  if (text === undefined) return status['success']!();
  const inner = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(text)?.[1] ?? text;
  return Boolean(evaluate(inner, context, status));
}

// ---- jobs --------------------------------------------------------------------

export interface StepResult {
  name: string;
  outcome: 'success' | 'failure' | 'skipped';
  output: string;
}

export interface JobResult {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  steps: StepResult[];
}

export type ActionStandIn = (step: Step, workspace: string) => void;

export interface Runner {
  workspace: string;
  /** GITHUB_* variables, PATH and HOME for every step. */
  env: Record<string, string>;
  /** The `github` context: event_name, event, repository, ref_name, token, … */
  github: Context;
  /** Stand-ins for `uses:` steps, by action name (`actions/checkout`). */
  actions: Record<string, ActionStandIn>;
  scratch: string;
}

function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

function runStep(runner: Runner, step: Step, env: Record<string, string>, index: number): { ok: boolean; output: string; outputs: Record<string, string> } {
  if (step.uses) {
    const action = runner.actions[step.uses.split('@')[0]!];
    if (!action) throw new Error(`no stand-in for ${step.uses}`);
    action(step, runner.workspace);
    return { ok: true, output: '', outputs: {} };
  }
  const outputFile = join(runner.scratch, `output-${index}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputFile, '');
  const script = join(runner.scratch, `step-${index}.sh`);
  writeFileSync(script, step.run!);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: runner.workspace, env: { ...env, GITHUB_OUTPUT: outputFile }, encoding: 'utf8', timeout: 120_000 });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`, outputs: readOutputs(outputFile) };
}

/** Runs one job of the workflow; `needs` holds the results of the jobs it needs. */
export function runJob(runner: Runner, job: Job, needs: Record<string, JobResult>): JobResult {
  const needed = [job.needs ?? []].flat();
  const jobStatus = {
    success: () => needed.every((name) => needs[name]?.result === 'success'),
    failure: () => needed.some((name) => needs[name]?.result === 'failure'),
    always: () => true,
    cancelled: () => false,
  };
  const context: Context = { github: runner.github, needs, steps: {} };
  if (!condition(job.if, context, jobStatus)) return { result: 'skipped', outputs: {}, steps: [] };
  mkdirSync(runner.scratch, { recursive: true });
  const steps: StepResult[] = [];
  const stepOutputs: Record<string, { outputs: Record<string, string> }> = {};
  let failed = false;
  const stepStatus = { success: () => !failed, failure: () => failed, always: () => true, cancelled: () => false };
  for (const [index, step] of job.steps.entries()) {
    const stepContext: Context = { ...context, steps: stepOutputs };
    const name = step.name ?? step.uses ?? `step ${index}`;
    if (!condition(step.if, stepContext, stepStatus)) {
      steps.push({ name, outcome: 'skipped', output: '' });
      continue;
    }
    const env = { ...runner.env };
    for (const [key, value] of Object.entries({ ...job.env, ...step.env })) env[key] = interpolate(String(value), stepContext, stepStatus);
    const { ok, output, outputs } = runStep(runner, step, env, index);
    if (step.id) stepOutputs[step.id] = { outputs };
    steps.push({ name, outcome: ok ? 'success' : 'failure', output });
    failed ||= !ok;
  }
  const outputs = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([key, value]) => [key, interpolate(value, { ...context, steps: stepOutputs }, stepStatus)]));
  return { result: failed ? 'failure' : 'success', outputs, steps };
}

/** Runs every job in `order` (needs first), as the event in `runner.github` would. */
export function runWorkflow(runner: Runner, jobs: Record<string, Job>, order: readonly string[]): Record<string, JobResult> {
  const results: Record<string, JobResult> = {};
  for (const name of order) results[name] = runJob(runner, jobs[name]!, results);
  return results;
}
