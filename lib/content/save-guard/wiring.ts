/**
 * Glue between the policy (`mode`, `allowJustification` of the EffectiveConfig),
 * the in-page framework (notes fields and their findings) and the save guard
 * (lib/content/save-guard/save-guard.ts) for the `warn` and `block` modes.
 *
 * - `suggest` (or linting off here): no guard is installed, so no listener at all.
 * - Which notes fields a save concerns:
 *     1. the <form> around the save control (or the focused element, for Ctrl+S /
 *        Ctrl+Enter), also a role=form / dialog container; a form owns the fields inside
 *        it (open shadow roots included) and its form-associated ones (`form="id"`);
 *     2. with no such container (single-page apps): the nearest ancestor of the control
 *        that holds a tracked notes field — the record card or panel the button belongs
 *        to; for a shortcut typed in a notes field, the field's parent and up;
 *     3. else the whole document (this frame).
 * - Counts (category + rule + action, never text):
 *     `saved-anyway` per error finding saved through "save anyway"; with a justification
 *       (block mode) the rule is replaced by the justification's category
 *       (`justification.<id>`), so only the category chosen is counted;
 *     `saved-with` per other finding still present when a save runs (warnings let through,
 *       or left next to the errors);
 *     `blocked` per error finding when the rep leaves a blocked save;
 *     fixes applied from the dialog go through the card's path (`applied`).
 */
import type { CountEvent } from '../../messages.ts';
import type { EffectiveConfig } from '../../config.ts';
import { installSaveGuard, type GuardFinding, type GuardOutcome, type SaveGuard } from './save-guard.ts';
import type { Finding } from '../../engine/types.ts';
import type { Locale } from '../../categories.ts';

export interface NotesTracker {
  notesFindings(accept: (el: HTMLElement) => boolean): { field: HTMLElement; key: string; finding: Finding }[];
  notesFields(): HTMLElement[];
  applyFinding(key: string, index: number): Promise<void>;
}

export interface SaveGuardWiringHost {
  config(): Pick<EffectiveConfig, 'enabled' | 'mode' | 'allowJustification'> | null;
  tracker: NotesTracker;
  count(events: CountEvent[]): void;
  locale?: () => Locale | undefined;
}

export interface SaveGuardWiring {
  /** Installs or removes the guard after the configuration changed. */
  sync(): void;
  stop(): void;
  readonly guard: SaveGuard | null;
}

type Item = GuardFinding & { key: string };

/** Is `node` inside `scope`, across open shadow roots? */
export function containsDeep(scope: ParentNode, node: Node): boolean {
  for (let n: Node | null = node; n; ) {
    if (n === scope) return true;
    if (n.parentNode) n = n.parentNode;
    else n = n instanceof ShadowRoot ? n.host : null;
  }
  return false;
}

/** Does `scope` (a form, a container, or the document) hold notes field `el`? */
export function inScope(scope: ParentNode, el: HTMLElement): boolean {
  if (scope.nodeType === Node.DOCUMENT_NODE) return el.ownerDocument === scope;
  const form = (el as HTMLTextAreaElement).form;
  if (form && scope instanceof HTMLFormElement) return form === scope;
  return containsDeep(scope, el);
}

export function wireSaveGuard(doc: Document, host: SaveGuardWiringHost): SaveGuardWiring {
  let guard: SaveGuard | null = null;

  const items = (scope: ParentNode): Item[] => host.tracker.notesFindings((el) => inScope(scope, el));

  /** Nearest ancestor (from the parent, across shadow roots) holding a tracked notes field. */
  function nearScope(el: Element): ParentNode | null {
    const fields = host.tracker.notesFields();
    if (!fields.length) return null;
    for (let n: Node | null = el.parentNode ?? (el.getRootNode() as ShadowRoot).host ?? null; n; ) {
      if (n === doc.body || n === doc.documentElement || n === doc) return null;
      const scope = n as ParentNode;
      if (n.nodeType === Node.ELEMENT_NODE && fields.some((f) => containsDeep(scope, f))) return scope;
      n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null);
    }
    return null;
  }

  const ev = (g: GuardFinding, action: CountEvent['action'], rule = g.finding.rule): CountEvent =>
    ({ category: g.finding.category, rule, action });

  function onOutcome(o: GuardOutcome): void {
    const events: CountEvent[] = [];
    switch (o.action) {
      case 'saved':
      case 'saved-after-fixes':
        for (const g of o.present ?? []) events.push(ev(g, 'saved-with'));
        break;
      case 'saved-anyway':
        for (const g of o.findings) events.push(ev(g, 'saved-anyway', o.justification ? `justification.${o.justification}` : undefined));
        for (const g of o.present ?? []) if (g.finding.severity !== 'error') events.push(ev(g, 'saved-with'));
        break;
      case 'blocked':
        for (const g of o.findings) events.push(ev(g, 'blocked'));
        break;
      default:
        // `fixed`: the framework counted `applied`; `cancelled` (warn): nothing happened.
        break;
    }
    if (events.length) host.count(events);
  }

  function install(): SaveGuard {
    return installSaveGuard({
      getConfig: () => {
        const c = host.config();
        return { mode: c?.enabled ? c.mode : 'suggest', allowJustification: !!c?.allowJustification };
      },
      findingsIn: items,
      applyFix: (g, index) => host.tracker.applyFinding((g as Item).key, index),
      onOutcome,
      scopeOf: nearScope,
      ...(host.locale?.() ? { locale: host.locale()! } : {}),
    }, { window: doc.defaultView! });
  }

  return {
    sync() {
      const c = host.config();
      const want = !!c?.enabled && (c.mode === 'warn' || c.mode === 'block');
      if (want && !guard) guard = install();
      else if (!want && guard) {
        guard.uninstall();
        guard = null;
      }
    },
    stop() {
      guard?.uninstall();
      guard = null;
    },
    get guard() {
      return guard;
    },
  };
}
