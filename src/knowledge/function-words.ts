import type { Lang } from '../engine/types.js';

/**
 * Short, very common words of each language as people type them in chat (without accents: they are
 * normalised anyway). They give language detection a footing that does not depend on the knowledge files,
 * and for Arabic, Urdu and Bengali they include the usual Latin-letter chat spellings.
 */
export const FUNCTION_WORDS: Record<Lang, string> = {
  it: `il lo la le gli di del della dei delle che non per con come cosa sono ho hai ha mi ti si ci un una uno
    anche se ma dove quando quanto quanti perche posso devo mio mia miei mie sul sulla nel nella alla allo dal
    dalla questo questa quello fare fatto serve servono sei siamo avete grazie ancora gia solo dopo prima
    voglio vorrei bisogna qualcuno niente tutto tutti molto poco io tu lui lei noi voi loro`,
  en: `the a an of to in on for with is are was were be been have has had do does did can could should would
    will my your his her our their i you he she we they it this that what how where when why who which not
    no yes and or but if from at by about there here get got need want please thanks any some`,
  fr: `le la les un une des du de et est sont je tu il elle nous vous ils elles ce cette ces mon ma mes ton ta
    que qui quoi comment ou quand pourquoi pas ne avec pour dans sur au aux est-ce peux dois faut avoir etre
    suis ai as fait mais si merci bonjour quel quelle quels encore deja aussi tres`,
  es: `el la los las un una unos unas de del y es son yo tu el ella nosotros ustedes ellos mi mis tu tus su sus
    que quien como donde cuando cuanto cuanta por para con sin en al no si pero puedo tengo tiene hay hacer
    necesito quiero gracias esta estoy estan ya tambien muy porque hasta desde`,
  sq: `dhe te ne me per nga qe si ku kur sa une ti ai ajo ne ju ata jam je eshte jemi jane kam ke ka kemi keni
    kane mund duhet nuk jo po mire faleminderit cfare pse une im ime yt jote tij saj kete ate keto ato nje
    edhe apo ose por se pa tek deri mbi nese`,
  zh: '',
  uk: '',
  ar: `kifash kifesh kif kayf keef shu sho shou chou wesh wach wash ana enta enti inta inti fin fein fen
    bdi baddi bidi 3andi andi ma3 m3a mafi fi ya3ni yalla wallah mumkin momken imta emta leh lesh laysh
    3la ala shi chi ila men min hal`,
  ur: `kya kia hai hain ka ki ke ko se mein mai main mera meri mere mujhe hum aap ap kaise kese kaisay kahan
    kab kyun nahi nahin karna karen kare karo krna krne kar raha rahi sakta sakti chahiye bhai ji yeh ye
    woh wo kitna kitne liye lye`,
  bn: `ami amar amake apni apnar ki kivabe kibhabe kemne kothay kokhon keno korbo korte kori koren korle
    hobe hoy ache achhe nai nei dorkar lagbe jabe jai jabo ekhon eta ota tumi tomar bhai apu vai kono
    onek kotodin koto`,
};
