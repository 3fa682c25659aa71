import { describe, expect, it } from 'vitest'
import { relativeTime, softwareLabel } from '../src/format'

describe('softwareLabel', () => {
  it.each([
    ['mastodon', '4.3.2', 'Mastodon 4.3.2'],
    ['gotosocial', '0.17.3', 'GoToSocial 0.17.3'],
    ['glitch-soc', '4.3.2+glitch', 'glitch-soc 4.3.2+glitch'],
    ['mastodon', '', 'Mastodon'],
    ['gotosocial', '0.17.3 git-abc123', 'GoToSocial 0.17.3'],
  ])('%s %s → %s', (sw, v, want) => {
    expect(softwareLabel(sw, v)).toBe(want)
  })

  it('returns null for unknown software', () => {
    expect(softwareLabel('unknown', '1.0')).toBeNull()
    expect(softwareLabel('pleroma', '2.0')).toBeNull()
  })
})

describe('relativeTime', () => {
  const now = Date.parse('2025-01-01T12:00:00Z')
  it('formats minutes, hours and days in each language', () => {
    expect(relativeTime('2025-01-01T11:58:00Z', now, 'en')).toBe('2 minutes ago')
    expect(relativeTime('2025-01-01T11:58:00Z', now, 'de')).toBe('vor 2 Minuten')
    expect(relativeTime('2025-01-01T11:58:00Z', now, 'fr')).toBe('il y a 2 minutes')
    expect(relativeTime('2025-01-01T09:00:00Z', now, 'en')).toBe('3 hours ago')
    expect(relativeTime('2024-12-31T12:00:00Z', now, 'en')).toBe('yesterday')
  })

  it('returns null for under a minute, empty or invalid input', () => {
    expect(relativeTime('2025-01-01T11:59:30Z', now, 'en')).toBeNull()
    expect(relativeTime('', now, 'en')).toBeNull()
    expect(relativeTime('not a date', now, 'en')).toBeNull()
  })
})
