// whatsapp-web.js depends on puppeteer, whose install script downloads a Chrome build.
// Ponte uses the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium) instead, so the download is skipped.
module.exports = { skipDownload: true };
