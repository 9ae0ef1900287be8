/** Headlines compare ignoring case and spacing (a related link's target). */
export const titleKey = (title: string): string => title.normalize('NFC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
