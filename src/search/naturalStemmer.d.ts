// natural ships no typings for its individual modules; we import the French Porter stemmer alone.
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const PorterStemmerFr: { stem(word: string): string };
  export default PorterStemmerFr;
}
