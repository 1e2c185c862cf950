/**
 * A validation problem of the policy editor in the UI language. The schema's own
 * messages are English (they also serve the CLI and import errors), so the editor
 * words them from the zod issue code and the field it is about.
 */
import type { OptionKey } from '../strings.ts';
import { t } from '../i18n.ts';
import type { DraftIssue } from './policy-draft.ts';

/** The last named segment of a path: "sites.allow.0" → "allow". */
const fieldOf = (path: string) => path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? '';

const FORMAT_BY_FIELD: Record<string, OptionKey> = {
  packUrl: 'issue_url', endpoint: 'issue_url', allow: 'issue_pattern', deny: 'issue_pattern', selectors: 'issue_pattern',
  disabledRules: 'issue_rule', severityOverrides: 'issue_rule', token: 'issue_token', packPublicKey: 'issue_key',
};

export function issueText(i: DraftIssue): string {
  const field = fieldOf(i.path);
  if (i.message.startsWith('is required with packUrl')) return t('issue_needs_key');
  if (i.message.startsWith('is required with packPublicKey')) return t('issue_needs_url');
  if (i.path.startsWith('packs')) return t('issue_pack');
  switch (i.code) {
    case 'too_small':
      return Number(i.minimum) === 1 ? t('issue_required') : t('issue_too_small', String(i.minimum));
    case 'too_big':
      return t('issue_too_big', String(i.maximum));
    case 'invalid_type':
      return t('issue_type');
    case 'invalid_value':
      return t('issue_value');
    case 'invalid_format':
    case 'custom':
      return t(FORMAT_BY_FIELD[field] ?? (i.format === 'url' ? 'issue_url' : 'issue_format'));
    default:
      return t(FORMAT_BY_FIELD[field] ?? 'issue_format');
  }
}
