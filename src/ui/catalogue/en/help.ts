/** Examples shown after each command's help, in English. */
import type { HelpExamples } from '../sv/help.js';

export const help: HelpExamples = {
  add: [
    { text: 'Add an idea, answering questions on the terminal', line: 'sluss add' },
    { text: 'Add without questions; join if the idea exists already', line: 'sluss add --title "Book bus to the villages" --problem "The library is far away in the countryside" --municipality tidaholm --on-duplicate join' },
    { text: 'Continue with the answers sluss kept when you cancelled', line: 'sluss add --file .sluss/recovery/bokbuss-till-byarna-2026-11-27-3fa2c1.md' },
    { text: 'Add on a branch of its own and open a pull request for review', line: 'sluss add --title "Book bus to the villages" --problem "The library is far away" --municipality tidaholm --pr' },
  ],
  similar: [
    { text: 'Does the idea exist already? The check add runs', line: 'sluss similar "Digital locks in home care"' },
    { text: 'Title and description, as JSON for a script', line: 'sluss similar --json "Snow clearing on a map" "See where the ploughs have been"' },
  ],
  list: [
    { text: 'Every idea Skövde owns or takes part in', line: 'sluss list --municipality skovde' },
    { text: 'Ideas under investigation or in test, created this year', line: 'sluss list --status utredning,test --since 2026-01-01' },
    { text: 'All declined ideas as JSON', line: 'sluss list --kind declined --json' },
  ],
  show: [
    { text: 'Show an idea', line: 'sluss show 0CQ-R77CM' },
    { text: 'A unique beginning of the id is enough', line: 'sluss show 0cq' },
    { text: 'The idea as JSON, with its text', line: 'sluss show 0CQ-R77CM --json' },
  ],
  search: [
    { text: 'Search for words in titles and text', line: 'sluss search snöröjning' },
    { text: 'At most five results', line: 'sluss search digitala lås --limit 5' },
  ],
  duplicates: [
    { text: 'Likely duplicates between municipalities in the whole register', line: 'sluss duplicates' },
    { text: 'Only ideas changed on the branch; exit 3 when any are found (for CI)', line: 'sluss duplicates --since origin/main --fail-on-found' },
    { text: 'As Markdown, for a pull request comment', line: 'sluss duplicates --format markdown' },
  ],
  move: [
    { text: 'Choose the next stage among the allowed ones', line: 'sluss move 10V-YANWF' },
    { text: 'Move to the first assessment with a note', line: 'sluss move 10V-YANWF forsta-bedomning --note "On the steering group agenda"' },
  ],
  assess: [
    { text: 'Record the first assessment with scores and a motivation', line: 'sluss assess 0YN-XVG3N --score nytta=4 --score effekter=3 --score genomforbarhet=5 --motivation "Large benefit, easy to introduce"' },
    { text: 'Answer questions on the terminal', line: 'sluss assess 0YN-XVG3N' },
  ],
  join: [
    { text: 'Hjo takes part as interested', line: 'sluss join 0YN-XVG3N --municipality hjo' },
    { text: 'Vara takes part as co-funder paying 25 % of the cost', line: 'sluss join 0YN-XVG3N --municipality vara --role co-funder --share 25' },
  ],
  leave: [
    { text: 'Hjo leaves the idea', line: 'sluss leave 0CQ-R77CM --municipality hjo' },
    { text: 'With a note for the history', line: 'sluss leave 0CQ-R77CM --municipality hjo --note "No budget this year"' },
  ],
  link: [
    { text: 'Link two ideas that belong together', line: 'sluss link 0P5-CBV8A --related 0WG-RK61F' },
    { text: 'Mark an idea as a duplicate of another', line: 'sluss link 10D-W05V3 --duplicate-of 0NX-80YA2' },
  ],
  unlink: [
    { text: 'Remove a link between two ideas', line: 'sluss unlink 0MC-KNV0Y --related 0EF-XRBB2' },
    { text: 'Remove a wrong duplicate link', line: 'sluss unlink 0K3-DT2RH --duplicate-of 0CQ-R77CM' },
  ],
  'not-duplicate': [
    { text: 'Two ideas look alike but differ: never flag the pair again', line: 'sluss not-duplicate 0CQ-R77CM 0DT-1KKS2' },
    { text: 'With a reason', line: 'sluss not-duplicate 0CQ-R77CM 0DT-1KKS2 --note "Different target groups"' },
  ],
  merge: [
    { text: 'Merge a duplicate into the idea that lives on', line: 'sluss merge 10D-W05V3 0NX-80YA2' },
    { text: 'As a pull request instead of on the current branch', line: 'sluss merge 10D-W05V3 0NX-80YA2 --pr' },
  ],
  report: [
    { text: 'The report on the screen', line: 'sluss report' },
    { text: 'A web page for the management group, for the third quarter', line: 'sluss report --format html --period 2026Q3 --out report.html' },
    { text: 'An Excel file for one municipality', line: 'sluss report --format xlsx --municipality skovde --out skovde.xlsx' },
  ],
  validate: [
    { text: 'Check the whole register', line: 'sluss validate' },
    { text: 'Only one file', line: 'sluss validate ideas/0CQ-R77CM-digitala-las-i-hemtjansten.md' },
    { text: 'With annotations in GitHub Actions', line: 'sluss validate --format github' },
  ],
  review: [
    { text: "Review the branch's changes against main", line: 'sluss review --base main' },
    { text: 'In CI: as Markdown, and stop at likely duplicates', line: 'sluss review --base origin/main --format markdown --fail-on-duplicate' },
  ],
  init: [
    { text: 'Create a register in a new folder', line: 'sluss init idea-sluice --name "Idea sluice Skaraborg"' },
    { text: 'With reviews of pull requests on GitHub', line: 'sluss init idea-sluice --ci github' },
    { text: 'Name the coordinators at once (their @login on GitHub or GitLab)', line: 'sluss init idea-sluice --ci gitlab --coordinator @maria.holm --coordinator @johan.ek' },
  ],
  tool: [
    { text: "Update the register's copy of sluss to the version you run, as an ordinary commit", line: 'sluss tool update' },
    { text: 'Write the copy without committing, to look at the change first', line: 'sluss tool update --no-commit' },
  ],
  site: [
    { text: "The site in public/, for the forge's Pages", line: 'sluss site' },
    { text: 'In English, in a folder of its own', line: 'sluss site --lang en --out public/en' },
  ],
  completion: [
    { text: 'Tab completion in bash', line: 'sluss completion bash >> ~/.bashrc' },
    { text: 'Tab completion in zsh', line: 'sluss completion zsh > ~/.zsh/completions/_sluss' },
  ],
};
