/**
 * Approximate and small quantities the recognizer does not resolve ("une cinquantaine", "a few", "a couple of").
 * Phrases are folded (lower case, no accents). `article` marks "un/une/a/an/one", only read before a unit.
 */
export interface NumberWord {
  phrase: string;
  value: number;
  article?: boolean;
}

export const NUMBER_WORDS: readonly NumberWord[] = [
  // French approximations
  { phrase: 'une dizaine|(?:une )?10aine', value: 10 },
  { phrase: '(?:une )?15aine', value: 15 },
  { phrase: '(?:une )?20aine', value: 20 },
  { phrase: '(?:une )?30aine', value: 30 },
  { phrase: '(?:une )?40aine', value: 40 },
  { phrase: '(?:une )?50aine', value: 50 },
  { phrase: '(?:une )?100aine', value: 100 },
  { phrase: 'une douzaine', value: 12 },
  { phrase: 'une quinzaine', value: 15 },
  { phrase: 'une vingtaine', value: 20 },
  { phrase: 'une trentaine', value: 30 },
  { phrase: 'une quarantaine', value: 40 },
  { phrase: 'une cinquantaine', value: 50 },
  { phrase: 'une soixantaine', value: 60 },
  { phrase: 'une centaine', value: 100 },
  { phrase: 'dizaines', value: 30 },
  { phrase: '(?:quelques|plusieurs) centaines', value: 300 },
  { phrase: 'un millier', value: 1000 },
  { phrase: '(?:quelques|plusieurs) milliers', value: 3000 },
  { phrase: 'quelques', value: 3 },
  { phrase: 'plusieurs', value: 4 },
  { phrase: 'deux ou trois', value: 3 },
  { phrase: 'trois ou quatre', value: 4 },
  // English approximations
  { phrase: 'a dozen', value: 12 },
  { phrase: 'dozens', value: 30 },
  { phrase: 'a couple(?: of)?', value: 2 },
  { phrase: 'couple of', value: 2 },
  { phrase: 'a few', value: 3 },
  { phrase: 'few', value: 3 },
  { phrase: 'several', value: 4 },
  { phrase: 'a handful(?: of)?', value: 5 },
  { phrase: '(?:a few|several) hundred', value: 300 },
  { phrase: 'hundreds', value: 200 },
  { phrase: 'thousands', value: 2000 },
  { phrase: 'a hundred', value: 100 },
  { phrase: 'a thousand', value: 1000 },
  // Small cardinals, so durations work without the recognizer ("sous trois mois", "within two weeks")
  { phrase: 'deux|two', value: 2 },
  { phrase: 'trois|three', value: 3 },
  { phrase: 'quatre|four', value: 4 },
  { phrase: 'cinq|five', value: 5 },
  { phrase: 'six', value: 6 },
  { phrase: 'sept|seven', value: 7 },
  { phrase: 'huit|eight', value: 8 },
  { phrase: 'neuf|nine', value: 9 },
  { phrase: 'dix|ten', value: 10 },
  { phrase: 'onze|eleven', value: 11 },
  { phrase: 'douze|twelve', value: 12 },
  { phrase: 'quinze|fifteen', value: 15 },
  { phrase: 'dix-huit|eighteen', value: 18 },
  { phrase: 'vingt|twenty', value: 20 },
  { phrase: 'trente|thirty', value: 30 },
  // Articles: one of something ("un mois", "a week", "one person")
  { phrase: 'un|une|one|a|an|un seul|une seule', value: 1, article: true },
];

// Number words worth asking the recognizer about ("un"/"one" alone are read from the table above).
const NUMBER_WORD = String.raw`(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|nonante|cents?|mille|millions?|milliards?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)`;
const JOINER = String.raw`(?:un|une|one|a|et|and)`;

/** A run of number words: "quarante mille", "trente-cinq", "two hundred and fifty". */
export const NUMBER_WORD_RUN = new RegExp(
  String.raw`(?<![a-z])(?:${JOINER}[ -])?${NUMBER_WORD}(?:(?:[ -]|[ -]${JOINER}[ -])${NUMBER_WORD})*(?![a-z])`,
  'g',
);

/** Cardinal words (folded) and their values, French and English, for the number-words parser. */
export const NUMBER_WORD_VALUES: Readonly<Record<string, number>> = {
  un: 1, une: 1, one: 1, a: 1,
  deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5, six: 6,
  sept: 7, seven: 7, huit: 8, eight: 8, neuf: 9, nine: 9,
  dix: 10, ten: 10, onze: 11, eleven: 11, douze: 12, twelve: 12, treize: 13, thirteen: 13,
  quatorze: 14, fourteen: 14, quinze: 15, fifteen: 15, seize: 16, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
  vingt: 20, vingts: 20, twenty: 20, trente: 30, thirty: 30, quarante: 40, forty: 40,
  cinquante: 50, fifty: 50, soixante: 60, sixty: 60, septante: 70, seventy: 70,
  huitante: 80, octante: 80, eighty: 80, nonante: 90, ninety: 90,
  cent: 100, cents: 100, hundred: 100,
  mille: 1000, thousand: 1000,
  million: 1e6, millions: 1e6,
  milliard: 1e9, milliards: 1e9, billion: 1e9,
};
