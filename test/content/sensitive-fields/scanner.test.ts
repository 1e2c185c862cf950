// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBuiltinPack } from '../../../lib/cli/builtin.ts';
import { hasFormFields, SensitiveFieldScanner, type FieldsConfig, type SensitiveFieldsHost } from '../../../lib/content/sensitive-fields/scanner.ts';
import { FIELD_HOST_TAG } from '../../../lib/content/sensitive-fields/markers.ts';
import { fieldClassLabel } from '../../../lib/fields/class-labels.ts';
import { setI18n } from '../../../lib/i18n.ts';
import { fieldConfigOf, FieldsService, FIELDS_SESSION_KEY, validFieldInfos } from '../../../lib/background/fields-service.ts';
import { dispatch } from '../../../lib/background/router.ts';
import type { CountEvent, SensitiveFieldInfo } from '../../../lib/messages.ts';
import { validEvents } from '../../../lib/background/stats/model.ts';
import { summarize } from '../../../lib/background/stats/aggregate.ts';
import { addEvents, emptyStats, toRows } from '../../../lib/background/stats/store.ts';

const pack = loadBuiltinPack();
const VALUES = ['AB-NEG-7731', '1 85 05 75 123 456 78', 'zorglub@valeur.example', '1971-04-12', '48213', 'Zorglub Street 9'];

/** The seed table's fields in French, plus ordinary ones; values typed in (never to be read). */
const FR_FORM = `
  <form id="fr" lang="fr">
    <label for="gs">Groupe sanguin</label><input id="gs" name="groupe_sanguin" value="${VALUES[0]}">
    <label for="ss">N° de sécurité sociale</label><input id="ss" name="num_ss" value="${VALUES[1]}">
    <label for="em">E-mail</label><input id="em" name="email" type="email" value="${VALUES[2]}">
    <label>Date de naissance <input name="date_naissance" type="date" value="${VALUES[3]}"></label>
    <label for="rv">Revenus</label><input id="rv" name="revenus" value="${VALUES[4]}">
    <label for="vr">Valeur résiduelle résidence principale</label><input id="vr" name="valeur_residuelle_prin">
    <label for="td">Tarif du devis</label><input id="td" name="tarif_devis">
    <label for="ad">Adresse</label><textarea id="ad" name="adresse">${VALUES[5]}</textarea>
    <label for="so">Société</label><input id="so" name="societe" value="ACME">
    <label for="te">Téléphone</label><input id="te" name="telephone" type="tel">
    <label for="rdv">Prochain rendez-vous</label><input id="rdv" name="prochain_rdv" type="datetime-local">
    <input type="hidden" name="groupe_sanguin_hidden" value="O+">
    <button type="submit">Enregistrer</button>
  </form>`;

interface Recorder extends SensitiveFieldsHost {
  reports: SensitiveFieldInfo[][];
  events: CountEvent[];
  configCalls: number;
}

function recorder(cfg: Partial<FieldsConfig> = {}): Recorder {
  const r: Recorder = {
    reports: [],
    events: [],
    configCalls: 0,
    async config() {
      r.configCalls++;
      return { fields: pack.fields ?? [], enabled: true, markSensitiveFields: false, ...cfg };
    },
    report(fields) {
      r.reports.push(fields);
    },
    count(events) {
      r.events.push(...events);
    },
    classLabel: (c) => fieldClassLabel(c, undefined, 'fr'),
  };
  return r;
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const markers = () => Array.from(document.querySelector(FIELD_HOST_TAG)?.shadowRoot?.querySelectorAll<HTMLElement>('[data-sensitive-field]') ?? []);

let scanner: SensitiveFieldScanner | null = null;
beforeEach(() => {
  document.documentElement.setAttribute('lang', 'fr');
  document.body.innerHTML = '';
});
afterEach(() => {
  scanner?.stop();
  scanner = null;
  document.querySelectorAll(FIELD_HOST_TAG).forEach((e) => e.remove());
});

describe('sensitive form fields in a page', () => {
  it('classifies the seed form, leaves ordinary fields alone and never reads a value', async () => {
    document.body.innerHTML = FR_FORM;
    const host = recorder();
    scanner = new SensitiveFieldScanner(document, host, { debounceMs: 10 });
    const fields = await scanner.scanNow();
    expect(fields.map((f) => [f.rule, f.class])).toEqual([
      ['fr.fields.groupe-sanguin', 'do-not-collect'],
      ['fr.fields.num-ss', 'protect'],
      ['fr.fields.email', 'protect'],
      ['fr.fields.date-naissance', 'protect'],
      ['fr.fields.revenus', 'restricted'],
      ['fr.fields.revenus', 'restricted'],
      ['fr.fields.tarif-devis', 'restricted'],
      ['fr.fields.adresse', 'restricted'],
    ]);
    expect(fields[0]).toMatchObject({ label: 'Groupe sanguin', matchedOn: 'label', category: 'health' });
    expect(fields[3]!.label).toBe('Date de naissance');
    expect(fields.map((f) => f.label)).not.toContain('Société');
    // Reported once, counted once per field; nothing carries a typed value.
    expect(host.reports).toHaveLength(1);
    expect(host.events).toHaveLength(8);
    expect(host.events[0]).toEqual({ category: 'health', rule: 'fr.fields.groupe-sanguin', action: 'field-seen' });
    // Fields without a category are counted under `identifier`.
    expect(host.events.find((e) => e.rule === 'fr.fields.adresse')!.category).toBe('identifier');
    expect(validEvents(host.events)).toHaveLength(8);
    const sent = JSON.stringify([host.reports, host.events]);
    for (const v of [...VALUES, 'ACME', 'O+']) expect(sent).not.toContain(v);
    // Markers are off by default.
    expect(document.querySelector(FIELD_HOST_TAG)).toBeNull();
  });

  it('reads English labels with the English rules when the form is in English', async () => {
    document.body.innerHTML = `<form lang="en">
      <label for="a">Blood group</label><input id="a" name="c1">
      <label for="b">Email</label><input id="b" name="c2">
      <label for="c">Company</label><input id="c" name="c3">
      <label for="d">Phone</label><input id="d" name="c4">
      <label for="e">Next meeting</label><input id="e" name="c5">
    </form>`;
    scanner = new SensitiveFieldScanner(document, recorder(), { debounceMs: 10 });
    expect((await scanner.scanNow()).map((f) => f.rule)).toEqual(['en.fields.blood-group', 'en.fields.email']);
  });

  it('does nothing on a page without form fields: no configuration asked', async () => {
    document.body.innerHTML = '<main><p>Fiche client</p><div contenteditable="true">Notes</div></main>';
    expect(hasFormFields(document)).toBe(false);
    const host = recorder();
    scanner = new SensitiveFieldScanner(document, host, { debounceMs: 10 });
    scanner.start();
    await tick(50);
    expect(host.configCalls).toBe(0);
    expect(host.reports).toHaveLength(0);
  });

  it('picks up forms a single-page app adds later, and counts a re-rendered field only once', async () => {
    document.body.innerHTML = '<main id="app"></main>';
    const host = recorder();
    scanner = new SensitiveFieldScanner(document, host, { debounceMs: 10 });
    scanner.start();
    await tick(20);
    expect(host.configCalls).toBe(0);
    const app = document.getElementById('app')!;
    app.innerHTML = '<label for="x">Religion</label><input id="x" name="religion">';
    await expect.poll(() => host.reports.length).toBe(1);
    expect(host.reports[0]!.map((f) => f.rule)).toEqual(['fr.fields.religion']);
    // The SPA re-renders the same form: same list, no new count.
    app.innerHTML = '<label for="x">Religion</label><input id="x" name="religion">';
    await tick(60);
    expect(host.events).toHaveLength(1);
    // A new sensitive field appears: counted, list reported again.
    app.insertAdjacentHTML('beforeend', '<label for="y">IBAN</label><input id="y" name="iban">');
    await expect.poll(() => host.reports.length).toBe(2);
    expect(host.events.map((e) => e.rule)).toEqual(['fr.fields.religion', 'fr.fields.iban']);
    // The form goes away: an empty list is reported.
    app.innerHTML = '';
    await expect.poll(() => host.reports.at(-1)?.length).toBe(0);
    expect(host.configCalls).toBe(1);
  });

  it('does not rescan the page while the rep types in a rich notes field', async () => {
    document.body.innerHTML = '<label for="x">Religion</label><input id="x" name="religion"><div id="ce" contenteditable="true"><p>Bonjour</p></div>';
    const host = recorder();
    scanner = new SensitiveFieldScanner(document, host, { debounceMs: 10 });
    scanner.start();
    await expect.poll(() => host.reports.length).toBe(1);
    const scans = vi.spyOn(scanner, 'scanNow');
    const ce = document.getElementById('ce')!;
    for (let i = 0; i < 5; i++) ce.insertAdjacentHTML('beforeend', `<p>ligne ${i}</p>`);
    ce.firstElementChild!.remove();
    await tick(60);
    expect(scans).not.toHaveBeenCalled();
    // A change outside the editable still rescans.
    document.body.insertAdjacentHTML('beforeend', '<label for="y">IBAN</label><input id="y" name="iban">');
    await expect.poll(() => host.reports.length).toBe(2);
    expect(scans).toHaveBeenCalled();
  });

  it('finds fields in open shadow roots', async () => {
    document.body.innerHTML = '<crm-form></crm-form>';
    const root = document.querySelector('crm-form')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<label for="g">Groupe sanguin</label><input id="g" name="g">';
    expect(hasFormFields(document)).toBe(true);
    scanner = new SensitiveFieldScanner(document, recorder());
    expect((await scanner.scanNow()).map((f) => f.rule)).toEqual(['fr.fields.groupe-sanguin']);
  });

  it('draws one marker per field in its own shadow root, outside the form, when the policy asks', async () => {
    // A French browser: the marker's label (the host's, French here) and the rule's message agree.
    setI18n(() => '', 'fr-FR');
    document.body.innerHTML = FR_FORM;
    const host = recorder({ markSensitiveFields: true });
    scanner = new SensitiveFieldScanner(document, host);
    await scanner.scanNow();
    const m = markers();
    expect(m).toHaveLength(8);
    expect(m[0]!.dataset.class).toBe('do-not-collect');
    expect(m[0]!.dataset.rule).toBe('fr.fields.groupe-sanguin');
    expect(m[0]!.getAttribute('aria-label')).toContain('Ne pas collecter');
    expect(m[0]!.querySelector('.tip')!.textContent).toContain('Donnée médicale');
    setI18n(() => '', 'en-US');
    await scanner.scanNow();
    expect(markers()[0]!.querySelector('.tip')!.textContent).toContain('Medical data of no use to the business');
    // Nothing inserted in the form.
    expect(document.getElementById('fr')!.querySelector(FIELD_HOST_TAG + ', [data-sensitive-field]')).toBeNull();
    expect(document.querySelector(FIELD_HOST_TAG)!.parentElement).toBe(document.documentElement);
  });

  it('follows configuration changes: markers on and off, paused site, no double count', async () => {
    document.body.innerHTML = FR_FORM;
    let cfg: Partial<FieldsConfig> = { markSensitiveFields: false };
    const host = recorder();
    host.config = async () => {
      host.configCalls++;
      return { fields: pack.fields ?? [], enabled: true, markSensitiveFields: false, ...cfg };
    };
    scanner = new SensitiveFieldScanner(document, host);
    await scanner.scanNow();
    expect(markers()).toHaveLength(0);
    cfg = { markSensitiveFields: true };
    await scanner.reconfigure();
    expect(markers()).toHaveLength(8);
    cfg = { enabled: false };
    await scanner.reconfigure();
    expect(markers()).toHaveLength(0);
    expect(host.reports.at(-1)).toEqual([]);
    expect(host.events).toHaveLength(8);
  });
});

describe('background list of a tab\'s fields', () => {
  let svc: FieldsService;
  const handleFieldsMessage = (msg: unknown, sender?: { tab?: { id?: number }; frameId?: number }) => dispatch(svc.routes, msg, sender);
  beforeEach(() => {
    fakeBrowser.reset();
    svc = new FieldsService({ session: fakeBrowser.storage.session, config: () => Promise.reject(new Error('no policy in this test')) });
  });

  it('keeps each frame\'s list, answers the popup, drops malformed entries', async () => {
    const good: SensitiveFieldInfo = { rule: 'fr.fields.num-ss', class: 'protect', category: 'identifier', message: 'm', source: 's', matchedOn: 'name', label: 'num_ss' };
    await handleFieldsMessage({ type: 'page-fields', host: 'crm.example.com', fields: [good, { ...good, class: 'secret' }, { ...good, rule: 'a sentence with spaces' }, { ...good, value: 'x' }] }, { tab: { id: 7 }, frameId: 0 });
    await handleFieldsMessage({ type: 'page-fields', host: 'frame.example.com', fields: [{ ...good, rule: 'fr.fields.iban' }] }, { tab: { id: 7 }, frameId: 3 });
    const r = (await handleFieldsMessage({ type: 'get-tab-fields', tabId: 7 })) as { fields: (SensitiveFieldInfo & { host: string })[] };
    expect(r.fields.map((f) => [f.rule, f.host])).toEqual([['fr.fields.num-ss', 'crm.example.com'], ['fr.fields.num-ss', 'crm.example.com'], ['fr.fields.iban', 'frame.example.com']]);
    expect(JSON.stringify(r)).not.toContain('"value"');
    expect(validFieldInfos('nope')).toEqual([]);
    // An empty list removes the frame.
    await handleFieldsMessage({ type: 'page-fields', host: 'frame.example.com', fields: [] }, { tab: { id: 7 }, frameId: 3 });
    expect(((await handleFieldsMessage({ type: 'get-tab-fields', tabId: 7 })) as { fields: unknown[] }).fields).toHaveLength(2);
    expect(Object.keys((await fakeBrowser.storage.session.get(FIELDS_SESSION_KEY))[FIELDS_SESSION_KEY] as object)).toEqual(['7']);
    expect(handleFieldsMessage({ type: 'stats-get' })).toBeUndefined();
  });
});

describe('field configuration for the content script', () => {
  it('carries only the field rules, by precedence, without policy-disabled rules or categories', () => {
    const base = { enabled: true, markSensitiveFields: true, linter: {} };
    const all = fieldConfigOf({ ...base, packs: [pack] });
    expect(all.fields.length).toBe(pack.fields!.length);
    expect(all.markSensitiveFields).toBe(true);
    expect(JSON.stringify(all).length).toBeLessThan(JSON.stringify(pack).length / 10);
    const org = { ...pack, id: 'org', fields: [{ ...pack.fields!.find((f) => f.id === 'fr.fields.email')!, class: 'restricted' as const, message: 'Politique maison.' }] };
    const merged = fieldConfigOf({ ...base, packs: [pack, org], linter: { disabledRules: ['fr.fields.adresse', 'religion'] } });
    expect(merged.fields.find((f) => f.id === 'fr.fields.email')).toMatchObject({ class: 'restricted', message: 'Politique maison.' });
    expect(merged.fields.map((f) => f.id)).not.toContain('fr.fields.adresse');
    expect(merged.fields.some((f) => f.category === 'religion')).toBe(false);
    expect(fieldConfigOf({ ...base, enabled: false, packs: [pack] }).fields).toEqual([]);
  });
});

describe('field-seen counts', () => {
  it('are accepted by the store and summarised per field rule × site, apart from the findings', () => {
    const ev = (category: CountEvent['category'], rule: string, action: CountEvent['action']): CountEvent => ({ category, rule, action });
    const seen = ev('health', 'fr.fields.groupe-sanguin', 'field-seen');
    expect(validEvents([seen, { ...seen, action: 'field-typed' }])).toEqual([seen]);
    let data = emptyStats();
    data = addEvents(data, '2025-05-06', 'crm.example.com', [seen, seen, seen, ev('diet', 'fr.diet.menu-hallal', 'shown'), ev('diet', 'fr.diet.menu-hallal', 'shown')]);
    data = addEvents(data, '2025-05-07', 'other.example.com', [seen]);
    const s = summarize(toRows(data));
    expect(s.fieldsSeen).toEqual([
      { rule: 'fr.fields.groupe-sanguin', category: 'health', host: 'crm.example.com', count: 3 },
      { rule: 'fr.fields.groupe-sanguin', category: 'health', host: 'other.example.com', count: 1 },
    ]);
    expect(s.totals['field-seen']).toBe(4);
    expect(s.totals.shown).toBe(2);
    expect(s.topRules.map((r) => r.rule)).toEqual(['fr.diet.menu-hallal']);
    expect(s.byCategory.map((c) => c.category)).toEqual(['diet']);
    expect(s.topSites.map((x) => x.host)).toEqual(['crm.example.com']);
  });
});
