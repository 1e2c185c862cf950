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
import { Card, keepFocus } from './Card.tsx';
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
  allowIgnore: boolean;
}

export interface OverlayHandlers {
  open(key: string): void;
  apply(key: string, index: number): void;
  ignore(key: string): void;
  close(): void;
}

export const HOST_TAG = 'crm-note-lint';

export class Overlay {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  readonly mirrors: HTMLDivElement;
  private readonly app: HTMLDivElement;

  constructor(private readonly doc: Document, private readonly handlers: OverlayHandlers) {
    this.host = doc.createElement(HOST_TAG);
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    this.mirrors = doc.createElement('div');
    this.mirrors.className = 'mirrors';
    this.app = doc.createElement('div');
    this.app.className = 'app';
    this.root.append(style, this.mirrors, this.app);
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

  dispose(): void {
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
