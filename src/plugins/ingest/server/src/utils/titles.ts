import { SPACING } from '../parse/text';

/** Headlines compare ignoring case and spacing (a related link's target). */
export const titleKey = (title: string): string => title.normalize('NFC').toLowerCase().replace(SPACING, ' ').trim();
