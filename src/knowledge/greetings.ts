import { words } from './tokenise.js';

/**
 * Greetings in the ten languages (and the Latin-letter chat forms of the Arabic, Urdu and Bengali ones),
 * with the small talk that comes with them ("hello, anyone there?"). A message is a greeting when it holds at
 * least one greeting and nothing else but such small talk: "ciao, come rinnovo il permesso?" is a question.
 */
const GREETINGS = [
  // it
  'ciao', 'salve', 'buongiorno', 'buon giorno', 'buonasera', 'buona sera', 'buon pomeriggio', 'buonanotte', 'ehi', 'ehila',
  // en
  'hello', 'hi', 'hey', 'hiya', 'helo', 'hallo', 'good morning', 'good afternoon', 'good evening', 'greetings', 'howdy', 'yo',
  // fr
  'bonjour', 'bonsoir', 'salut', 'coucou', 'allo',
  // es
  'hola', 'buenos dias', 'buenas tardes', 'buenas noches', 'buenas', 'saludos',
  // ar
  'مرحبا', 'مرحبتين', 'مرحباً', 'اهلا', 'أهلا', 'اهلين', 'أهلين', 'أهلا وسهلا', 'السلام عليكم', 'سلام عليكم', 'سلام', 'صباح الخير', 'مساء الخير', 'هاي', 'هلا',
  'marhaba', 'salam', 'salaam', 'ahlan', 'assalamu alaikum', 'assalamualaikum', 'salam alaikum', 'asalam alaikum', 'as salam alaikum', 'slm',
  // sq
  'pershendetje', 'tungjatjeta', 'tung', 'miredita', 'mirembrema', 'miremengjes', 'ckemi', 'c kemi', 'si jeni',
  // zh
  '你好', '您好', '嗨', '哈喽', '哈罗', '早上好', '早安', '下午好', '晚上好', '大家好',
  // uk
  'привіт', 'вітаю', 'добрий день', 'доброго дня', 'добрий вечір', 'доброго вечора', 'доброго ранку', 'добрий ранок', 'здрастуйте', 'здравствуйте', 'добридень',
  // ur
  'السلام علیکم', 'اسلام علیکم', 'سلام علیکم', 'آداب', 'ہیلو', 'ہائے', 'assalam o alaikum', 'aoa', 'adaab', 'adab',
  // bn
  'নমস্কার', 'নমস্তে', 'হ্যালো', 'হাই', 'হেলো', 'আসসালামু আলাইকুম', 'আসসালামুআলাইকুম', 'সালাম', 'শুভ সকাল', 'শুভ সন্ধ্যা', 'আদাব', 'nomoskar', 'namaskar', 'nomoshkar',
];

const SMALL_TALK = [
  // it
  'c e qualcuno', 'ce qualcuno', 'qualcuno', 'ci sei', 'ci siete', 'come stai', 'come va', 'tutto bene', 'a tutti', 'amico', 'ponte', 'bot',
  // en
  'anyone there', 'is anyone there', 'anybody there', 'anyone', 'anybody', 'someone there', 'is there anyone', 'how are you', 'how r u', 'there', 'friend', 'everyone', 'all', 'bot', 'sir', 'madam',
  // fr
  'il y a quelqu un', 'y a quelqu un', 'quelqu un', 'ca va', 'comment ca va', 'vous etes la', 'tout le monde',
  // es
  'hay alguien', 'alguien', 'como estas', 'como esta', 'que tal', 'a todos', 'amigo',
  // ar
  'في حدا', 'فيه حد', 'حدا هون', 'حد هنا', 'كيفك', 'كيف حالك', 'ازيك', 'ورحمة الله', 'ورحمة الله وبركاته', 'وبركاته', 'يا جماعة', 'اخي', 'ya jama3a', 'kifak', 'labas', 'wa rahmatullah', 'alaikum', 'alaykum', 'alejkum', 'alikum',
  // sq
  'a ka njeri', 'ka njeri', 'si je', 'si jeni', 'si keni', 'miku',
  // zh
  '有人吗', '有人在吗', '在吗', '在不在', '请问', '你们好',
  // uk
  'є хтось', 'хтось тут', 'хтось є', 'як справи', 'усім', 'всім',
  // ur
  'کوئی ہے', 'کیا کوئی ہے', 'کیسے ہیں', 'کیا حال ہے', 'بھائی', 'جی', 'wa alaikum', 'koi hai', 'bhai', 'ji',
  // bn
  'কেউ আছেন', 'কেউ আছে', 'কেউ', 'আছেন', 'কেমন আছেন', 'ভাই', 'আপু', 'sobai', 'keu achen', 'kemon achen',
];

type Phrase = string[];

function phrases(list: string[]): Phrase[] {
  return list.map((p) => words(p)).filter((p) => p.length > 0);
}

const GREETING_PHRASES = phrases(GREETINGS);
const SMALL_TALK_PHRASES = phrases(SMALL_TALK);

function matchAt(tokens: string[], at: number, list: Phrase[]): number {
  let longest = 0;
  for (const phrase of list) {
    if (phrase.length <= longest || at + phrase.length > tokens.length) continue;
    if (phrase.every((w, i) => tokens[at + i] === w)) longest = phrase.length;
  }
  return longest;
}

export function isGreeting(text: string): boolean {
  const tokens = words(text);
  if (tokens.length === 0 || tokens.length > 12) return false;
  let greeted = false;
  for (let at = 0; at < tokens.length; ) {
    const greeting = matchAt(tokens, at, GREETING_PHRASES);
    const talk = matchAt(tokens, at, SMALL_TALK_PHRASES);
    if (greeting === 0 && talk === 0) return false;
    if (greeting >= talk) greeted = true;
    at += Math.max(greeting, talk);
  }
  return greeted;
}
