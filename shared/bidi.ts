// Names the user typed (a shop, a counter's label) set inside a translated sentence: isolated (U+2068
// … U+2069) so an Arabic name in an English line, or the reverse, keeps its own direction and
// cannot pull the sentence's numbers and punctuation across it.

export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
