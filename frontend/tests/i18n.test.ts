import { describe, expect, it } from 'vitest'
import en from '../src/locales/en.json'
import de from '../src/locales/de.json'
import fr from '../src/locales/fr.json'
import { createAppI18n, pickLocale } from '../src/i18n'
import { ERROR_DETAILS, ERROR_KINDS } from '../src/errors'

type Tree = { [k: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )
}

function leaf(tree: Tree, path: string): string | Tree | undefined {
  return path.split('.').reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), tree)
}

const locales = { en, de, fr } as Record<string, Tree>

describe('locales', () => {
  const enKeys = keys(en).sort()

  it.each(['de', 'fr'])('%s has exactly the same keys as en', (l) => {
    expect(keys(locales[l]).sort()).toEqual(enKeys)
  })

  it.each(['en', 'de', 'fr'])('%s has no empty messages', (l) => {
    for (const k of keys(locales[l])) expect((leaf(locales[l], k) as string).trim(), `${l}:${k}`).not.toBe('')
  })

  it('has a message for every error kind and detail', () => {
    for (const k of ERROR_KINDS) expect(enKeys).toContain(`errors.kind.${k}`)
    for (const d of ERROR_DETAILS) expect(enKeys).toContain(`errors.detail.${d}`)
  })

  it('translates German and French rather than copying English', () => {
    const same = (l: string) =>
      enKeys.filter(
        (k) =>
          !k.startsWith('languages.') &&
          k !== 'app.title' &&
          k !== 'servers.connect.inputPlaceholder' && // an example domain
          leaf(locales[l], k) === leaf(en, k),
      )
    // Only words that are genuinely the same in both languages may match.
    expect(same('de').sort()).toEqual([
      'servers.columns.name',
      'servers.columns.software',
      'servers.columns.state',
      'servers.details.domain',
      'servers.details.software',
    ])
    expect(same('fr')).toEqual(['servers.columns.actions'])
  })

  it.each(['en', 'de', 'fr'] as const)('every %s message compiles and renders', (l) => {
    const i18n = createAppI18n(l)
    for (const k of keys(locales[l])) {
      const out = i18n.global.t(k, {
        n: 2,
        ago: 'x',
        provider: 'P',
        reports: 'R',
        servers: 'S',
        name: 'N',
        domain: 'D',
        done: 1,
        total: 3,
      })
      expect(out, `${l}:${k}`).not.toBe(k)
      expect(out).not.toMatch(/[{}]/)
    }
  })
})

describe('pickLocale', () => {
  it.each([
    [['de-DE'], 'de'],
    [['fr-CA', 'en'], 'fr'],
    [['de_AT'], 'de'],
    [['it-IT', 'fr'], 'fr'],
    [['es'], 'en'],
    [[], 'en'],
    [[undefined, null, ''], 'en'],
    [['EN-gb'], 'en'],
  ] as const)('%j → %s', (tags, want) => {
    expect(pickLocale(tags)).toBe(want)
  })
})
