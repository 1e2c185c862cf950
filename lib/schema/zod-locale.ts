/**
 * zod's own messages ("expected string, received number") in the browser's UI
 * language, for the surfaces that show validation problems to a person (the options
 * page, and the background whose refusals that page lists). The command line keeps
 * zod's English.
 */
import { config } from 'zod/v4/core';
import fr from 'zod/v4/locales/fr.js';
import en from 'zod/v4/locales/en.js';

export function useZodLocale(uiLanguage: string): void {
  config(/^fr/i.test(uiLanguage) ? fr() : en());
}
