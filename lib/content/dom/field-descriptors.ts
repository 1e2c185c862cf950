/**
 * Gathers the words that name a form field — its label, aria-label(ledby),
 * placeholder, name and id — for the sensitive-field classifier. Reads names
 * only: a field's value is never touched.
 */
import type { FieldDescriptors } from '../../fields/classify.ts';

const CANDIDATES = 'input, select, textarea';
/** Input types that never carry personal data worth classifying. */
const SKIPPED_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'checkbox-group', 'range', 'color', 'file', 'password', 'search']);

/** Visible text of a label, skipping any control inside it (a <select>'s options, a textarea). */
function textOf(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  let text = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) text += n.nodeValue ?? '';
    else if (n.nodeType === 1 && !(n as Element).matches('input, select, textarea, option, button, script, style')) n.childNodes.forEach(walk);
  };
  walk(el);
  const t = text.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 120) : undefined;
}

function labelFor(field: HTMLElement): string | undefined {
  const root = field.getRootNode() as Document | ShadowRoot;
  const labelledBy = field.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy.split(/\s+/).map((id) => textOf(root.getElementById?.(id) ?? null)).filter(Boolean);
    if (parts.length) return parts.join(' ');
  }
  const labels = (field as HTMLInputElement).labels;
  if (labels && labels.length) return textOf(labels[0]);
  if (field.id) {
    const esc = typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(field.id) : field.id.replace(/["\\]/g, '\\$&');
    const byFor = root.querySelector?.(`label[for="${esc}"]`);
    if (byFor) return textOf(byFor);
  }
  const wrapping = field.closest('label');
  if (wrapping) return textOf(wrapping);
  return undefined;
}

export function describeField(field: HTMLElement): FieldDescriptors {
  return {
    label: labelFor(field),
    ariaLabel: field.getAttribute('aria-label'),
    placeholder: field.getAttribute('placeholder'),
    name: field.getAttribute('name'),
    id: field.id || null,
  };
}

/** Form fields of a document or shadow root (and of open shadow roots inside it). */
export function formFields(root: Document | ShadowRoot | Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  const visit = (node: Document | ShadowRoot | Element) => {
    for (const el of Array.from(node.querySelectorAll<HTMLElement>(CANDIDATES))) {
      const type = (el.getAttribute('type') ?? '').toLowerCase();
      if (SKIPPED_TYPES.has(type)) continue;
      out.push(el);
    }
    for (const host of Array.from(node.querySelectorAll('*'))) if (host.shadowRoot) visit(host.shadowRoot);
  };
  visit(root);
  return out;
}
