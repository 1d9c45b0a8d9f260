/**
 * A submission: an idea as the site's form hands it in (by e-mail, as a
 * prefilled forge issue or as a downloaded file), and reading it back for
 * `sluss add --from`. The body is a run of `### Label` blocks, the shape a
 * GitHub issue form gives its body, so an issue made from such a form reads
 * back the same way. Labels are read in Swedish and English; values keep
 * their line breaks and characters exactly.
 */

export const SUBMISSION_FIELDS = ['title', 'problem', 'idea', 'benefit', 'municipality', 'name', 'email'] as const;
export type SubmissionField = (typeof SUBMISSION_FIELDS)[number];
export type Submission = Record<SubmissionField, string>;

export const SUBMISSION_LABELS: Record<'sv' | 'en', Record<SubmissionField, string>> = {
  sv: { title: 'Titel', problem: 'Problem/behov', idea: 'Idé/lösning', benefit: 'Nytta', municipality: 'Kommun', name: 'Namn', email: 'E-post' },
  en: { title: 'Title', problem: 'Problem/need', idea: 'Idea/solution', benefit: 'Benefit', municipality: 'Municipality', name: 'Name', email: 'E-mail' },
};

const SUBJECT_PREFIX = { sv: 'Ny idé: ', en: 'New idea: ' } as const;
/** What a GitHub issue form writes for a field left empty. */
const NO_RESPONSE = '_No response_';

/** A line of a value that would read as a heading gets one more backslash; reading takes one off. */
const escapeLine = (line: string) => (/^\\*###/.test(line) ? `\\${line}` : line);
const unescapeLine = (line: string) => (/^\\+###/.test(line) ? line.slice(1) : line);

/** A value as a submission carries it: line breaks as \n, no blank lines before or after (reading drops them too). */
const normalized = (value: string) => value.replace(/\r\n?/g, '\n').replace(/^\n+|\n+$/g, '');

/** The municipality as shown in a submission: its name, with the code the register knows it by. */
export function municipalityValue(name: string, code: string): string {
  return name === code ? code : `${name} (${code})`;
}

export function composeSubmission(fields: Submission, lang: 'sv' | 'en'): { subject: string; body: string } {
  const labels = SUBMISSION_LABELS[lang];
  const body = SUBMISSION_FIELDS.filter((key) => fields[key].trim() !== '')
    .map((key) => `### ${labels[key]}\n\n${normalized(fields[key]).split('\n').map(escapeLine).join('\n')}\n`)
    .join('\n');
  return { subject: `${SUBJECT_PREFIX[lang]}${fields.title.replace(/\s+/g, ' ').trim()}`, body };
}

/** RFC 6068: UTF-8, percent-encoded, line breaks as CRLF. */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encode(subject)}&body=${encode(body)}`;
}

/** A prefilled new issue: GitHub (`…/issues/new`) and GitLab (`…/-/issues/new`) take different parameters. */
export function issueUrl(newIssue: string, subject: string, body: string): string {
  const gitlab = /\/-\/issues\/new\/?$/.test(newIssue);
  const params = gitlab ? `issue%5Btitle%5D=${encodeURIComponent(subject)}&issue%5Bdescription%5D=${encodeURIComponent(body)}` : `title=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `${newIssue}${newIssue.includes('?') ? '&' : '?'}${params}`;
}

const FIELD_BY_LABEL = new Map<string, SubmissionField>(
  Object.values(SUBMISSION_LABELS).flatMap((labels) => SUBMISSION_FIELDS.map((key) => [labels[key].toLowerCase(), key] as const)),
);

export interface ParsedSubmission {
  fields: Submission;
  /** Fields given but empty or missing, by key, for an error that names them. */
  missing: SubmissionField[];
}

/** Reads the `### Label` blocks of a submission body back into its fields; unknown headings stay part of the value above them. */
export function parseSubmissionBody(text: string): ParsedSubmission {
  const fields: Submission = { title: '', problem: '', idea: '', benefit: '', municipality: '', name: '', email: '' };
  let current: SubmissionField | undefined;
  const lines: Record<string, string[]> = {};
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^###\s+(.+?)\s*$/.exec(line);
    const key = heading ? FIELD_BY_LABEL.get((heading[1] as string).toLowerCase()) : undefined;
    if (key) {
      current = key;
      lines[key] = [];
    } else if (current) (lines[current] as string[]).push(unescapeLine(line));
  }
  for (const key of SUBMISSION_FIELDS) {
    const value = (lines[key] ?? []).join('\n').replace(/^\n+|\n+$/g, '');
    fields[key] = value === NO_RESPONSE ? '' : value;
  }
  const code = /\(([^()\s]+)\)$/.exec(fields.municipality.trim());
  if (code) fields.municipality = code[1] as string;
  const missing = (['title', 'problem', 'idea', 'municipality'] as const).filter((key) => fields[key].trim() === '');
  return { fields, missing };
}
