/** report: what the sluice delivers, for the chief executives, Excel and the web. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { Lang } from '../../core/lang.js';
import { collect } from '../cli-env.js';
import type { CliEnv } from '../cli-env.js';
import { REPORT_FORMATS } from './flags.js';
import type { ReportFlags, ReportFormat } from './flags.js';

const HELP_SV = {
  report: 'rapport över vad slussen levererar: steg, kommuner, inflöde, delade idéer, spridning, ledtider, dubbletter',
  format: 'utskrift',
  json: 'samma som --format json',
  out: 'skriv till en fil (eller, för csv, en mapp som slutar med / – en fil per tabell) i stället för till skärmen',
  period: 'idéer skapade under ett år, kvartal eller en månad: 2026, 2026Q3, 2026-09',
  since: 'idéer skapade från och med YYYY-MM-DD',
  until: 'idéer skapade till och med YYYY-MM-DD',
  municipality: 'bara idéer som kommunen äger eller deltar i (kan upprepas)',
  category: 'bara idéer i verksamhetsområdet (kan upprepas)',
  staleDays: 'inaktiv efter så många dagar utan ändring',
  interval: 'inflöde och genomflöde per månad eller kvartal',
  at: 'rapport över registret som det var vid en incheckning (gren, tagg eller sha)',
  asOf: 'rapportdag YYYY-MM-DD (standard: incheckningens datum med --at, annars i dag)',
  csvExcel: 'CSV för svenska Excel: semikolon, decimalkomma och BOM',
  includePersonal: 'visa idégivarnas namn, e-post och telefon',
};

const HELP: Record<Lang, typeof HELP_SV> = {
  sv: HELP_SV,
  en: {
    report: 'report on what the sluice delivers: stages, municipalities, inflow, shared ideas, spread, lead times, duplicates',
    format: 'output format',
    json: 'same as --format json',
    out: 'write to a file (or, for csv, a folder ending in / – one file per table) instead of the screen',
    period: 'ideas created in a year, quarter or month: 2026, 2026Q3, 2026-09',
    since: 'ideas created on or after YYYY-MM-DD',
    until: 'ideas created on or before YYYY-MM-DD',
    municipality: 'only ideas the municipality owns or takes part in (repeatable)',
    category: 'only ideas in the category (repeatable)',
    staleDays: 'stale after this many days without a change',
    interval: 'inflow and throughput per month or quarter',
    at: 'report on the register as it was at a commit (branch, tag or sha)',
    asOf: 'report date YYYY-MM-DD (default: the commit date with --at, else today)',
    csvExcel: 'CSV for Swedish Excel: semicolons, decimal comma and a BOM',
    includePersonal: "show submitters' names, e-mail addresses and phone numbers",
  },
};

export function reportCommand(program: Command, env: CliEnv): void {
  const h = HELP[env.lang];
  program
    .command('report')
    .description(h.report)
    .addOption(new Option('--format <format>', h.format).choices([...REPORT_FORMATS, 'markdown']).default('text'))
    .option('--json', h.json)
    .option('-o, --out <path>', h.out)
    .option('--period <period>', h.period)
    .option('--since <date>', h.since)
    .option('--until <date>', h.until)
    .option('--municipality <code>', h.municipality, collect)
    .option('--category <code>', h.category, collect)
    .option('--stale-days <days>', h.staleDays, '90')
    .addOption(new Option('--interval <interval>', h.interval).choices(['month', 'quarter']).default('month'))
    .option('--at <ref>', h.at)
    .option('--as-of <date>', h.asOf)
    .option('--csv-excel', h.csvExcel)
    .addOption(new Option('--excel').hideHelp())
    .option('--include-personal', h.includePersonal)
    .action(async (flags: Omit<ReportFlags, 'format'> & { format: ReportFormat | 'markdown' }, command: Command) => {
      const { runReport } = await import('./report-run.js');
      // `md` and `markdown` are the same everywhere a format is taken.
      await runReport(await env.context(command, { interactive: false }), { ...flags, format: flags.format === 'markdown' ? 'md' : flags.format });
    });
}
