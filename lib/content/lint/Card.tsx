/** The suggestion card: category, one-sentence message, legal basis, rewrites, ignore. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { CATEGORIES } from '../../categories.ts';
import type { Finding } from '../../engine/types.ts';
import { locale, t } from '../../i18n.ts';

export interface CardProps {
  finding: Finding;
  anchor: DOMRect;
  /** The field's box: below the finding, its text is what the rep reads next. */
  field?: DOMRect | undefined;
  allowIgnore: boolean;
  onApply: (index: number) => void;
  onIgnore: () => void;
  onClose: () => void;
}

const SEVERITY_ICON = { error: '■', warning: '▲', suggestion: '●' } as const;

/** Keeps pointer presses from moving focus out of the field the rep types in. */
export const keepFocus = (e: Event) => e.preventDefault();

const labelOf = (finding: Finding) => (finding.categories ?? [finding.category]).map((c) => CATEGORIES[c]?.label[locale()] ?? c).join(' · ');

/** What a screen reader hears when the card opens, and what describes the field meanwhile. */
export function cardAnnouncement(finding: Finding): string {
  return `${t(`severity_${finding.severity}`)} · ${labelOf(finding)} · « ${finding.text} » · ${finding.message}`;
}

/**
 * Where the card goes: below the wording when nothing of the field's text is under it
 * (last visible line), else above it so the lines the rep reads next stay in view;
 * the other side when there is no room; always inside the viewport.
 */
export function cardTop(anchor: DOMRect, height: number, viewportHeight: number, field?: DOMRect): number {
  const below = anchor.bottom + 6;
  const above = anchor.top - height - 6;
  const fitsBelow = below + height <= viewportHeight - 4;
  const fitsAbove = above >= 4;
  const textBelow = !!field && Math.min(field.bottom, viewportHeight) - anchor.bottom > anchor.height / 2;
  if (textBelow && fitsAbove) return above;
  if (fitsBelow) return below;
  if (fitsAbove) return above;
  return Math.max(4, viewportHeight - height - 4);
}

export function Card({ finding, anchor, field, allowIgnore, onApply, onIgnore, onClose }: CardProps) {
  const ref = useRef<HTMLDivElement>(null);
  const cat = CATEGORIES[finding.category];
  const label = labelOf(finding);
  const legal = finding.source || cat?.legalBasis[locale()] || '';

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = document.documentElement.clientHeight || window.innerHeight;
    const left = Math.max(4, Math.min(anchor.left, vw - el.offsetWidth - 4));
    el.style.left = `${left}px`;
    el.style.top = `${cardTop(anchor, el.offsetHeight, vh, field)}px`;
  });

  return (
    <div
      ref={ref}
      class={`card sev-${finding.severity}`}
      role="dialog"
      aria-label={t('card_label', label)}
      data-card=""
      data-category={finding.category}
      data-rule={finding.rule}
      onMouseDown={keepFocus}
      onPointerDown={keepFocus}
    >
      <div class="head">
        <span class="sev" data-severity={finding.severity}>
          <span aria-hidden="true">{SEVERITY_ICON[finding.severity]}</span> {t(`severity_${finding.severity}`)}
        </span>
        <span class="cat">{label}</span>
        <button type="button" class="close" tabIndex={-1} aria-label={t('card_close')} title={t('card_close')} data-action="close" onClick={onClose}>
          ×
        </button>
      </div>
      <p class="quote">« {finding.text} »</p>
      {finding.typoOf && <p class="typo" data-typo="">{t('card_typo', finding.typoOf)}</p>}
      <p class="msg">{finding.message}</p>
      {legal && (
        <p class="legal">
          <span class="legal-k">{t('card_legal')}</span> {legal}
        </p>
      )}
      {finding.fixes.some((f) => f.preview) && (
        <ul class="previews">
          {finding.fixes.map((f, i) => f.preview && (
            <li data-preview={i}>
              {/* The sentence as it will read, the changed part highlighted; a removal says what goes. */}
              <span class="after">
                {f.preview.text.slice(0, f.preview.start)}
                {f.preview.end > f.preview.start && <mark>{f.preview.text.slice(f.preview.start, f.preview.end)}</mark>}
                {f.preview.text.slice(f.preview.end)}
              </span>
              {finding.suggestions[i] === '' && f.preview.removed && <span class="removes">{t('card_removes', f.preview.removed)}</span>}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        {finding.suggestions.map((s, i) => (
          <button type="button" tabIndex={-1} class={s ? 'apply' : 'apply remove'} data-action="apply" data-index={i}
            title={s ? t('card_replace', s) : finding.fixes[i]?.preview?.removed ? t('card_removes', finding.fixes[i]!.preview!.removed) : t('card_remove')} onClick={() => onApply(i)}>
            {s ? s : t('card_remove')}
          </button>
        ))}
        {allowIgnore && (
          <button type="button" tabIndex={-1} class="ignore" data-action="ignore" onClick={onIgnore}>
            {t('card_ignore')}
          </button>
        )}
      </div>
      <p class="hint">{t('card_hint')}</p>
    </div>
  );
}
