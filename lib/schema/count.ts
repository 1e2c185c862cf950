/**
 * The vocabulary of a compliance count, shared by the content script (which emits
 * events), the background (the only writer) and the report payload. Types and
 * constants only: it imports nothing but the category ids.
 */
import type { CategoryId } from '../categories.ts';

export const COUNT_ACTIONS = ['shown', 'applied', 'ignored', 'saved-with', 'saved-anyway', 'blocked', 'field-seen'] as const;
/**
 * What happened to a finding, for the compliance counts (never its text).
 * `field-seen`: a form field that collects sensitive data was on the page (once per field and page load).
 */
export type CountAction = (typeof COUNT_ACTIONS)[number];
export interface CountEvent { category: CategoryId; rule: string; action: CountAction }

/** Rule ids are dictionary identifiers ("fr.diet.menu-hallal", "identifier.iban"): no spaces, so no sentence fits. */
export const RULE_ID_RE = /^[a-z0-9][a-z0-9._:-]{0,119}$/i;
