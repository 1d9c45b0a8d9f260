/**
 * The flags each command's runner receives, as commander parses them: here,
 * apart from both the command definitions (`add.ts`, …) and the runners
 * (`add-run.ts`, …), so that a definition can load its runner lazily and the
 * runner can name its flags without importing the definition back.
 */
import type { IdeaDraft } from '../../core/new-idea.js';
import type { IdeaFilter } from '../../core/query.js';

/** The draft's text fields come straight from flags of the same name. */
export interface AddFlags extends Pick<IdeaDraft, 'title' | 'problem' | 'idea' | 'benefit' | 'effects' | 'feasibility' | 'municipality' | 'category' | 'receivedBy'> {
  tags?: string;
  submitter?: string;
  submitterEmail?: string;
  consent?: string;
  file?: string;
  /** A submission from the site's form (src/app/site-submission.ts). */
  from?: string;
  onDuplicate: 'abort' | 'new' | 'join' | 'related';
  role: 'interested' | 'co-funder';
  branch?: boolean;
  pr?: boolean;
  commit: boolean;
  input: boolean;
  json?: boolean;
}

export interface DuplicatesFlags {
  since?: string;
  format: 'text' | 'markdown' | 'json';
  json?: boolean;
  failOnFound?: boolean;
}

export interface InitFlags {
  name: string;
  commit: boolean;
  ci?: 'github' | 'gitlab';
  coordinator?: string[];
  json?: boolean;
}

export interface ListFlags extends IdeaFilter {
  json?: boolean;
}

export const REPORT_FORMATS = ['text', 'md', 'html', 'csv', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFlags {
  format: ReportFormat;
  json?: boolean;
  out?: string;
  period?: string;
  since?: string;
  until?: string;
  municipality?: string[];
  category?: string[];
  staleDays?: string;
  interval?: string;
  at?: string;
  asOf?: string;
  csvExcel?: boolean;
  excel?: boolean;
  includePersonal?: boolean;
}

export type ReviewFormat = 'text' | 'markdown' | 'github' | 'json';

export interface ReviewFlags {
  base: string;
  format: ReviewFormat;
  approvals?: string[];
  actor?: string;
  failOnDuplicate?: boolean;
  json?: boolean;
}

export interface ChangeFlags {
  branch?: boolean;
  pr?: boolean;
  commit: boolean;
  input: boolean;
  by?: string;
  json?: boolean;
}

export interface WorkflowFlags extends ChangeFlags {
  note?: string;
  score?: string[];
  motivation?: string;
  replace?: boolean;
  municipality?: string;
  role?: 'interested' | 'co-funder';
  share?: string;
  update?: boolean;
  duplicateOf?: string;
  related?: string;
}
