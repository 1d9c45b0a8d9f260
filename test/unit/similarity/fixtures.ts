import type { SimilarityDoc } from '../../../src/core/similarity/index.js';

/** Invented ideas from a fictional Swedish municipal register. */
export const REGISTER: SimilarityDoc[] = [
  {
    id: 'gatljus',
    title: 'Gatubelysning med LED och närvarostyrning',
    text: 'Kommunens gatlampor drar mycket el. Vi föreslår LED-armaturer som dimras ner nattetid och tänds upp när någon går eller cyklar förbi.',
  },
  {
    id: 'lokalbokning',
    title: 'Digital bokning av skolans lokaler',
    text: 'Föreningar ringer i dag till skolexpeditionen för att låna gympasalen. En e-tjänst där lediga tider syns skulle spara tid för alla.',
  },
  {
    id: 'matsvinn',
    title: 'Minska matsvinnet i skolmatsalen',
    text: 'Eleverna väger sina matrester varje vecka och klasserna tävlar om minst svinn. Köket planerar portionerna efter resultatet.',
  },
  {
    id: 'snorojning',
    title: 'Snöröjning av cykelbanor först',
    text: 'Plogbilarna tar gångbanor och cykelbanor före bilvägarna, så att fler kan cykla till jobbet även på vintern.',
  },
  {
    id: 'tillsyn',
    title: 'Digitala tillsynsbesök i hemtjänsten nattetid',
    text: 'Brukare som vill kan få nattlig tillsyn via kamera i stället för besök, så att de slipper bli väckta.',
  },
  {
    id: 'bygglov',
    title: 'Gemensam e-tjänst för bygglov',
    text: 'Kommunerna i länet tar fram en gemensam ansökan om bygglov med samma blanketter och vägledning.',
  },
  {
    id: 'lanecyklar',
    title: 'Elcyklar att låna för kommunens anställda',
    text: 'Personal som åker mellan arbetsplatser under dagen kan boka en elcykel i stället för bil.',
  },
  {
    id: 'bibliotek',
    title: 'Meröppet bibliotek på landsbygden',
    text: 'Med passerkort kan invånarna låna böcker även när personalen inte är på plats.',
  },
];
