import { describe, expect, it } from 'vitest';
import { detectCredentials } from '../../lib/detectors/credentials.ts';

describe('credentials', () => {
  it('flags a password written after a keyword, covering keyword and value', () => {
    const text = 'Accès portail : mot de passe : Soleil2024! à changer';
    const [hit] = detectCredentials(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('mot de passe : Soleil2024!');
    expect(detectCredentials('mdp=azerty123')).toHaveLength(1);
    expect(detectCredentials('password: hunter2')).toHaveLength(1);
    expect(detectCredentials('son mot de passe est Tr0ub4dor')).toHaveLength(1);
  });
  it('stays quiet on ordinary mentions of passwords', () => {
    expect(detectCredentials('Mot de passe oublié, renvoyer le lien de réinitialisation')).toHaveLength(0);
    expect(detectCredentials('le mot de passe est expiré')).toHaveLength(0);
    expect(detectCredentials('Customer forgot the password again')).toHaveLength(0);
  });
  it('reads "pass :" as a password only before a made-up value', () => {
    const text = "Login admin / pass : P@ssw0rd! pour l'outil de caisse";
    const [hit] = detectCredentials(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('pass : P@ssw0rd!');
    expect(detectCredentials('pwd=x7Kq9z')).toHaveLength(1);
    expect(detectCredentials('Pass Navigo : 86 € par mois')).toHaveLength(0);
    expect(detectCredentials('pass culture : 300')).toHaveLength(0);
    expect(detectCredentials('Pass : oublié, renvoyer le lien')).toHaveLength(0);
  });
  it('flags a dictated card code and a password right after its keyword', () => {
    const text = 'Le client a dicté son code de carte bleue, 4821, au tel';
    const [hit] = detectCredentials(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('code de carte bleue, 4821');
    expect(detectCredentials('son code de carte bleue: code 4512, pas noté ailleurs')).toHaveLength(1);
    const login = 'Identifiants du portail: login jdupont / mdp Marseille13';
    const [pw] = detectCredentials(login);
    expect(login.slice(pw!.start, pw!.end)).toBe('mdp Marseille13');
    expect(detectCredentials('code de carte bleue envoyé par courrier')).toHaveLength(0);
    expect(detectCredentials('mot de passe WPA2 activé')).toHaveLength(0);
    expect(detectCredentials('Carte bleue code postal 69003')).toHaveLength(0);
  });
});

describe('issue-specific regressions', () => {
  it('allows a few words naming what a password opens, and keeps "!" in the secret', () => {
    const a = 'Mot de passe de son espace client : Chouquette2024!';
    const [ha] = detectCredentials(a);
    expect(a.slice(ha!.start, ha!.end)).toBe('Mot de passe de son espace client : Chouquette2024!');
    expect(detectCredentials('Password for his portal: Tiger2024!')).toHaveLength(1);
    expect(detectCredentials('Mot de passe oublié : renvoyer le lien')).toHaveLength(0);
    const b = 'mot de passe : Soleil2024.';
    const [hb] = detectCredentials(b);
    expect(b.slice(hb!.start, hb!.end)).toBe('mot de passe : Soleil2024');
  });
  it('reads the secrets English notes write: pw:, a login with its password, security answers, a PIN "is"', () => {
    const cases: Array<[string, string]> = [
      ['Login for his portal: mike.s / pw: Bulldog2024', 'pw: Bulldog2024'],
      ['Banking login: mjones77 / Tulsa#2021, client asked to keep it handy', 'login: mjones77 / Tulsa#2021'],
      ['Account recovery security answer: Fluffy1998, store it', 'security answer: Fluffy1998'],
      ['PIN for the fleet card is 8842, client wrote it on the form', 'PIN for the fleet card is 8842'],
      ['wifi pass at their office: Gr33nT3a!!', 'wifi pass at their office: Gr33nT3a!!'],
    ];
    for (const [text, secret] of cases) {
      const [hit] = detectCredentials(text);
      expect(hit && text.slice(hit.start, hit.end)).toBe(secret);
    }
  });
  it('stays quiet on a login without a made-up password and on rules about passwords', () => {
    expect(detectCredentials('login: jdoe / sent by email')).toHaveLength(0);
    expect(detectCredentials('Password policy: 12 chars min, MFA required for admins')).toHaveLength(0);
    expect(detectCredentials('pw: reset')).toHaveLength(0);
    expect(detectCredentials('Security answer: forgotten, reset the account')).toHaveLength(0);
  });
  it('covers a card security code with its digits, after any of its names', () => {
    const slice = (t: string) => detectCredentials(t).map((h) => t.slice(h.start, h.end));
    expect(slice('card 5387 8550 4141 2338 exp 11/27 CVV 482, split in 3')).toEqual(['CVV 482']);
    expect(slice('Amex on file, cvv: 4421 for the hotel guarantee')).toEqual(['cvv: 4421']);
    expect(slice('Visa, cryptogramme visuel 123, au tel')).toEqual(['cryptogramme visuel 123']);
    expect(slice('carte 4970 1012 3456 7890 crypto 318')).toEqual(['crypto 318']);
    expect(slice('Alarm security code 4821 for the back door')).toEqual(['security code 4821']);
    // A currency, a version or a year after the word is no card code.
    expect(slice('crypto 2024 summit in Lisbon, book the booth')).toEqual([]);
    expect(slice('CVV 2 field missing on the checkout form')).toEqual([]);
  });
  it('reads "pw" like "password", and a login pair after words naming what it opens', () => {
    const slice = (t: string) => detectCredentials(t).map((h) => t.slice(h.start, h.end));
    expect(slice('login jsmith pw Yankees1999 for his tenant portal')).toEqual(['pw Yankees1999']);
    expect(slice('pw for the staff wifi: Orchid#2024 per the manager')).toEqual(['pw for the staff wifi: Orchid#2024']);
    expect(slice('Login for his online banking: marc.d / Summer#88, he wants us to check')).toEqual(['Login for his online banking: marc.d / Summer#88']);
    expect(slice('pw reset link sent twice, still locked out')).toEqual([]);
    expect(slice('PW: see the email from IT')).toEqual([]);
    expect(slice('login for 3 users / month on the basic plan')).toEqual([]);
  });
});

describe('PINs and alarm or safe codes before their digits', () => {
  const found = (t: string) => detectCredentials(t).map((h) => t.slice(h.start, h.end));
  it('flags a bare PIN and alarm, engineer and safe codes', () => {
    expect(found('Le client a dicté son code de carte bleue au tech, PIN 4471, à changer')).toContain('PIN 4471');
    expect(found("Client's alarm master code is 4471 and the engineer code 9026")).toEqual(['alarm master code is 4471', 'engineer code 9026']);
    expect(found("code de l'alarme : 1234, ne pas diffuser")).toEqual(["code de l'alarme : 1234"]);
    expect(found('safe code 7731')).toEqual(['safe code 7731']);
  });
  it('stays quiet on pine, PIN pads, door codes and prices', () => {
    expect(found('cercueil en pin 1450, famille hésite')).toEqual([]);
    expect(found('PIN pad terminals for 8 registers')).toEqual([]);
    // India's postal PIN code has six digits; a card PIN next to it still counts.
    expect(found('Delivery address updated, PIN code 560001, Bengaluru office')).toEqual([]);
    expect(found('Delivery to PIN code 560001, card PIN code 4821 given on the call')).toEqual(['PIN code 4821']);
    expect(found('Rue Pasteur, 3e étage, code 4512')).toEqual([]);
    expect(found('Alarm upgrade at the jewellers, 2 sensors')).toEqual([]);
  });
});

describe('passwords after a longer qualifier or a login', () => {
  const found = (t: string) => detectCredentials(t).map((h) => t.slice(h.start, h.end));
  it('reads up to eight words naming the account before ":" and a made-up value', () => {
    expect(found('Mot de passe du compte admin de la compta : Tulipe2024! à changer')).toEqual(['Mot de passe du compte admin de la compta : Tulipe2024!']);
    expect(found('Mot de passe du compte admin de la compta : voir le coffre')).toEqual([]);
  });
  it('covers the password after the slash of a login pair', () => {
    const t = "Identifiant + mdp de l'espace Ameli de la cliente : caron.m / Soleil!81 notés";
    expect(found(t)).toEqual(["mdp de l'espace Ameli de la cliente : caron.m / Soleil!81"]);
  });
});

describe('a password given as what it was reset to', () => {
  const found = (t: string) => detectCredentials(t).map((h) => t.slice(h.start, h.end));
  it('flags a made-up value after "reset to" or "changé en"', () => {
    expect(found("Parent's password for the Famly app reset to Bluebell2026! at her request")).toEqual(['password for the Famly app reset to Bluebell2026!']);
    expect(found('mdp changé en Chaton#77 hier')).toEqual(['mdp changé en Chaton#77']);
  });
  it('stays quiet when the value is not a secret', () => {
    expect(found('password reset to default by IT')).toEqual([]);
    expect(found('mot de passe réinitialisé à la demande du client')).toEqual([]);
  });
});

describe('a card code named a few words before its digits', () => {
  const found = (t: string) => detectCredentials(t).map((h) => t.slice(h.start, h.end));
  it('flags the name through the digits', () => {
    expect(found('Code confidentiel de sa carte noté sur un post-it : 8820, à détruire')).toEqual(['Code confidentiel de sa carte noté sur un post-it : 8820']);
  });
  it('stays quiet when the words say the code was sent or is postal', () => {
    expect(found('Code confidentiel envoyé par courrier séparé : 2 jours')).toEqual([]);
    expect(found('code de la carte SIM perdu : 1234 à débloquer')).toEqual([]);
  });
});

describe('codes named with what they open, and card codes after the card', () => {
  it('flags an alarm code when a few words name the place before ":" or "is"', () => {
    const fr = 'Code alarme de la cave: 7719, le proprio est absent tout août';
    expect(detectCredentials(fr).map((h) => fr.slice(h.start, h.end))).toEqual(['Code alarme de la cave: 7719']);
    const en = 'Alarm code for the salon is 4471, cleaner needs it Sun';
    expect(detectCredentials(en).map((h) => en.slice(h.start, h.end))).toEqual(['Alarm code for the salon is 4471']);
    expect(detectCredentials('Code alarme changé la semaine dernière, facture 2024 : 1200')).toHaveLength(0);
  });
  it('reads "cid" and "code au dos" as card security codes', () => {
    expect(detectCredentials('Amex for the coach deposit, cid 7721')).toHaveLength(1);
    expect(detectCredentials('MC dictée au tel, code au dos 087')).toHaveLength(1);
    expect(detectCredentials('cid du client : voir fiche')).toHaveLength(0);
  });
});
