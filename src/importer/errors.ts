import { PonteError } from '../errors.js';

/**
 * Why a page could not become a draft (or be watched). Each message is one line that names the address
 * and the reason, so an operator can tell a typo in the URL from a site that is down.
 */

/** The page could not be read: DNS, refused connection, timeout, an HTTP error status, too large. */
export class PageUnavailable extends PonteError {
  override name = 'PageUnavailable';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`cannot read ${source}: ${reason}`);
  }
}

/** The address answered with something that is not a web page (a PDF, an image, JSON...). */
export class NotHtml extends PonteError {
  override name = 'NotHtml';
  constructor(
    readonly source: string,
    readonly contentType: string,
  ) {
    super(`${source} is not an HTML page (${contentType}): save the text by hand or import the HTML page that links it`);
  }
}

/** The page has no main text once menus, banners and footers are gone (a login page, a page built by scripts). */
export class NoReadableText extends PonteError {
  override name = 'NoReadableText';
  constructor(readonly source: string) {
    super(`${source} has no readable text (only menus, banners or a page built by scripts): nothing to import`);
  }
}
