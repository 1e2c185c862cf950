/**
 * Everything we draw in a page lives in the open shadow root of one
 * <crm-note-lint> element appended to <html> (never inside a field, never
 * inside <body> which may itself be the editable): the underline hit strips
 * ([data-finding], one per finding — stable test/accessibility contract), the
 * textarea mirrors and the card. Underlines in rich fields are painted by the
 * CSS Custom Highlight API (see highlights.ts).
 */
import { render } from 'preact';
import type { Finding } from '../../engine/types.ts';
import { Card, cardAnnouncement, keepFocus } from './Card.tsx';
import { OVERLAY_CSS } from './styles.ts';

export interface OverlayItem {
  key: string;
  finding: Finding;
  rects: DOMRect[];
  /** True when the Highlight API already paints the underline (rich fields). */
  painted: boolean;
}

export interface CardState {
  key: string;
  finding: Finding;
  anchor: DOMRect;
  /** The field's box: the card avoids covering its text below the finding. */
  field?: DOMRect;
  /** The field the finding is in: it gets aria-describedby to the card while it is open. */
  fieldEl?: HTMLElement;
  allowIgnore: boolean;
}

export interface OverlayHandlers {
  open(key: string): void;
  apply(key: string, index: number): void;
  ignore(key: string): void;
  close(): void;
}

export const HOST_TAG = 'crm-note-lint';
/** Id of the card's description, a light-DOM child of the host so a page field can point at it. */
export const CARD_DESCRIPTION_ID = 'crm-note-lint-card-description';

export class Overlay {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  readonly mirrors: HTMLDivElement;
  private readonly app: HTMLDivElement;
  /** Hidden text the open card's field is described by (aria-describedby cannot enter a shadow root). */
  private readonly description: HTMLElement;
  /** Polite live region: a screen reader hears the finding when the card opens. */
  private readonly live: HTMLDivElement;
  private described: HTMLElement | null = null;

  constructor(private readonly doc: Document, private readonly handlers: OverlayHandlers) {
    this.host = doc.createElement(HOST_TAG);
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    this.mirrors = doc.createElement('div');
    this.mirrors.className = 'mirrors';
    this.app = doc.createElement('div');
    this.app.className = 'app';
    this.live = doc.createElement('div');
    this.live.className = 'sr-only';
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.root.append(style, this.mirrors, this.app, this.live);
    this.description = doc.createElement('span');
    this.description.id = CARD_DESCRIPTION_ID;
    this.description.hidden = true;
    this.host.append(this.description);
    // The page must not take clicks on our UI for clicks "outside" its own widgets.
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'pointerup', 'keydown']) {
      this.host.addEventListener(type, (e) => e.stopPropagation());
    }
    this.mount();
  }

  /** Re-appends the host if the page removed it (some SPAs rebuild <html>'s children). */
  mount(): void {
    if (!this.host.isConnected) this.doc.documentElement.appendChild(this.host);
  }

  render(items: OverlayItem[], card: CardState | null): void {
    this.mount();
    this.describe(card);
    const h = this.handlers;
    render(
      <>
        <div class="layer">
          {items.map((it) => <Strip key={it.key} item={it} onOpen={h.open} />)}
        </div>
        {card && (
          <Card
            key={card.key}
            finding={card.finding}
            anchor={card.anchor}
            field={card.field}
            allowIgnore={card.allowIgnore}
            onApply={(i) => h.apply(card.key, i)}
            onIgnore={() => h.ignore(card.key)}
            onClose={h.close}
          />
        )}
      </>,
      this.app,
    );
  }

  /** Announces a newly opened card and points its field at the card's text. */
  private describe(card: CardState | null): void {
    const text = card ? cardAnnouncement(card.finding) : '';
    if (this.description.textContent !== text) {
      this.description.textContent = text;
      this.live.textContent = text;
    }
    const el = card?.fieldEl && card.fieldEl.getRootNode() === this.doc ? card.fieldEl : null;
    if (el === this.described) return;
    if (this.described) setDescribedBy(this.described, false);
    if (el) setDescribedBy(el, true);
    this.described = el;
  }

  dispose(): void {
    this.describe(null);
    render(null, this.app);
    this.host.remove();
  }
}

function Strip({ item, onOpen }: { item: OverlayItem; onOpen: (key: string) => void }) {
  const [first, ...rest] = item.rects;
  const f = item.finding;
  if (!first) {
    return <div data-finding={item.key} data-category={f.category} data-rule={f.rule} data-severity={f.severity} class="f offscreen" />;
  }
  const box = (r: DOMRect) => ({ left: `${r.left}px`, top: `${r.bottom - 4}px`, width: `${r.width}px`, height: '7px' });
  const open = (e: Event) => {
    e.preventDefault();
    onOpen(item.key);
  };
  return (
    <div
      data-finding={item.key}
      data-category={f.category}
      data-rule={f.rule}
      data-severity={f.severity}
      class={`f sev-${f.severity}${item.painted ? ' painted' : ''}`}
      style={box(first)}
      title={f.message}
      onMouseDown={keepFocus}
      onClick={open}
    >
      {rest.map((r, i) => (
        <div key={i} class="more" style={{ left: `${r.left - first.left}px`, top: `${r.bottom - first.bottom}px`, width: `${r.width}px`, height: '7px' }} />
      ))}
    </div>
  );
}

/** Adds or removes our id in the field's aria-describedby, keeping the page's own ids. */
function setDescribedBy(el: HTMLElement, on: boolean): void {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== CARD_DESCRIPTION_ID);
  if (on) ids.push(CARD_DESCRIPTION_ID);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}
