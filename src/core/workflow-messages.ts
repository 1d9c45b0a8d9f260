/**
 * The errors of the workflow commands (move, assess, join, leave, link, merge),
 * in Swedish and English, and the hint each command gives when something is
 * missing. Part of the message catalogue (messages.ts), kept apart so the
 * rules and their words are read together.
 */
import type { ErrorParams, RefusalCode } from './errors.js';

type P = ErrorParams;
type Explained = { message: string; hint?: string };
export type WorkflowErrorCode = RefusalCode | 'invalid-score';

const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
/** `--score nytta=4 --score effekter=3 …` for the register's own criteria. */
const scoreFlags = (p: P) => (Array.isArray(p['criteria']) && p['criteria'].length > 0 ? (p['criteria'] as string[]) : ['nytta', 'effekter', 'genomforbarhet']).map((c, i) => `--score ${c}=${[4, 3, 5][i % 3]}`).join(' ');
const shareSv = (share: unknown) => (share === undefined ? '' : ` med kostnadsandel ${share} %`);
const shareEn = (share: unknown) => (share === undefined ? '' : ` with a cost share of ${share} %`);
const ROLE_SV: Record<string, string> = { owner: 'ägare', 'co-funder': 'medfinansiär', interested: 'intresserad' };
const ROLE_EN: Record<string, string> = { owner: 'owner', 'co-funder': 'co-funder', interested: 'interested' };

export const workflowErrorsSv: Record<WorkflowErrorCode, (p: P) => Explained> = {
  'transition-not-allowed': (p) => ({
    message: p['to'] === undefined ? `Idé ${p['id']} står i ${p['from']} och kan inte flyttas.` : `Idé ${p['id']} kan inte flyttas från ${p['from']} till ${p['to']}.`,
    hint: p['final'] ? `${p['from']} är ett slutsteg: idén flyttas inte vidare därifrån.` : `Tillåtna nästa steg: ${list(p['allowed'])}.`,
  }),
  'assessment-required': (p) => ({ message: `Idé ${p['id']} behöver en bedömning innan den lämnar ${p['stage']}.`, hint: `Gör bedömningen först: sluss assess ${p['id']} ${scoreFlags(p)} --motivation "…"` }),
  'invalid-score': (p) => {
    if (p['reason'] === 'criterion') return { message: `Okänt kriterium: ${p['value']}.`, hint: `Kriterierna i sluss.yaml är ${list(p['known'])}; ange --score kriterium=1–5 för vart och ett.` };
    if (p['reason'] === 'repeated') return { message: `Kriteriet ${p['value']} har fått poäng två gånger.`, hint: 'Ange en --score per kriterium.' };
    if (p['reason'] === 'range') return { message: `Ogiltig poäng: ${p['value']}.`, hint: 'Poängen är ett heltal från 1 till 5.' };
    return { message: `Ogiltig poäng: ${p['value']}.`, hint: `Skriv kriterium=poäng med ett heltal 1–5, en --score per kriterium, till exempel ${scoreFlags({ criteria: p['known'] })}.` };
  },
  'shares-over-100': (p) => ({ message: `Kostnadsandelarna i idé ${p['id']} skulle bli ${p['total']} %.`, hint: `Det finns ${p['available']} % kvar att fördela; ange en mindre --share.` }),
  'not-participant': (p) => ({ message: `${p['municipality']} deltar inte i idé ${p['id']}.`, hint: `Se deltagarna med sluss show ${p['id']}.` }),
  'owner-cannot-leave': (p) => ({ message: `${p['municipality']} äger idé ${p['id']} och kan inte lämna den.`, hint: 'Parkera eller avslå idén med sluss move i stället.' }),
  'link-invalid': (p) => ({ message: `Idé ${p['id']} kan inte länkas till sig själv.`, hint: 'Ange två olika idéer.' }),
  'already-linked': (p) => ({ message: `Idé ${p['id']} är redan länkad till ${p['other']}.`, hint: 'Inget behövde ändras.' }),
  'not-linked': (p) => ({ message: `Idé ${p['id']} har ingen sådan länk till ${p['other']}.`, hint: `Se länkarna med sluss show ${p['id']}.` }),
  'already-participant': (p) => ({
    message: `${p['municipality']} deltar redan i idé ${p['id']} (${ROLE_SV[String(p['role'])] ?? p['role']}).`,
    hint: `Ändra roll eller kostnadsandel med sluss join ${p['id']} --municipality ${p['code'] ?? p['municipality']} --update --role co-funder --share 30.`,
  }),
  'already-assessed': (p) => ({
    message: `Idé ${p['id']} är redan bedömd (${p['date']} av ${p['by']}).`,
    hint: `Vill du ersätta bedömningen, lägg till --replace; den gamla finns kvar i historiken.`,
  }),
  'already-merged': (p) =>
    p['same']
      ? { message: `Idé ${p['id']} är redan sammanslagen med ${p['other']}.`, hint: 'Inget behövde ändras.' }
      : {
          message: `Idé ${p['id']} är redan en dubblett (${p['stage']}) av ${p['other']} och kan inte slås ihop med ${p['target']} också.`,
          hint: `Hör den hellre till ${p['target']}? Flytta först tillbaka den (sluss move ${p['id']}) och slå sedan ihop den: sluss merge ${p['id']} ${p['target']}.`,
        },
  'target-is-duplicate': (p) => ({
    message: `Idé ${p['other']} är själv en dubblett och kan inte ta emot ${p['id']}.`,
    hint: p['survivor'] ? `Idén som lever vidare är ${p['survivor']}: sluss merge ${p['id']} ${p['survivor']}.` : `Ingen levande idé hittades bakom ${p['other']}; rätta dess länk (sluss validate visar den).`,
  }),
  'duplicate-cycle': (p) => ({ message: `Det skulle bli en cirkel av dubbletter: ${list(p['chain']).replace(/, /g, ' → ')}.`, hint: 'Välj idén som ska leva vidare och slå ihop de andra med den.' }),
  'owner-role-fixed': (p) => ({ message: `${p['municipality']} äger idé ${p['id']}; ägarens roll ändras inte.`, hint: 'Ändra kostnadsandelen med --share, eller flytta idén med sluss move.' }),
  'participant-unchanged': (p) => ({ message: `${p['municipality']} deltar redan som ${ROLE_SV[String(p['role'])] ?? p['role']}${shareSv(p['share'])} i idé ${p['id']}.`, hint: 'Inget behövde ändras.' }),
};

export const workflowErrorsEn: Record<WorkflowErrorCode, (p: P) => Explained> = {
  'transition-not-allowed': (p) => ({
    message: p['to'] === undefined ? `Idea ${p['id']} is in ${p['from']} and cannot move.` : `Idea ${p['id']} cannot move from ${p['from']} to ${p['to']}.`,
    hint: p['final'] ? `${p['from']} is a final stage: the idea does not move on from there.` : `Allowed next stages: ${list(p['allowed'])}.`,
  }),
  'assessment-required': (p) => ({ message: `Idea ${p['id']} needs an assessment before it leaves ${p['stage']}.`, hint: `Assess it first: sluss assess ${p['id']} ${scoreFlags(p)} --motivation "…"` }),
  'invalid-score': (p) => {
    if (p['reason'] === 'criterion') return { message: `Unknown criterion: ${p['value']}.`, hint: `The criteria in sluss.yaml are ${list(p['known'])}; give --score criterion=1–5 for each.` };
    if (p['reason'] === 'repeated') return { message: `The criterion ${p['value']} was scored twice.`, hint: 'Give one --score per criterion.' };
    if (p['reason'] === 'range') return { message: `Invalid score: ${p['value']}.`, hint: 'A score is a whole number from 1 to 5.' };
    return { message: `Invalid score: ${p['value']}.`, hint: `Write criterion=score with a whole number 1–5, one --score per criterion, for example ${scoreFlags({ criteria: p['known'] })}.` };
  },
  'shares-over-100': (p) => ({ message: `The cost shares of idea ${p['id']} would add up to ${p['total']} %.`, hint: `${p['available']} % is left to share; give a smaller --share.` }),
  'not-participant': (p) => ({ message: `${p['municipality']} does not take part in idea ${p['id']}.`, hint: `See the participants with sluss show ${p['id']}.` }),
  'owner-cannot-leave': (p) => ({ message: `${p['municipality']} owns idea ${p['id']} and cannot leave it.`, hint: 'Put the idea on hold or decline it with sluss move instead.' }),
  'link-invalid': (p) => ({ message: `Idea ${p['id']} cannot be linked to itself.`, hint: 'Name two different ideas.' }),
  'already-linked': (p) => ({ message: `Idea ${p['id']} is already linked to ${p['other']}.`, hint: 'Nothing needed to change.' }),
  'not-linked': (p) => ({ message: `Idea ${p['id']} has no such link to ${p['other']}.`, hint: `See the links with sluss show ${p['id']}.` }),
  'already-participant': (p) => ({
    message: `${p['municipality']} already takes part in idea ${p['id']} (${ROLE_EN[String(p['role'])] ?? p['role']}).`,
    hint: `Change its role or cost share with sluss join ${p['id']} --municipality ${p['code'] ?? p['municipality']} --update --role co-funder --share 30.`,
  }),
  'already-assessed': (p) => ({
    message: `Idea ${p['id']} is already assessed (${p['date']} by ${p['by']}).`,
    hint: 'To replace the assessment, add --replace; the old one stays in the history.',
  }),
  'already-merged': (p) =>
    p['same']
      ? { message: `Idea ${p['id']} is already merged into ${p['other']}.`, hint: 'Nothing needed to change.' }
      : {
          message: `Idea ${p['id']} is already a duplicate (${p['stage']}) of ${p['other']} and cannot be merged into ${p['target']} as well.`,
          hint: `Does it belong to ${p['target']} instead? Move it back first (sluss move ${p['id']}), then merge it: sluss merge ${p['id']} ${p['target']}.`,
        },
  'target-is-duplicate': (p) => ({
    message: `Idea ${p['other']} is itself a duplicate and cannot take in ${p['id']}.`,
    hint: p['survivor'] ? `The idea that lives on is ${p['survivor']}: sluss merge ${p['id']} ${p['survivor']}.` : `No live idea was found behind ${p['other']}; correct its link (sluss validate shows it).`,
  }),
  'duplicate-cycle': (p) => ({ message: `That would make a circle of duplicates: ${list(p['chain']).replace(/, /g, ' → ')}.`, hint: 'Choose the idea that lives on and merge the others into it.' }),
  'owner-role-fixed': (p) => ({ message: `${p['municipality']} owns idea ${p['id']}; the owner's role does not change.`, hint: 'Change the cost share with --share, or move the idea with sluss move.' }),
  'participant-unchanged': (p) => ({ message: `${p['municipality']} already takes part in idea ${p['id']} as ${ROLE_EN[String(p['role'])] ?? p['role']}${shareEn(p['share'])}.`, hint: 'Nothing needed to change.' }),
};

/** What to type instead, for each command that can miss an input; undefined for `add` (its own hint). */
export function missingInputHint(lang: 'sv' | 'en', p: P): string | undefined {
  const id = String(p['id'] ?? '<id>');
  const sv = lang === 'sv';
  const terminal = sv ? ', eller kör kommandot i en terminal för att välja' : ', or run the command in a terminal to choose';
  switch (p['command']) {
    case 'move':
      return sv
        ? `Ange steget: sluss move ${id} <steg>. Tillåtna steg härifrån: ${list(p['allowed']) || '–'}${terminal}.`
        : `Give the stage: sluss move ${id} <stage>. Allowed stages from here: ${list(p['allowed']) || '–'}${terminal}.`;
    case 'move-duplicate':
      return sv
        ? `Ange idén som lever vidare: sluss move ${id} ${p['stage']} --duplicate-of <id>, eller slå ihop idéerna: sluss merge ${id} <id>.`
        : `Name the idea that lives on: sluss move ${id} ${p['stage']} --duplicate-of <id>, or merge the ideas: sluss merge ${id} <id>.`;
    case 'join':
    case 'leave':
      return sv ? `Ange kommunen: sluss ${p['command']} ${id} --municipality Hjo${terminal}.` : `Give the municipality: sluss ${p['command']} ${id} --municipality Hjo${terminal}.`;
    case 'join-update':
      return sv ? `Ange vad som ändras: sluss join ${id} --municipality Hjo --update --role co-funder och/eller --share 30.` : `Say what changes: sluss join ${id} --municipality Hjo --update --role co-funder and/or --share 30.`;
    case 'assess':
      return sv ? `Ange en poäng 1–5 per kriterium: sluss assess ${id} ${scoreFlags(p)}${terminal.replace('välja', 'få frågor')}.` : `Give a score 1–5 per criterion: sluss assess ${id} ${scoreFlags(p)}${terminal.replace('choose', 'be asked')}.`;
    default:
      return undefined;
  }
}
