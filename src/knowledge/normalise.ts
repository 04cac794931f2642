/**
 * Text normalisation for matching (never for display): people type without accents, with Arabic or Persian
 * letter variants, with native digits, in full-width forms. Both the index and the questions go through here,
 * so that "Permésso", "permesso" and "PERMESSO" are the same word, and so are "كيف" and "کیف".
 */

/** Arabic and Urdu letters that are written several ways: each maps to one canonical form. */
const ARABIC_LETTER_VARIANTS: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ی',
  'ي': 'ی',
  'ئ': 'ی',
  'ۓ': 'ے',
  'ك': 'ک',
  'ة': 'ه',
  'ۃ': 'ه',
  'ہ': 'ه',
  'ۂ': 'ه',
  'ھ': 'ه',
  'ؤ': 'و',
};

const ARABIC_VARIANT_PATTERN = new RegExp(`[${Object.keys(ARABIC_LETTER_VARIANTS).join('')}]`, 'g');

/** Tashkil (short vowels), Quranic marks, superscript alef and tatweel carry no meaning for matching. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Combining marks that decorate Latin, Greek and Cyrillic letters (accents, cedilla, breve, diaeresis). */
const LATIN_CYRILLIC_MARKS = /([\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])[\u0300-\u036F]+/gu;

/** Invisible characters that change nothing for matching: joiners, direction marks, soft hyphen, BOM. */
const INVISIBLES = /[\u00AD\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Arabic-Indic, Extended Arabic-Indic (Persian/Urdu), Bengali and Devanagari digits. */
const NATIVE_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\u09E6-\u09EF\u0966-\u096F]/g;
const DIGIT_BLOCK_STARTS = [0x0660, 0x06f0, 0x09e6, 0x0966];

function asciiDigit(ch: string): string {
  const code = ch.codePointAt(0)!;
  for (const start of DIGIT_BLOCK_STARTS) if (code >= start && code <= start + 9) return String(code - start);
  return ch;
}

/**
 * NFKC, case folding, accents removed from Latin/Cyrillic letters (the marks of Bengali and other
 * abugidas are letters' vowels and stay), Arabic-script variants unified, native digits made ASCII.
 */
export function normalise(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLES, '');
  s = s.toLowerCase().replace(/ß/g, 'ss').replace(/[’ʼ`´]/g, "'");
  s = s.normalize('NFD').replace(LATIN_CYRILLIC_MARKS, '$1').normalize('NFC');
  s = s.replace(ARABIC_MARKS, '').replace(ARABIC_VARIANT_PATTERN, (ch) => ARABIC_LETTER_VARIANTS[ch] ?? ch);
  s = s.replace(NATIVE_DIGITS, asciiDigit);
  // Letters that Latin keyboards lack: folded to what people type instead.
  return s.replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/đ/g, 'd').replace(/ł/g, 'l').replace(/ı/g, 'i');
}
