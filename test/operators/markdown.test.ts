import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../src/importer/markdown.js';

describe('toMarkdown', () => {
  it('writes "#" headings, "- " and "1. " lists, and **bold**', () => {
    const md = toMarkdown('<h2>Documenti</h2><ol start="3"><li>passaporto</li><li>foto</li></ol><ul><li>uno<ul><li>dentro</li></ul></li></ul><p><strong>Importante</strong>: gratis.</p>');
    expect(md).toBe('## Documenti\n\n3. passaporto\n4. foto\n\n- uno\n  - dentro\n\n**Importante**: gratis.');
  });

  it('keeps links as [text](address); an image link, a picture and an in-page anchor leave no trace of the link', () => {
    const md = toMarkdown(
      '<p>Vedi <a href="https://www.inps.test/prestazioni/assegno-unico-(auu)">la pagina INPS</a>, scrivi a <a href="mailto:urp@comune.test">URP</a>, ' +
        'torna <a href="#top">su</a>. <a href="https://x.test/"><img src="a.png" alt="logo"></a><picture><img src="b.jpg"></picture> ' +
        '<a href="https://www.agenziaentrate.test/">https://www.agenziaentrate.test/</a> <a href="javascript:void(0)">Stampa</a></p>',
    );
    expect(md).toBe(
      'Vedi [la pagina INPS](https://www.inps.test/prestazioni/assegno-unico-%28auu%29), scrivi a [URP](mailto:urp@comune.test), torna su. https://www.agenziaentrate.test/ Stampa',
    );
  });

  it('empty input gives empty Markdown', () => {
    expect(toMarkdown('')).toBe('');
  });
});
