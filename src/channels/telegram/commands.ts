import type { BotCommand } from 'grammy/types';
import { COMMANDS, LANGUAGES, type Lang } from '../../engine/types.js';
import type { Translator } from '../../i18n/translator.js';

/** The texts this channel adds to the engine's, in `locales/<lang>/telegram.json`. */
export const TELEGRAM_TEXT = {
  command: (name: string) => `telegram:commands.${name}`,
  locationButton: 'telegram:location_button',
  privateOnly: 'telegram:private_only',
  statsNotAvailable: 'telegram:stats_not_available',
} as const;

/** Telegram's limit for a command description. */
const DESCRIPTION_LIMIT = 256;

export interface CommandMenu {
  /** Absent for the menu shown to people whose app language Ponte does not speak. */
  language_code?: Lang;
  commands: BotCommand[];
}

/**
 * The command menu in each supported language, plus the default one, in Italian: the language the engine
 * speaks before anyone has chosen. /stats is not listed: it is for coordinators only.
 */
export function commandMenus(t: Translator): CommandMenu[] {
  const menu = (lang: Lang): BotCommand[] =>
    COMMANDS.map((command) => ({ command, description: t.t(lang, TELEGRAM_TEXT.command(command)).slice(0, DESCRIPTION_LIMIT) }));
  return [{ commands: menu('it') }, ...LANGUAGES.map((lang) => ({ language_code: lang, commands: menu(lang) }))];
}
