// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describeField, formFields } from '../../../lib/content/dom/field-descriptors.ts';

describe('field descriptors', () => {
  it('reads label[for], wrapping labels, aria-labelledby, placeholder, name and id — never the value', () => {
    document.body.innerHTML = `
      <form>
        <label for="gs">Groupe sanguin</label><input id="gs" name="groupe_sanguin" value="O+">
        <label>Date de naissance <input name="dn" value="1980-01-01"></label>
        <span id="l1">Numéro de</span><span id="l2">sécurité sociale</span><input aria-labelledby="l1 l2" name="x">
        <input placeholder="Religion" name="r">
        <input type="password" name="pwd"><input type="hidden" name="csrf">
        <label>Revenus <select name="revenus"><option>0-20k</option></select></label>
      </form>`;
    const fields = formFields(document);
    expect(fields.map((f) => f.getAttribute('name'))).toEqual(['groupe_sanguin', 'dn', 'x', 'r', 'revenus']);
    const d = fields.map(describeField);
    expect(d[0]).toMatchObject({ label: 'Groupe sanguin', name: 'groupe_sanguin', id: 'gs' });
    expect(d[1]!.label).toBe('Date de naissance');
    expect(d[2]!.label).toBe('Numéro de sécurité sociale');
    expect(d[3]!.placeholder).toBe('Religion');
    expect(d[4]!.label).toBe('Revenus');
    expect(JSON.stringify(d)).not.toMatch(/O\+|1980|0-20k/);
  });

  it('finds fields inside open shadow roots', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<label for="e">Email</label><input id="e" name="email">';
    const fields = formFields(document);
    expect(fields).toHaveLength(1);
    expect(describeField(fields[0]!).label).toBe('Email');
  });
});
