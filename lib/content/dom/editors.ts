/**
 * What we know about each rich-text editor, in one table: adding an editor is one
 * row here and one fixture in test/fixtures/editors/. The in-page code uses the rows
 * that have a fixture (they are checked end to end); the others are recorded
 * knowledge, not yet relied on.
 */

export type Delivery = 'beforeinput' | 'execCommand';

export interface EditorInfo {
  name: string;
  /** The editable element of the editor (the field the in-page side tracks). */
  root: string;
  /** Classes of helper nodes inside the editable that are not the note's text. */
  skipClasses: readonly string[];
  /** The editor sets spellcheck="false" on its editable itself: that is not the page opting out. */
  ownSpellcheckOff: boolean;
  /**
   * Which attempt of apply.ts the editor takes: `beforeinput` (insertReplacementText with
   * target ranges, handled by the editor's model) or `execCommand('insertText')` on the
   * DOM selection, which the editor reads back from the DOM.
   */
  apply: Delivery;
  /** The end-to-end fixture that checks this row, if any. */
  fixture?: string;
}

export const EDITORS: readonly EditorInfo[] = [
  { name: 'TinyMCE', root: '.mce-content-body', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand', fixture: 'tinymce.html' },
  { name: 'Quill', root: '.ql-editor', skipClasses: ['ql-cursor'], ownSpellcheckOff: true, apply: 'beforeinput', fixture: 'quill.html' },
  { name: 'CKEditor 5', root: '.ck-editor__editable', skipClasses: ['ck-fake-selection-container', 'ck-widget__type-around'], ownSpellcheckOff: true, apply: 'beforeinput', fixture: 'ckeditor.html' },
  // Tiptap is built on ProseMirror; its separators are <img> elements, skipped as images.
  { name: 'ProseMirror / Tiptap', root: '.ProseMirror', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand', fixture: 'tiptap.html' },
  { name: 'Lexical', root: '[data-lexical-editor]', skipClasses: [], ownSpellcheckOff: true, apply: 'beforeinput', fixture: 'lexical.html' },
  // Draft.js renders spellcheck={props.spellCheck}, false unless the app turns it on.
  { name: 'Draft.js', root: '.public-DraftEditor-content', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand', fixture: 'draftjs.html' },
  // Jodit's default options set spellcheck: false on its editable.
  { name: 'Jodit', root: '.jodit-wysiwyg', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand', fixture: 'jodit.html' },
  { name: 'Slate', root: '[data-slate-editor]', skipClasses: [], ownSpellcheckOff: true, apply: 'beforeinput', fixture: 'slate.html' },
  { name: 'Trix', root: 'trix-editor', skipClasses: [], ownSpellcheckOff: true, apply: 'beforeinput', fixture: 'trix.html' },
  // Editor.js: every block is its own editable.
  { name: 'Editor.js', root: '.codex-editor [contenteditable]', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand', fixture: 'editorjs.html' },
  // Froala drops temporary <span class="fr-marker"> nodes to keep the selection.
  { name: 'Froala', root: '.fr-element.fr-view', skipClasses: ['fr-marker'], ownSpellcheckOff: true, apply: 'execCommand' },
  { name: 'Summernote', root: '.note-editable', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand' },
  // CodeMirror 6 turns spellcheck off on .cm-content by default and reads edits back from the DOM.
  { name: 'CodeMirror', root: '.cm-content', skipClasses: [], ownSpellcheckOff: true, apply: 'execCommand' },
];

const CHECKED = EDITORS.filter((e) => e.fixture);

/**
 * Editables whose spellcheck="false" is the editor's own doing, not the page opting out
 * (every row: an editor's own default never hides a note from the checker).
 */
export const OWN_SPELLCHECK_OFF = EDITORS.filter((e) => e.ownSpellcheckOff).map((e) => e.root).join(', ');

/** Helper node classes to leave out of a field's text. */
export const HELPER_CLASSES: readonly string[] = CHECKED.flatMap((e) => e.skipClasses);
