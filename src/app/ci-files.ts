/**
 * CI files for `sluss init --ci github|gitlab`: a pipeline that runs the
 * register's own copy of sluss (`validate`, `review`) on every pull or merge
 * request and publishes the report from the default branch, a request
 * template for sub-project leaders, and CODEOWNERS generated from sluss.yaml.
 *
 * CODEOWNERS is sluss's alone and always regenerated; the other files are
 * regenerated while they carry sluss's mark (src/ui/ci/shared.ts) and kept as they
 * are once someone removed it.
 */
import type { GeneratedFile, RegisterFilePorts } from './ports/register-files.js';
import type { RegisterConfig } from '../core/config.js';
import type { Forge } from '../core/forge.js';
import { markdownText } from '../core/format/escape.js';
import { renderCodeowners } from '../ui/ci/codeowners.js';
import { githubWorkflow } from '../ui/ci/github.js';
import { gitlabPipeline } from '../ui/ci/gitlab.js';
import { GENERATED_MARK, isSlussGenerated } from '../ui/ci/shared.js';

export { isForgeOwner, renderCodeowners } from '../ui/ci/codeowners.js';

/** Who may move ideas past the first assessment, as the template tells the sub-project leader. */
function coordinatorLine(config: RegisterConfig): string {
  if (config.coordinators.length === 0) return 'Registret har ännu inga samordnare i sluss.yaml (coordinators).';
  return `Samordnare enligt sluss.yaml: ${config.coordinators.map(markdownText).join(', ')}.`;
}

function requestTemplate(config: RegisterConfig, forge: Forge): string {
  const result = forge === 'github' ? 'skriver resultatet i en kommentar' : 'skriver resultatet i en kommentar (eller, utan token, i artefakten sluss-review.md)';
  return `<!-- ${GENERATED_MARK} ${forge}. Kör kommandot igen så skrivs mallen om; ta bort den här raden om du vill behålla egna ändringar. -->
## Vad ändras?

<!-- Till exempel: ny idé från Tibro, Skövde ansluter till 115-7M4QD, flytt till utredning. -->

## Checklista för delprojektledaren

- [ ] Idén är sparad med \`./sluss add\` (eller \`./sluss validate\` går igenom).
- [ ] Jag har läst dubblettkontrollens förslag och anslutit till en befintlig idé där det passar.
- [ ] Idégivarens namn finns bara med om hen har samtyckt (\`--consent\`).
- [ ] Flytt ut ur första bedömningen görs av en samordnare. ${coordinatorLine(config)}
- [ ] Granskarna för alla berörda kommuner är tillfrågade (se kommentaren från sluss).

sluss kontrollerar ändringen automatiskt och ${result}.
`;
}

/** The paths of a forge's CI files, in the order they are written: pipeline, request template, CODEOWNERS. */
export function ciPaths(forge: Forge): string[] {
  return forge === 'github'
    ? ['.github/workflows/sluss.yml', '.github/pull_request_template.md', '.github/CODEOWNERS']
    : ['.gitlab-ci.yml', '.gitlab/merge_request_templates/Idé.md', '.gitlab/CODEOWNERS'];
}

/** The CI files of a forge, in the order they are written. */
export function ciFiles(config: RegisterConfig, forge: Forge): GeneratedFile[] {
  const [pipeline, template, owners] = ciPaths(forge) as [string, string, string];
  return [
    { path: pipeline, content: forge === 'github' ? githubWorkflow() : gitlabPipeline(), replace: isSlussGenerated },
    { path: template, content: requestTemplate(config, forge), replace: isSlussGenerated },
    { path: owners, content: renderCodeowners(config, forge), replace: true },
  ];
}

/** Writes what differs of the CI files of `forge` into the register at `root`; returns the paths written. */
export async function writeCiFiles(files: RegisterFilePorts, root: string, config: RegisterConfig, forge: Forge): Promise<string[]> {
  return files.syncRegisterFiles(root, ciFiles(config, forge));
}
