// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractText, offsetOf, rangeFor, rangesFor } from '../../../lib/content/dom/text-map.ts';
import { mapCaret } from '../../../lib/content/dom/apply.ts';

function root(html: string): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('contenteditable', 'true');
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe('extractText', () => {
  it('separates blocks with one newline and keeps inline text together', () => {
    const el = root('<p>Prévoir 6 <b>menus</b> hallal</p><p>pour le séminaire</p>');
    expect(extractText(el).text).toBe('Prévoir 6 menus hallal\npour le séminaire');
  });

  it('counts <br> as a line break but not the trailing filler editors add', () => {
    expect(extractText(root('<p>a<br>b</p><p>c<br></p>')).text).toBe('a\nb\nc');
    expect(extractText(root('<p>a</p><p><br></p><p>b</p>')).text).toBe('a\n\nb');
  });

  it('skips non-editable islands and editor helpers', () => {
    const el = root('<p>avant <span contenteditable="false">widget</span>après<span class="ql-cursor">\ufeff</span></p>');
    expect(extractText(el).text).toBe('avant après');
  });

  it('maps offsets back to DOM ranges across inline elements', () => {
    const el = root('<p>Prévoir 6 <b>menus</b> hallal</p><p>pour</p>');
    const map = extractText(el);
    const start = map.text.indexOf('menus hallal');
    const r = rangeFor(map, start, start + 'menus hallal'.length, document)!;
    expect(r.toString()).toBe('menus hallal');
    const r2 = rangeFor(map, map.text.indexOf('pour'), map.text.length, document)!;
    expect(r2.toString()).toBe('pour');
  });

  it('gives the text offset of a DOM caret', () => {
    const el = root('<p>abc</p><p>def</p>');
    const map = extractText(el);
    const second = el.querySelectorAll('p')[1]!.firstChild!;
    expect(offsetOf(map, second, 2)).toBe(6);
    expect(offsetOf(map, el, 1)).toBe(4);
  });
});

describe('rangesFor', () => {
  const spans = (text: string, words: string[]) => words.map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length }));

  it('keeps the Range objects of an unchanged paragraph and makes new ones in the edited paragraph', () => {
    const el = root('<p>client diabétique</p><p>menus hallal prévus</p>');
    let map = extractText(el);
    const first = rangesFor(map, spans(map.text, ['diabétique', 'hallal']), [], document);
    expect(first.map((r) => r!.toString())).toEqual(['diabétique', 'hallal']);
    // A keystroke at the start of the first paragraph: every offset after it moves by one.
    const p1 = el.querySelector('p')!.firstChild as Text;
    p1.insertData(0, 'X');
    map = extractText(el);
    const second = rangesFor(map, spans(map.text, ['diabétique', 'hallal']), first, document);
    expect(second.map((r) => r!.toString())).toEqual(['diabétique', 'hallal']);
    // The second paragraph's text node did not change: its Range is the same object.
    expect(second[1]).toBe(first[1]);
    // The edited paragraph's finding got a Range at its new place (a browser's live Range
    // follows the insertion and is kept; happy-dom's does not, so it is remade).
    expect(second[0]!.startOffset).toBe(8);
  });

  it('makes a new Range when an old one no longer covers its finding', () => {
    const el = root('<p>client diabétique</p>');
    let map = extractText(el);
    const [old] = rangesFor(map, spans(map.text, ['diabétique']), [], document);
    el.querySelector('p')!.textContent = 'client diabétique lundi'; // a new text node: the old Range collapsed
    map = extractText(el);
    const [fresh] = rangesFor(map, spans(map.text, ['diabétique']), [old!], document);
    expect(fresh).not.toBe(old);
    expect(fresh!.toString()).toBe('diabétique');
  });

  it('never hands one Range to two findings', () => {
    const el = root('<p>abc abc</p>');
    const map = extractText(el);
    const [a] = rangesFor(map, [{ start: 0, end: 3 }], [], document);
    const both = rangesFor(map, [{ start: 0, end: 3 }, { start: 0, end: 3 }], [a!], document);
    expect(both[0]).toBe(a);
    expect(both[1]).not.toBe(a);
  });
});

describe('mapCaret', () => {
  const edit = { start: 10, end: 22, replacement: 'menus spéciaux' };
  it('keeps a caret before the edit, shifts one after it, moves one inside to its end', () => {
    expect(mapCaret(5, edit)).toBe(5);
    expect(mapCaret(30, edit)).toBe(32);
    expect(mapCaret(15, edit)).toBe(24);
  });
});
