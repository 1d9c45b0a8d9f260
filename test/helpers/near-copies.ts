/** One idea as five municipalities wrote it down: a word dropped, an ending changed, words in another order. */
export const LOCKS = {
  title: 'Digitala lås i hemtjänsten',
  problem: 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.',
};

export const REWORDED_LOCKS = [
  LOCKS,
  { title: 'Digitala lås i hemtjänst', problem: 'Hemtjänstens personal hanterar hundratals nycklar till brukarnas bostäder och nycklar kommer bort.' },
  { title: 'Lås digitala i hemtjänsten', problem: 'Personal i hemtjänsten hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklarna kommer bort.' },
  { title: 'Digitala låsen i hemtjänsten', problem: 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer ofta bort.' },
  { title: 'Digitala lås inom hemtjänsten', problem: 'Hemtjänstens personal hanterar fysiska nycklar till brukarnas bostäder och nycklar kommer bort.' },
];
