/**
 * `npm run bench:gen -- --count <N> --out <dir> [--seed <s>]`: a realistic synthetic
 * register for benchmarks – Swedish idea texts built from municipal vocabulary, the
 * 15 Skaraborg municipalities, stages reached through allowed transitions with their
 * history, and a real git repository with one commit. It passes `sluss validate`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CATEGORIES, DEFAULT_STAGES, SKARABORG_MUNICIPALITIES } from '../src/core/config.js';
import { renderDefaultConfig } from '../src/core/format/config-file.js';
import { renderBody, serializeIdea } from '../src/core/format/idea-file.js';
import type { HistoryEntry, IdeaData, Participant } from '../src/core/idea.js';
import { newIdeaId } from '../src/core/ids.js';
import { ideaFileName } from '../src/core/slug.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: 'sluss' } } });
if (!values.out) throw new Error('--out <dir> is required');
const count = Number.parseInt(values.count!, 10);
const out = resolve(values.out);

let state = createHash('sha256').update(values.seed!).digest();
function random(): number {
  state = createHash('sha256').update(state).digest();
  return state.readUInt32BE(0) / 2 ** 32;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomBytes = (size: number) => {
  state = createHash('sha256').update(state).digest();
  return state.subarray(0, size);
};

const subjects = ['hemtjänsten', 'förskolan', 'grundskolan', 'biblioteket', 'äldreboendet', 'kundtjänsten', 'gatuenheten', 'socialtjänsten', 'fritidsgården', 'simhallen', 'måltidsservice', 'bygglovsenheten', 'vuxenutbildningen', 'räddningstjänsten', 'IT-avdelningen', 'ekonomienheten', 'HR-avdelningen', 'kulturskolan', 'fastighetsavdelningen', 'vatten och avlopp'];
const tools = ['digitala lås', 'en e-tjänst', 'en app', 'AI-stöd', 'sensorer', 'en gemensam upphandling', 'en bilpool med elbilar', 'solceller', 'videomöten', 'en chattbot', 'självservice', 'automatiserad handläggning', 'en karta i realtid', 'digital signering', 'ett bokningssystem', 'återbruk', 'mentorskap', 'språkstöd', 'en mobil enhet', 'gemensam schemaläggning'];
const goals = ['minska väntetiderna', 'spara tid för personalen', 'sänka kostnaderna', 'öka tryggheten', 'nå fler invånare', 'minska matsvinnet', 'minska energianvändningen', 'förbättra arbetsmiljön', 'underlätta för nyanlända', 'korta handläggningstiden'];
const problems = ['tar för lång tid', 'kräver mycket manuellt arbete', 'leder till dubbelarbete', 'ger många samtal till växeln', 'kostar mer än nödvändigt', 'skapar otrygghet', 'är svårt att planera', 'ger långa köer', 'görs på papper', 'saknar uppföljning'];
const verbs = ['Inför', 'Pröva', 'Utveckla', 'Samordna', 'Digitalisera', 'Förenkla'];

/** A route from the initial stage to `target` through allowed transitions, as history entries to date. */
function walk(target: string): HistoryEntry[] {
  const stages = new Map(DEFAULT_STAGES.map((s) => [s.code, s]));
  const route: string[] = ['inkommen'];
  while (route.at(-1) !== target) {
    const current = stages.get(route.at(-1)!)!;
    if (current.next.includes(target)) route.push(target);
    else route.push(current.next.find((n) => !['avslagen', 'parkerad', 'dubblett'].includes(n) && !route.includes(n)) ?? target);
  }
  return route.map((status, index) => ({ date: '', status, by: '', ...(index > 0 ? { from: route[index - 1]! } : {}) }));
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

if (existsSync(join(out, 'sluss.yaml'))) throw new Error(`${out} already has a register`);
mkdirSync(join(out, 'ideas'), { recursive: true });
writeFileSync(join(out, 'sluss.yaml'), renderDefaultConfig(`Benchmark ${count}`));
const coaches = new Map(SKARABORG_MUNICIPALITIES.map((m, i) => [m.code, `Coach ${i + 1} ${m.name}`]));
const stageWeights = ['inkommen', 'inkommen', 'forsta-bedomning', 'forsta-bedomning', 'utredning', 'test', 'inforande', 'spridning', 'avslagen', 'parkerad', 'dubblett'];
const taken = new Set<string>();
/** The newest idea not in the duplicate stage: what a duplicate points at (no extra random draw, so the rest stays as it was). */
let lastLive: string | undefined;
const start = Date.UTC(2024, 0, 1);

for (let n = 0; n < count; n++) {
  const municipality = pick(SKARABORG_MUNICIPALITIES).code;
  const created = new Date(start + Math.floor(random() * 1060) * 86_400_000).toISOString().slice(0, 10);
  const subject = pick(subjects);
  const tool = pick(tools);
  const goal = pick(goals);
  const title = `${pick(verbs)} ${tool} i ${subject}`;
  const id = newIdeaId(created, randomBytes, taken);
  taken.add(id);
  const picked = pick(stageWeights);
  const status = picked === 'dubblett' && lastLive === undefined ? 'inkommen' : picked;
  const by = coaches.get(municipality)!;
  let date = created;
  const history = walk(status).map((entry) => {
    date = addDays(date, Math.floor(random() * 40));
    return { ...entry, date: entry.from ? date : created, by: entry.from && random() < 0.5 ? 'Maria Holm' : by };
  });
  const participants: Participant[] = [{ municipality, role: 'owner' }];
  if (random() < 0.25) {
    const other = pick(SKARABORG_MUNICIPALITIES).code;
    if (other !== municipality) participants.push({ municipality: other, role: random() < 0.5 ? 'co-funder' : 'interested', ...(random() < 0.5 ? { share: 25 } : {}), joined: addDays(created, 10) });
  }
  const data: IdeaData = {
    id,
    title,
    status,
    municipality,
    municipalities: participants,
    category: pick(DEFAULT_CATEGORIES).code,
    tags: [subject.split(' ')[0]!.toLowerCase(), tool.split(' ').at(-1)!.toLowerCase()],
    created,
    received_by: by,
    ...(status === 'dubblett' ? { links: { duplicate_of: lastLive! } } : {}),
    history,
  };
  if (status !== 'dubblett') lastLive = id;
  const body = renderBody({
    problem: `I ${subject} ${pick(problems)}. Det gäller ${Math.floor(random() * 900) + 20} ärenden i månaden och personalen ${pick(problems)}.`,
    idea: `${pick(verbs)} ${tool} så att vi kan ${goal}. Vi vill börja i liten skala och följa upp efter ett halvår.`,
    benefit: `Vi räknar med att ${goal} och att ${pick(goals)}.`,
    effects: random() < 0.5 ? `Fler invånare får hjälp snabbare och ${pick(subjects)} kan ${pick(goals)}.` : '',
    feasibility: random() < 0.5 ? `Tekniken finns redan; det som krävs är ${pick(['utbildning', 'en upphandling', 'en projektledare', 'samverkan med grannkommuner'])}.` : '',
  });
  writeFileSync(join(out, 'ideas', ideaFileName(id, title)), serializeIdea(data, body));
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: out, stdio: 'pipe' });
git('init', '--quiet');
git('-c', 'user.name=sluss bench', '-c', 'user.email=bench@example.se', 'add', '-A');
git('-c', 'user.name=sluss bench', '-c', 'user.email=bench@example.se', 'commit', '--quiet', '-m', `Benchmark register, ${count} ideas`);
console.log(`${count} ideas in ${out}`);
