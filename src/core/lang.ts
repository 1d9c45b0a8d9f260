/** The language of everything sluss says to a user: Swedish (the default) or English. */
export type Lang = 'sv' | 'en';
