/**
 * Scrubs an unanswered question before it is stored: e-mail addresses, URLs, phone numbers, anything with a
 * digit, and name-like tokens are replaced by placeholders, then the wording is normalised (lower case, single
 * spaces) so that the same question from several people groups together. What cannot be told apart from a
 * name is removed: losing a word of a question is better than keeping a name.
 */

/** Longer text is cut before scrubbing: real questions are short, and a long message is more likely personal. */
export const MAX_QUESTION_CHARS = 300;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)\S+/giu;
/** A token with a domain in it (comune.milano.it, inps.it/servizi): tested per token, so it stays linear. */
const DOMAIN_IN_TOKEN = /[\p{L}\p{N}]\.(?:it|com|org|net|eu|gov|info|io|me|ly|co|uk|fr|es|al|ua|pk|bd|cn)(?![\p{L}\p{N}])/iu;
const HANDLE = /(^|[\s(])@[\p{L}\p{N}_.]+/gu;
/** A run of at least 7 digits with the separators people type in phone numbers, optionally after a +. */
const PHONE = /\+?\p{Nd}[\p{Nd}\s().\/-]{5,}\p{Nd}/gu;
const HAS_DIGIT = /\p{Nd}/u;

/**
 * Words after which a name follows, in the supported languages. For languages written without spaces
 * (Chinese) the name is the run of Han characters that follows.
 */
const NAME_INTRODUCERS = [
  'mi chiamo', 'il mio nome è', "il mio nome e'", 'il mio nome e', 'mi chiamano', 'signor', 'signora', 'sig\\.ra', 'sig\\.?', 'dott\\.?', 'dott\\.ssa',
  'my name is', "my name's", 'i am called', "i'm called", 'mr\\.?', 'mrs\\.?', 'ms\\.?', 'dr\\.?',
  "je m['’]appelle", 'mon nom est', "je m['’]appelle", 'monsieur', 'madame', 'mme\\.?',
  'me llamo', 'mi nombre es', 'señor', 'señora', 'sr\\.?', 'sra\\.?',
  'quhem', 'emri im është', 'emri im eshte', 'unë quhem',
  'мене звати', "моє ім['’]я", 'мене звуть', 'меня зовут',
  'اسمي', 'انا اسمي', 'میرا نام', 'আমার নাম',
];
const INTRODUCED_NAME = new RegExp(
  `(^|[\\s,;:(])(${NAME_INTRODUCERS.join('|')})(\\s+)([^\\s,;:.!?]+)((?:\\s+[^\\s,;:.!?]+){0,2})`,
  'giu',
);
const HAN_NAME = /(我叫|我的名字是|我名叫|我是)[\p{Script=Han}]{1,4}/gu;

/** Capitalised words that are not names: the English pronoun and the offices people ask about. */
const KEEP_CAPITALISED = new Set(
  [
    'i', "i'm", 'i’m', "i've", "i'd", "i'll",
    'inps', 'inail', 'isee', 'spid', 'caf', 'cup', 'asl', 'ats', 'asst', 'ssn', 'cie', 'naspi', 'imu', 'tari', 'pec',
    'ue', 'eu', 'unhcr', 'sai', 'cas', 'cpia', 'iban', 'cv', 'ok', 'sos', 'rdc', 'adi', 'sfl', 'isee.', 'stp', 'eni',
    'questura', 'prefettura', 'comune', 'permesso', 'soggiorno', 'codice', 'fiscale', 'carta', 'identità', 'tessera',
    'sanitaria', 'agenzia', 'entrate', 'poste', 'italiane', 'italia', 'italy', 'lombardia', 'regione', 'ministero',
    'interno', 'caritas', 'sportello', 'ufficio', 'anagrafe', 'pronto', 'soccorso', 'tribunale', 'ambasciata',
    'consolato', 'scuola', 'ospedale', 'medico', 'pediatra', 'assegno', 'unico', 'bonus', 'reddito',
  ],
);

const SENTENCE_END = /[.!?¡¿…:;。！？؟]["')\]»”]*$/u;
const LEADING_PUNCTUATION = /^[("'«“‘¿¡[]+/u;

/**
 * Returns the scrubbed, normalised question, or undefined when nothing worth keeping remains. It runs inside
 * the engine's call, so every pattern is linear or bounded by the length cut.
 *
 * @example scrubQuestion('Mi chiamo Ahmed, chiamami al 333 1234567') // 'mi chiamo [name], chiamami al [phone]'
 */
export function scrubQuestion(question: string): string | undefined {
  let text = question
    .normalize('NFC')
    .slice(0, MAX_QUESTION_CHARS)
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ');
  text = text.replace(EMAIL, ' [email] ');
  text = text.replace(URL, ' [url] ');
  text = text.replace(HANDLE, '$1[name]');
  text = text.replace(PHONE, ' [phone] ');
  text = text.replace(INTRODUCED_NAME, (_m, before: string, introducer: string, space: string, _name: string, more: string) => {
    // A name may have two or three parts: the capitalised words right after the first go too.
    const rest = more.replace(/^(?:\s+\p{Lu}\S*)+/u, '');
    return `${before}${introducer}${space}[name]${rest}`;
  });
  text = text.replace(HAN_NAME, '$1[name]');
  text = scrubTokens(text);
  const normalised = text
    .toLowerCase()
    .replace(/(\[(?:name|number|phone|email|url)\])(?:\s*\1)+/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim()
    .replace(/[\s,;:.!?。！？؟]+$/u, '');
  const meaningful = normalised.replace(/\[(?:name|number|phone|email|url)\]/g, '').replace(/[\s\p{P}\p{S}]+/gu, '');
  return meaningful.length === 0 ? undefined : normalised;
}

/** Token by token: anything with a digit becomes [number], a capitalised word not starting a sentence [name]. */
function scrubTokens(text: string): string {
  const tokens = text.split(/\s+/u).filter((t) => t.length > 0);
  const out: string[] = [];
  let sentenceStart = true;
  for (const token of tokens) {
    const startsSentence = sentenceStart;
    sentenceStart = SENTENCE_END.test(token);
    if (/^\[(?:name|number|phone|email|url)\]/.test(token)) {
      out.push(token);
      continue;
    }
    if (DOMAIN_IN_TOKEN.test(token)) {
      out.push('[url]');
      continue;
    }
    if (HAS_DIGIT.test(token)) {
      out.push('[number]');
      continue;
    }
    const word = token.replace(LEADING_PUNCTUATION, '');
    const first = word.charAt(0);
    const capitalised = first !== '' && /\p{Lu}/u.test(first);
    if (capitalised && !startsSentence && !KEEP_CAPITALISED.has(stripTrailing(word).toLowerCase())) {
      out.push(`[name]${trailingPunctuation(word)}`);
      continue;
    }
    out.push(token);
  }
  return out.join(' ');
}

function stripTrailing(word: string): string {
  return word.replace(/[\p{P}]+$/u, '');
}

function trailingPunctuation(word: string): string {
  return /[\p{P}]+$/u.exec(word)?.[0] ?? '';
}
