// fr-compromise ships raw .ts typings that fail under `strict`; this is the
// narrow surface the dictionary compiler uses.
declare module 'fr-compromise' {
  interface FrView {
    adjectives(): { conjugate(): unknown };
    verbs(): { conjugate(): unknown };
    nouns(): { toPlural(): FrView };
    text(): string;
  }
  const nlp: (text: string) => FrView;
  export default nlp;
}
