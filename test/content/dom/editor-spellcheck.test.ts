// @vitest-environment happy-dom
/**
 * spellcheck="false" on a field is the page opting out, except on the editable
 * root of an editor that sets it itself by default (Draft.js, Jodit, CodeMirror…).
 */
import { describe, expect, it } from 'vitest';
import { classifyField } from '../../../lib/content/dom/fields.ts';

/** A visible contenteditable inside `wrapper` markup (happy-dom has no layout: give it a size). */
function editable(html: string): HTMLElement {
  document.body.innerHTML = html;
  const el = document.querySelector<HTMLElement>('[contenteditable="true"]')!;
  el.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 400, bottom: 100, width: 400, height: 100, toJSON: () => ({}) });
  return el;
}

describe('spellcheck="false" as an opt-out', () => {
  it.each([
    ['Draft.js', '<div class="DraftEditor-root"><div class="public-DraftEditor-content" contenteditable="true" spellcheck="false"></div></div>'],
    ['Jodit', '<div class="jodit-workplace"><div class="jodit-wysiwyg" contenteditable="true" spellcheck="false"></div></div>'],
    ['Froala', '<div class="fr-element fr-view" contenteditable="true" spellcheck="false"></div>'],
    ['Summernote', '<div class="note-editable" contenteditable="true" spellcheck="false"></div>'],
    ['CodeMirror 6', '<div class="cm-editor"><div class="cm-content" contenteditable="true" spellcheck="false"></div></div>'],
    ['Slate', '<div data-slate-editor="true" contenteditable="true" spellcheck="false"></div>'],
    ['Trix', '<trix-editor contenteditable="true" spellcheck="false"></trix-editor>'],
    ['Editor.js', '<div class="codex-editor"><div class="ce-paragraph cdx-block" contenteditable="true" spellcheck="false"></div></div>'],
  ])('%s: the editor\'s own default is not an opt-out', (_name, html) => {
    const el = editable(html);
    expect(classifyField(el)?.el).toBe(el);
  });

  it('a plain editable with spellcheck="false" is still the page opting out', () => {
    expect(classifyField(editable('<div class="notes" contenteditable="true" spellcheck="false"></div>'))).toBeNull();
  });

  it('an explicit opt-out attribute still wins on an editor root', () => {
    expect(classifyField(editable('<div data-gramm="false"><div class="jodit-wysiwyg" contenteditable="true" spellcheck="false"></div></div>'))).toBeNull();
  });
});
