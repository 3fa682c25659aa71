import { createI18n } from 'vue-i18n'
import en from './locales/en.json'
import de from './locales/de.json'
import fr from './locales/fr.json'
import queueEn from './locales/queue.en.json'
import queueDe from './locales/queue.de.json'
import queueFr from './locales/queue.fr.json'

export const SUPPORTED_LOCALES = ['en', 'de', 'fr'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

export type MessageSchema = typeof en & typeof queueEn

// The queue and journal screens keep their strings in their own files.
export const messages: Record<AppLocale, MessageSchema> = {
  en: { ...en, ...queueEn },
  de: { ...de, ...queueDe },
  fr: { ...fr, ...queueFr },
}

const STORAGE_KEY = 'steward.locale'

export function isAppLocale(v: unknown): v is AppLocale {
  return typeof v === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(v)
}

/** Picks the first supported language from a list of BCP 47 tags ("de-CH" → "de"); en otherwise. */
export function pickLocale(tags: readonly (string | undefined | null)[]): AppLocale {
  for (const tag of tags) {
    if (!tag) continue
    const base = tag.toLowerCase().split(/[-_]/)[0]
    if (isAppLocale(base)) return base
  }
  return 'en'
}

function storedLocale(): AppLocale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isAppLocale(v) ? v : null
  } catch {
    return null
  }
}

export function rememberLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
}

/** The initial language: the user's earlier choice, else navigator.language(s), else en. */
export function initialLocale(): AppLocale {
  const stored = storedLocale()
  if (stored) return stored
  const nav = typeof navigator !== 'undefined' ? navigator : undefined
  return pickLocale([...(nav?.languages ?? []), nav?.language])
}

export function createAppI18n(locale: AppLocale = initialLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  })
}
