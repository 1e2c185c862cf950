// @vitest-environment happy-dom
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITORS, HELPER_CLASSES, OWN_SPELLCHECK_OFF } from '../../../lib/content/dom/editors.ts';
import { classifyField } from '../../../lib/content/dom/fields.ts';
import { extractText } from '../../../lib/content/dom/text-map.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/editors');

describe('the editors table', () => {
  it('has one row per editor, with a valid root selector, and every fixture it names exists', () => {
    const names = EDITORS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const want of ['TinyMCE', 'Quill', 'CKEditor 5', 'ProseMirror / Tiptap', 'Lexical', 'Draft.js', 'Jodit', 'Slate', 'Trix', 'Editor.js', 'Froala', 'Summernote', 'CodeMirror']) {
      expect(names).toContain(want);
    }
    for (const e of EDITORS) {
      expect(() => document.querySelector(e.root), e.name).not.toThrow();
      if (e.fixture) expect(existsSync(join(FIXTURES, e.fixture)), e.fixture).toBe(true);
    }
  });

  it('takes helper classes from the rows checked by a fixture, and every editor\'s own spellcheck="false"', () => {
    // An editor's own default must never hide a note (issue 16): every row that sets it counts.
    expect(OWN_SPELLCHECK_OFF.split(', ')).toEqual(EDITORS.filter((e) => e.ownSpellcheckOff).map((e) => e.root));
    expect(OWN_SPELLCHECK_OFF.split(', ')).toEqual(expect.arrayContaining(['.public-DraftEditor-content', '.jodit-wysiwyg', '.fr-element.fr-view', '.note-editable', '.cm-content', '[data-slate-editor]', 'trix-editor']));
    expect(HELPER_CLASSES).toEqual(['ql-cursor', 'ck-fake-selection-container', 'ck-widget__type-around']);
  });

  it('an editor\'s own spellcheck="false" is not an opt-out; the page\'s is', () => {
    document.body.innerHTML = '<div class="ql-editor" contenteditable="true" spellcheck="false">a</div><div id="page" contenteditable="true" spellcheck="false">b</div>';
    const [quill, page] = [...document.body.children] as HTMLElement[];
    quill!.getBoundingClientRect = page!.getBoundingClientRect = () => new DOMRect(0, 0, 300, 100);
    expect(classifyField(quill!)?.el).toBe(quill);
    expect(classifyField(page!)).toBeNull();
  });

  it('leaves helper nodes out of the text', () => {
    document.body.innerHTML = '<div contenteditable="true"><p>Bon<span class="ql-cursor">\uFEFF</span>jour</p></div>';
    expect(extractText(document.body.firstElementChild!).text).toBe('Bonjour');
  });
});
