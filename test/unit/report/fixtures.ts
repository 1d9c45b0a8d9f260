/** Hand-made ideas for the report's unit tests; expectations are worked out by hand in the tests. */
import { parseConfig } from '../../../src/core/format/config-file.js';
import { renderDefaultConfig } from '../../../src/core/format/config-file.js';
import type { HistoryEntry, Idea, IdeaData } from '../../../src/core/idea.js';

export const config = parseConfig(renderDefaultConfig('Testregister'));

function h(date: string, status: string, from?: string, note?: string): HistoryEntry {
  return { date, ...(from ? { from } : {}), status, by: 'Coach', ...(note ? { note } : {}) };
}

function idea(data: Omit<IdeaData, 'received_by'> & Partial<Pick<IdeaData, 'received_by'>>): Idea {
  return { data: { received_by: 'Coach', ...data } as IdeaData, path: `ideas/${data.id}.md` };
}

/** The reference date of the fixtures. */
export const AS_OF = '2026-09-30';

export const IDEAS: Idea[] = [
  idea({
    id: 'A',
    title: 'Digitala lås',
    status: 'inforande',
    municipality: 'skovde',
    municipalities: [
      { municipality: 'skovde', role: 'owner' },
      { municipality: 'hjo', role: 'co-funder', share: 30, joined: '2026-02-01' },
      { municipality: 'tibro', role: 'interested', joined: '2026-03-05' },
    ],
    category: 'vard-omsorg',
    created: '2026-01-10',
    assessment: { date: '2026-02-10', by: 'Samordnare', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 } },
    history: [
      h('2026-01-10', 'inkommen'),
      h('2026-01-20', 'forsta-bedomning', 'inkommen'),
      h('2026-02-10', 'forsta-bedomning', undefined, 'Nytta 4'),
      h('2026-02-19', 'utredning', 'forsta-bedomning'),
      h('2026-03-01', 'test', 'utredning'),
      h('2026-04-10', 'inforande', 'test'),
    ],
  }),
  idea({
    id: 'B',
    title: 'Digitala lås i stället för nycklar',
    status: 'dubblett',
    municipality: 'hjo',
    municipalities: [{ municipality: 'hjo', role: 'owner' }],
    category: 'vard-omsorg',
    created: '2026-02-05',
    links: { duplicate_of: 'A' },
    history: [h('2026-02-05', 'inkommen'), h('2026-02-15', 'dubblett', 'inkommen')],
  }),
  idea({
    id: 'C',
    title: 'Behovsstyrd ventilation',
    status: 'spridning',
    municipality: 'vara',
    municipalities: [
      { municipality: 'vara', role: 'owner' },
      { municipality: 'skara', role: 'interested', joined: '2026-07-01' },
    ],
    category: 'miljo-energi',
    created: '2026-04-01',
    assessment: { date: '2026-04-25', by: 'Samordnare', scores: { nytta: 2, effekter: 3, genomforbarhet: 4 } },
    history: [
      h('2026-04-01', 'inkommen'),
      h('2026-04-11', 'forsta-bedomning', 'inkommen'),
      h('2026-05-01', 'utredning', 'forsta-bedomning'),
      h('2026-05-21', 'test', 'utredning'),
      h('2026-06-10', 'inforande', 'test'),
      h('2026-08-09', 'spridning', 'inforande'),
    ],
  }),
  idea({
    id: 'D',
    title: 'Bokbuss till byarna',
    status: 'inkommen',
    municipality: 'vara',
    municipalities: [{ municipality: 'vara', role: 'owner' }],
    category: 'kultur-fritid',
    created: '2026-05-15',
    submitter: { name: 'Anna Andersson', email: 'anna@example.se', phone: '070-1234567', consent: { date: '2026-05-15' } },
    history: [h('2026-05-15', 'inkommen')],
  }),
  idea({
    id: 'E',
    title: 'Hembygdsdag',
    status: 'avslagen',
    municipality: 'falkoping',
    municipalities: [{ municipality: 'falkoping', role: 'owner' }],
    category: 'ovrigt',
    created: '2026-07-20',
    assessment: { date: '2026-08-20', by: 'Samordnare', scores: { nytta: 3, effekter: 3, genomforbarhet: 3 } },
    history: [
      h('2026-07-20', 'inkommen'),
      h('2026-08-01', 'forsta-bedomning', 'inkommen'),
      h('2026-08-05', 'forsta-bedomning', undefined, 'Grästorp anslöt som intresserad.'),
      h('2026-08-31', 'avslagen', 'forsta-bedomning'),
    ],
  }),
  idea({
    id: 'F',
    title: 'Efter rapportdagen',
    status: 'inkommen',
    municipality: 'skovde',
    municipalities: [{ municipality: 'skovde', role: 'owner' }],
    category: 'ovrigt',
    created: '2026-10-05',
    history: [h('2026-10-05', 'inkommen')],
  }),
];
