import { sanitizeText } from './sanitize'

const SOFTWARE_NAMES: Record<string, string> = {
  mastodon: 'Mastodon',
  'glitch-soc': 'glitch-soc',
  gotosocial: 'GoToSocial',
}

/** "Mastodon 4.3.2", "GoToSocial 0.17.3"; null for unknown software (the caller translates). */
export function softwareLabel(software: string, version: string): string | null {
  const name = SOFTWARE_NAMES[software]
  if (!name) return null
  // GoToSocial reports "0.17.3 git-abc123": the build suffix goes to the tooltip.
  const v = sanitizeText(version, 40).split(/\s+/)[0]
  return v ? `${name} ${v}` : name
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/**
 * A localized relative time ("2 minutes ago", "vor 2 Minuten") for an RFC 3339
 * timestamp, or null when the timestamp is missing/invalid or less than a minute old.
 */
export function relativeTime(iso: string, now: number, locale: string): string | null {
  if (!iso) return null
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return null
  const seconds = Math.round((then - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 60) return null
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (abs >= size) return fmt.format(Math.round(seconds / size), unit)
  }
  return null
}
