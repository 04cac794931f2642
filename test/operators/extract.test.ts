import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoReadableText } from '../../src/importer/errors.js';
import { declaredUrlOf, extractPage } from '../../src/importer/extract.js';
import { decodeHtml } from '../../src/importer/fetch-page.js';
import { fixture } from './support.js';

const ministry = readFileSync(fixture('ministry-page.html'), 'utf8');
const comune = readFileSync(fixture('comune-page.html'), 'utf8');
const BASE = 'https://www.ministero-esempio.test/it/temi/immigrazione/rinnovo-permesso';

describe('extracting the main text of a ministry page', () => {
  const page = extractPage(ministry, BASE, 'ministry-page.html');

  it('keeps the article: its sentences, headings and list', () => {
    expect(page.title).toBe('Rinnovo del permesso di soggiorno');
    expect(page.pageTitle).toBe("Rinnovo del permesso di soggiorno | Ministero dell'Esempio");
    expect(page.markdown).toContain('Il permesso di soggiorno va rinnovato prima della scadenza.');
    expect(page.markdown).toContain('si rinnovano direttamente in Questura.');
    expect(page.markdown).toContain('Gli sportelli per stranieri dei Comuni e dei patronati aiutano gratis a compilare il kit.');
    expect(page.markdown).toMatch(/^## Dove si presenta la domanda$/m);
    expect(page.markdown).toMatch(/^## Documenti da preparare$/m);
    expect(page.markdown).toMatch(/^- il permesso di soggiorno in scadenza;$/m);
    expect(page.markdown.match(/^- /gm)).toHaveLength(4);
  });

  it('keeps links as text and absolute address, and drops images', () => {
    expect(page.markdown).toContain('[i diritti di chi ha la ricevuta](https://www.ministero-esempio.test/it/temi/immigrazione/diritti-con-la-ricevuta)');
    expect(page.markdown).not.toMatch(/!\[|sportello\.jpg|<img/);
  });

  it('drops the menu, breadcrumbs, cookie banner, share buttons, related links, sidebar and footer', () => {
    for (const furniture of [
      'Il Ministero', 'Notizie e comunicati', 'Amministrazione trasparente', 'Contatti e URP', // menu
      'Immigrazione e asilo', 'Temi e attività', // breadcrumbs
      'cookie', 'Accetta tutti', 'Rifiuta tutti', // cookie banner
      'Condividi', 'Facebook', 'LinkedIn', 'WhatsApp', 'Invia per email', 'posta elettronica', // share buttons
      'Potrebbe interessarti anche', 'Contenuti correlati', 'Ricongiungimento familiare', 'nulla osta', // related links
      'Usiamo i cookie', 'statistiche', // a cookie dialog inside the article
      'In questa pagina', // the page's index
      'In evidenza', 'Bandi e avvisi', // sidebar
      'Note legali', 'Mappa del sito', 'Codice fiscale 00000000000', 'accessibilità', // footer
      'Vai al contenuto principale', 'Governo Italiano', 'Seguici su', 'Cerca nel sito', // skip links, header
      'gtag', 'dataLayer', // scripts
    ]) {
      expect(page.markdown, furniture).not.toContain(furniture);
      expect(page.text, furniture).not.toContain(furniture);
    }
  });

  it('hashes the readable text: 12 hex digits, the same for the same words in other markup', () => {
    expect(page.hash).toMatch(/^[0-9a-f]{12}$/);
    const restyled = ministry.replace(/class="field--name-body"/, 'class="body-v2" data-x="1"').replace('</head>', '<script>var build = 1234;</script></head>');
    expect(extractPage(restyled, BASE, 'x').hash).toBe(page.hash);
    const menuChanged = ministry.replace('Contatti e URP', 'Contatti');
    expect(extractPage(menuChanged, BASE, 'x').hash).toBe(page.hash);
    const reworded = ministry.replace('conservala con cura', 'conservala');
    expect(extractPage(reworded, BASE, 'x').hash).not.toBe(page.hash);
  });

  it('finds the address the page declares (canonical link)', () => {
    expect(declaredUrlOf(ministry)).toBe(BASE);
    expect(declaredUrlOf('<!-- saved from url=(0030)https://www.inps.test/pagina -->\n<html><body></body></html>')).toBe('https://www.inps.test/pagina');
    expect(declaredUrlOf('<html><head><link rel="canonical" href="/relative"></head></html>')).toBeUndefined();
  });
});

describe('extracting the main text of a comune page', () => {
  const page = extractPage(comune, 'https://www.comune.borgoesempio.test/servizi/iscrizione-anagrafica-stranieri', 'comune-page.html');

  it('keeps the service card', () => {
    expect(page.title).toBe('Iscrizione anagrafica dei cittadini stranieri');
    expect(page.markdown).toContain("La dichiarazione di residenza si presenta all'Ufficio Anagrafe con il modulo ministeriale");
    expect(page.markdown).toContain('Se hai dubbi, lo sportello stranieri del Comune ti aiuta a compilare il modulo.');
    expect(page.markdown).toContain("L'iscrizione anagrafica è gratuita.");
    expect(page.markdown).toMatch(/^## Cosa serve$/m);
    expect(page.markdown).toMatch(/^- Permesso di soggiorno valido, oppure la ricevuta della domanda di rinnovo$/m);
  });

  it('keeps the questions of an FAQ accordion (buttons that open a panel) as text', () => {
    expect(page.markdown).toMatch(/^### Posso dichiarare la residenza se ho solo la ricevuta del rinnovo\?$/m);
    expect(page.markdown).toContain('Sì: la ricevuta della domanda di rinnovo vale insieme al permesso scaduto.');
  });

  it('drops the header, menu, breadcrumb, page index, share menu, cookie bar, rating box and footer', () => {
    for (const furniture of [
      'Regione Esempio', "Accedi all'area personale", 'Vivere il comune', 'Tributi e pagamenti',
      'Anagrafe e stato civile', 'Indice della pagina', 'Condividi', 'Whatsapp', 'Instagram',
      'cookie', 'Accetto', 'Vai ai contenuti', 'Quanto sono chiare', 'stelle', 'Prenota appuntamento',
      'Informativa privacy', 'Note legali', 'direttiva comunitaria', 'Seguici su',
    ]) {
      expect(page.markdown, furniture).not.toContain(furniture);
    }
  });
});

describe('pages with nothing to import', () => {
  it('a page of menus only, an empty page, a fragment of a few words, a page built by scripts: NoReadableText', () => {
    const menusOnly = ministry.replace(/<main[\s\S]*<\/main>/, '<main></main>');
    const scriptsOnly = '<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script>render()</script></body></html>';
    for (const page of [menusOnly, '', '<p>Benvenuto</p>', 'testo semplice', scriptsOnly]) {
      expect(() => extractPage(page, BASE, 'page')).toThrow(NoReadableText);
    }
    expect(() => extractPage('', BASE, 'https://x.test/p')).toThrow('https://x.test/p has no readable text');
  });

  it('a page without <html> or <head> is read like a whole page', () => {
    const sentence = 'La tessera sanitaria si chiede alla ATS dopo l\'iscrizione al Servizio Sanitario Nazionale. ';
    const page = extractPage(`<title>Tessera</title><h1>Tessera</h1><p>${sentence.repeat(3)}</p><p>${sentence.repeat(3)}</p>`, BASE, 'fragment');
    expect(page.markdown).toContain('La tessera sanitaria si chiede');
    expect(page.pageTitle).toBe('Tessera');
  });

  it('a huge page (about 2 MB of text) is still read', () => {
    const paragraph = '<p>Il Centro per l\'Impiego aiuta a cercare lavoro e a scrivere il curriculum, gratuitamente, in molte città.</p>';
    const huge = `<html><head><title>Lavoro</title></head><body><nav>Menu</nav><article><h1>Lavoro</h1>${paragraph.repeat(18_000)}</article></body></html>`;
    expect(huge.length).toBeGreaterThan(2_000_000);
    const page = extractPage(huge, BASE, 'huge');
    expect(page.text.length).toBeGreaterThan(1_500_000);
    expect(page.markdown).not.toContain('Menu');
  });
});

describe('decoding the bytes of a page', () => {
  it('reads windows-1252 when the server or the page says so, and UTF-8 by default', () => {
    const latin = Buffer.from('<html><head><meta charset="windows-1252"></head><body>Città è perché</body></html>', 'latin1');
    expect(decodeHtml(latin)).toContain('Città è perché');
    expect(decodeHtml(Buffer.from('<p>Città è</p>', 'latin1'), 'text/html; charset=ISO-8859-1')).toContain('Città è');
    expect(decodeHtml(Buffer.from('<p>Città è</p>', 'utf8'))).toContain('Città è');
    expect(decodeHtml(Buffer.from('<p>Città</p>', 'utf8'), 'text/html; charset=no-such-charset')).toContain('Città');
  });
});
