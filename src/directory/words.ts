/**
 * Words around a place name in what people type ("abito a …", "I live in …", "j'habite à …"): they are
 * never matched approximately, so "vivo" does not become Livo nor "zona" Zone. Latin-script languages only:
 * other scripts never match a Latin place name by accident.
 */
export const FILLER = new Set(
  [
    // Italian
    'a ad al alla allo ai agli alle in nel nella nello nei negli nelle di del della dei degli delle da dal dalla dai',
    'per con su tra fra e ed o od il lo la l i gli le un uno una io mi ti si ci vi sono sei sto stai abito abiti',
    'vivo vivi viviamo abitiamo risiedo residente lavoro vicino zona provincia prov comune citta paese frazione qui',
    'qua ora adesso cerco dove sportello ufficio aiuto ciao buongiorno buonasera salve grazie prego favore non ho',
    'ha hai casa mia mio nato nata numero cap codice postale che chi cosa quale quella questo questa sono',
    // English
    'im am is are live lives living at near nearby close to from of the an my me we our city town village area',
    'hi hello please thanks thank help where stay staying work working postcode zip code it its in',
    // French
    'je j habite habites habitons suis vis au aux en dans du des pres chez moi ville bonjour merci',
    // Spanish
    'yo vive estoy soy cerca el los las ciudad hola gracias por',
    // Albanian
    'une jetoj banoj jam ne nga afer prane qytet qyteti pershendetje faleminderit',
  ]
    .join(' ')
    .split(' '),
);

/** Words that introduce a place ("a Como", "in Pero", "en Como", "à Crema"): a common-word comune name after one counts. */
export const LOCATIVE = new Set(['a', 'ad', 'in', 'di', 'da', 'at', 'en', 'ne', 'nga', 'near', 'vicino', 'presso', 'pres', 'from']);

/** Words that start a street name: "via Milano 3, Bergamo" mentions Bergamo, not Milano. */
export const STREET = new Set(['via', 'viale', 'piazza', 'piazzale', 'corso', 'largo', 'vicolo', 'strada', 'contrada', 'pza', 'vle']);

/**
 * Single-word comune names that are also everyday words in a supported language ("como" in Spanish, "opera",
 * "nave", "mese", "pero" …): matched only when the rest of the text is filler or a locative word precedes them.
 */
export const COMMON_WORD_NAMES = new Set([
  'como', 'mese', 'opera', 'pero', 'dello', 'nave', 'mura', 'onore', 'zone', 'torno', 'trovo', 'sommo', 'erba',
  'crema', 'asso', 'casto', 'cene', 'rea', 'leno', 'ome', 'isso', 'ello', 'calco', 'civo', 'cino', 'ranco', 'bema',
  'idro', 'lenna', 'mello',
]);

/** Words that place a name as a landmark, not as where the person is ("vicino a Milano", "cerca de Milán"). */
export const NEAR = new Set(['vicino', 'near', 'nearby', 'close', 'cerca', 'pres', 'afer', 'prane', 'presso', 'dintorni', 'around']);
