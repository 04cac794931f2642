import TurndownService from 'turndown';

/**
 * Article HTML to Markdown an operator can read and copy from: "#" headings, "-" lists, links kept as
 * [text](address), images and media dropped (an answer is plain chat text).
 */

const MEDIA = new Set(['IMG', 'PICTURE', 'SOURCE', 'SVG', 'VIDEO', 'AUDIO', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'MAP']);

function createService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '* * *',
  });
  // A rule, not service.remove(): turndown's own image rule would win over a removal.
  service.addRule('media', { filter: (node) => MEDIA.has(node.nodeName.toUpperCase()), replacement: () => '' });
  // "- item" and "1. item", as the answers themselves are written (turndown pads markers to four columns).
  service.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1) || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, '\n' + ' '.repeat(prefix.length));
      return prefix + body + (node.nextSibling && !/\n$/.test(body) ? '\n' : '');
    },
  });
  service.addRule('links', {
    filter: 'a',
    replacement(content, node) {
      const text = content.replace(/\s+/g, ' ').trim();
      // A link around an image only: nothing left to read.
      if (!text) return '';
      const href = (node as HTMLElement).getAttribute('href')?.trim() ?? '';
      // In-page anchors, javascript: and file: links (a saved page with no address): the text alone.
      if (!/^(https?:|mailto:)/i.test(href)) return content;
      if (href === text) return href;
      // Parentheses would end the Markdown link early (encodeURIComponent leaves them as they are).
      return `[${text}](${href.replaceAll('(', '%28').replaceAll(')', '%29')})`;
    },
  });
  return service;
}

let service: TurndownService | undefined;

export function toMarkdown(html: string): string {
  service ??= createService();
  return service
    .turndown(html)
    .split('\n')
    // Removed images leave double spaces inside a line; indentation at the start of a line stays.
    .map((line) => line.replace(/\s+$/, '').replace(/(\S) {2,}(?=\S)/g, '$1 '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
