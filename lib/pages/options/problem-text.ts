/**
 * Refusals and import problems in the options page's language. zod's own messages
 * arrive translated (lib/schema/zod-locale.ts sets zod's locale in the page and the
 * background); the project's messages stay English where they are made — the CLI, the
 * stored log and the tests read them — and are translated here when shown, by pattern.
 * A line no pattern knows is shown as it is.
 */
import { formatProblem, type SourceProblem } from '../../compiler/errors.ts';
import type { UiLocale } from './i18n.ts';

/** English pattern → French; `$1`… are the pattern's groups. Order matters: longer phrases first. */
const FRENCH: ReadonlyArray<readonly [RegExp, string]> = [
  // Where a problem is.
  [/: entry (\S+) field (\S+): /, ' : entrée $1, champ $2 : '],
  [/: entry (\S+): /, ' : entrée $1 : '],
  [/: field (\S+): /, ' : champ $1 : '],
  [/^\(top level\): /, '(racine) : '],
  [/… and (\d+) more$/, '… et $1 de plus'],
  // Who refused what (lib/background/policy/validate.ts, policy-service.ts).
  [/^stored policy file refused/, 'fichier de politique enregistré refusé'],
  [/^stored managed policy refused/, 'politique gérée enregistrée refusée'],
  [/^stored remote pack refused/, 'dictionnaire distant enregistré refusé'],
  [/^stored pack refused/, 'dictionnaire enregistré refusé'],
  [/^managed policy refused/, 'politique gérée refusée'],
  [/^policy file ?(.*?) refused/, 'fichier de politique $1 refusé'],
  [/^pack ?(.*?) refused/, 'dictionnaire $1 refusé'],
  [/ \((\d+) problems?\): /, ' ($1 problème(s)) : '],
  [/: a policy must be a JSON object/, ' : une politique doit être un objet JSON'],
  [/: a compiled pack must be a JSON object/, ' : un dictionnaire compilé doit être un objet JSON'],
  [/: not a valid compiled pack \((.*)\)$/, ' : dictionnaire compilé invalide ($1)'],
  [/: at most (\d+) imported packs; remove one first/, ' : $1 dictionnaires importés au plus ; retirez-en un d’abord'],
  [/; the previous policy stays in force$/, ' ; la politique précédente reste en vigueur'],
  [/^no imported pack "(.*)"$/, 'aucun dictionnaire importé « $1 »'],
  [/^no remote pack configured$/, 'aucun dictionnaire distant configuré'],
  [/the browser dropped keys? (.*): check (?:their types|its type) against managed_schema\.json/, 'le navigateur a écarté : $1 ; vérifiez le type attendu dans managed_schema.json'],
  // The policy schema (lib/schema/policy.ts).
  [/must be a rule id \("([^"]+)"\) or a category id \("([^"]+)"\)/, 'doit être un id de règle (« $1 ») ou de catégorie (« $2 »)'],
  [/must be a match pattern like "([^"]+)" or a host like "([^"]+)"/, 'doit être un motif comme « $1 » ou un hôte comme « $2 »'],
  [/must be an ECDSA P-256 public key: base64 SPKI \(as written by `([^`]+)`\), or its PEM form/, 'doit être une clé publique ECDSA P-256 : SPKI en base64 (telle qu’écrite par `$1`), ou sa forme PEM'],
  [/is not valid JSON \((.*)\)/, 'n’est pas du JSON valide ($1)'],
  [/must be an https:\/\/ URL \(http only for 127\.0\.0\.1\/localhost\)/, 'doit être une URL https:// (http seulement pour 127.0.0.1/localhost)'],
  [/must be an https:\/\/ URL/, 'doit être une URL https://'],
  [/must be 8 to 256 token characters \(letters, digits, (.*)\)/, 'doit compter de 8 à 256 caractères (lettres, chiffres, $1)'],
  [/is required with packUrl \(remote packs are always signed\)/, 'est obligatoire avec packUrl (un dictionnaire distant est toujours signé)'],
  [/is required with packPublicKey/, 'est obligatoire avec packPublicKey'],
  [/"([^"]+)" is not a policy key/, '« $1 » n’est pas une clé de politique'],
  [/is not base64/, 'n’est pas du base64'],
  [/missing "signature"/, '« signature » manquante'],
  // Files picked in the page (import-file.ts).
  // The parser's own words are kept, quoted as its message: they locate the mistake.
  [/invalid (JSON|YAML): (.*)$/, '$1 invalide (message de l’analyseur : « $2 »)'],
  [/file larger than (\d+) MB/, 'fichier de plus de $1 Mo'],
  [/this is a signed pack for packUrl: import the compiled pack it was made from, or set packUrl \+ packPublicKey in the policy/, 'c’est un dictionnaire signé pour packUrl : importez le dictionnaire compilé dont il est issu, ou indiquez packUrl + packPublicKey dans la politique'],
  [/a dictionary file imported alone needs a `pack:` key \(id, version, description\) at the top/, 'un fichier de dictionnaire importé seul doit commencer par une clé `pack:` (id, version, description)'],
  // Remote packs (lib/background/policy/remote.ts, signature.ts).
  [/remote pack is (\d+) bytes, above the (\d+)-byte cap/, 'le dictionnaire distant fait $1 octets, au-delà de la limite de $2'],
  [/remote pack is larger than the (\d+)-byte cap/, 'le dictionnaire distant dépasse la limite de $1 octets'],
  [/remote pack is not UTF-8 text/, 'le dictionnaire distant n’est pas du texte UTF-8'],
  [/cannot fetch remote pack (\S+): /, 'impossible de télécharger le dictionnaire distant $1 : '],
  [/remote pack (\S+) answered HTTP (\d+)/, 'le dictionnaire distant $1 a répondu HTTP $2'],
  [/remote pack (\S+) (\S+) is older than the installed (\S+): refused \(versions never go backwards\)/, 'dictionnaire distant $1 $2 plus ancien que la version installée $3 : refusé (une version ne recule jamais)'],
  [/remote pack (\S+) (\S+) changed without a new version number: raise "version" and sign again/, 'dictionnaire distant $1 $2 modifié sans nouveau numéro de version : augmentez « version » et signez à nouveau'],
  [/remote pack is an unsigned compiled pack: sign it with/, 'le dictionnaire distant est un dictionnaire compilé non signé : signez-le avec'],
  [/remote pack is not a signed-pack envelope: /, 'le dictionnaire distant n’est pas une enveloppe signée : '],
  [/remote pack is not valid JSON/, 'le dictionnaire distant n’est pas du JSON valide'],
  [/signature does not match: the pack was modified after signing, or signed with another key/, 'la signature ne correspond pas : le dictionnaire a été modifié après signature, ou signé avec une autre clé'],
  [/signed with another key \(key id (\S+); packPublicKey has key id (\S+)\)/, 'signé avec une autre clé (id $1 ; packPublicKey a l’id $2)'],
  [/signature must be 64 bytes \(ECDSA P-256 r‖s\), got (\d+)/, 'la signature doit faire 64 octets (ECDSA P-256 r‖s), elle en fait $1'],
  [/signature is not base64/, 'la signature n’est pas du base64'],
  [/signed payload is not a valid pack: /, 'le contenu signé n’est pas un dictionnaire valide : '],
  [/signed payload is not UTF-8 JSON/, 'le contenu signé n’est pas du JSON UTF-8'],
  [/pack (\S+) (\S+) expired on (\S+)/, 'dictionnaire $1 $2 expiré le $3'],
  [/pack issued in the future \(([^)]+)\): check the signing machine's clock/, 'dictionnaire émis dans le futur ($1) : vérifiez l’horloge de la machine de signature'],
  [/packPublicKey is not base64: expected the one-line key written by/, 'packPublicKey n’est pas du base64 : attendu la clé sur une ligne écrite par'],
  [/packPublicKey is not an ECDSA P-256 public key \(SPKI\)/, 'packPublicKey n’est pas une clé publique ECDSA P-256 (SPKI)'],
  [/unsupported envelope version \(this extension reads version (\d+)\)/, 'version d’enveloppe non prise en charge (cette extension lit la version $1)'],
];

/** One problem line (as the background or formatProblem wrote it) in the page's language. */
export function problemLine(line: string, lang: UiLocale): string {
  if (lang !== 'fr') return line;
  let out = line;
  for (const [re, fr] of FRENCH) out = out.replace(re, fr);
  return out;
}

/** A located problem, formatted and translated. */
export function problemText(p: SourceProblem, lang: UiLocale): string {
  return problemLine(formatProblem(p), lang);
}
