/** Synthetic but realistic CRM notes (French and English) for benchmarks. Deterministic. */
const FR = [
  'Appel avec le client ce matin, il souhaite revoir le devis avant la fin du mois.',
  'Rendez-vous fixé mardi 14h au siège, prévoir la démo du module facturation.',
  'Client diabétique, prévoir 6 menus hallal pour le séminaire de juin.',
  'Relance faite par mail, pas de réponse, rappeler jeudi après-midi.',
  'Livraison de 2 enceintes Bluetooth décalée à lundi, le transporteur est prévenu.',
  'Vrai casse-pieds sur les prix, négociation serrée sur la remise de 5 %.',
  'Contrat renouvelé pour trois ans, signature électronique reçue.',
  'Madame Martin est enceinte, indisponible jusqu’en septembre.',
  "L'interlocuteur change : le nouveau directeur achats arrive le 3.",
  'Pas de RDV le vendredi après-midi, préfère les créneaux du matin.',
];
const EN = [
  'Called the customer this morning, they want to review the quote before month end.',
  'Meeting booked Tuesday 2pm at HQ, bring the billing module demo.',
  'Customer is diabetic and needs a wheelchair ramp at the venue.',
  'Follow-up email sent, no answer yet, call again on Thursday.',
  'Shipping of the two speakers moved to Monday, carrier informed.',
  'Total pain in the neck about pricing, tough negotiation on the 5% discount.',
  'Contract renewed for three years, e-signature received.',
  'Procurement contact changes next week; new buyer starts on the 3rd.',
];

/** About `bytes` characters of notes, one per line, mixing both languages. */
export function corpus(bytes: number, seed = 42): { all: string[]; en: string[] } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const all: string[] = [];
  const en: string[] = [];
  let size = 0;
  while (size < bytes) {
    const isEn = rnd() < 0.4;
    const pool = isEn ? EN : FR;
    const n = 1 + Math.floor(rnd() * 4);
    const note = Array.from({ length: n }, () => pool[Math.floor(rnd() * pool.length)]).join(' ');
    all.push(note);
    if (isEn) en.push(note);
    size += note.length + 1;
  }
  return { all, en };
}
